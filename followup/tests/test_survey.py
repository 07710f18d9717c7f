"""The survey of the structure's members on the effect goals (Västerbotten's five, seed 002
9.1): opened once a year by the county's coordinator, answered once by each member, read only
as aggregates and not at all under the small-number threshold."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Membership
from audit.models import AuditEvent
from followup import survey
from followup.models import FollowupSettings
from followup.survey import Answer
from followup.survey_models import SurveyAnswer, SurveyInvitation, SurveyRound
from meetings.tests.builders import coordinator, member, verified_login
from structure.actions import ConflictError
from structure.tests.builders import appoint, loaded_county, organisation

pytestmark = pytest.mark.django_db

BODY = "lanssamverkansgrupp"
QUESTIONS = [
    "struktur-tydlig",
    "kontinuitet-samma-personer",
    "organisation-effektiv",
    "moten-effektiva",
    "kultur-fortroende",
]


@pytest.fixture
def county():
    return loaded_county("vasterbotten")


def closes() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=14)


def members(county, n: int) -> list:
    return [
        member(county, BODY, f"seat-{i}", principal="region-vasterbotten", username=f"m{i}")
        for i in range(n)
    ]


def opened(county, n: int = 6) -> SurveyRound:
    members(county, n)
    return survey.do_open_survey_round(coordinator(), county, 2026, closes())


def everything(rating: int, comment: str = "") -> dict[str, Answer]:
    return {key: Answer(rating, comment) for key in QUESTIONS}


def test_the_coordinator_opens_the_round_to_every_member_once(county):
    seats = members(county, 3)
    # One person in two seats is asked once; a seat that ended yesterday is not asked.
    appoint(seats[0].person, "samrad-vard-omsorg", "another")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    member(county, BODY, "former", principal="region-vasterbotten", ends=yesterday)
    actor = coordinator()
    found = survey.do_open_survey_round(actor, county, 2026, closes())
    assert found.invitations.count() == 3
    assert [q["id"] for q in found.questions] == QUESTIONS
    assert found.questions[4]["goal_text"] == "God samverkanskultur och stärkta relationer"
    event = AuditEvent.objects.get(code="followup.survey_opened")
    assert event.params == {"year": 2026, "invited": 3, "closes_on": closes().isoformat()}
    assert event.actor == actor


def test_a_year_has_one_round(county):
    opened(county)
    with pytest.raises(ConflictError):
        survey.do_open_survey_round(coordinator(), county, 2026, closes())
    assert SurveyRound.objects.count() == 1


def test_only_the_countys_coordinators_open_a_round(county):
    [seat] = members(county, 1)
    with pytest.raises(PermissionDenied):
        survey.do_open_survey_round(seat.person.user, county, 2026, closes())
    elsewhere = coordinator()
    norrbotten = loaded_county("norrbotten")
    Membership.objects.create(
        user=elsewhere,
        organisation=organisation(norrbotten, "region-norrbotten"),
        role=Membership.Role.COORDINATOR,
    )
    with pytest.raises(PermissionDenied):
        survey.do_open_survey_round(elsewhere, county, 2026, closes())
    assert not SurveyRound.objects.exists()


def test_a_round_without_members_or_with_a_past_last_day_is_refused(county):
    with pytest.raises(ValidationError, match="Ingen har en plats"):
        survey.do_open_survey_round(coordinator(), county, 2026, closes())
    members(county, 1)
    with pytest.raises(ValidationError):
        survey.do_open_survey_round(coordinator(), county, 2026, timezone.localdate())
    assert not SurveyRound.objects.exists()


def test_a_member_answers_once_and_the_answers_name_no_one(county):
    found = opened(county)
    voter = found.invitations.first().person.user
    survey.do_answer_survey(voter, found, everything(4, "Bra möten"))
    assert SurveyInvitation.objects.get(round=found, person__user=voter).answered
    assert SurveyAnswer.objects.filter(round=found).count() == 5
    # The answer rows hold no person, no time and no order of their own.
    fields = {f.name for f in SurveyAnswer._meta.get_fields()}
    assert fields == {"id", "round", "question", "rating", "comment"}
    event = AuditEvent.objects.get(code="followup.survey_answered")
    assert event.params == {"year": 2026}
    with pytest.raises(ConflictError):
        survey.do_answer_survey(voter, found, everything(1))
    assert SurveyAnswer.objects.filter(round=found).count() == 5


def test_someone_not_asked_cannot_answer(county):
    found = opened(county)
    with pytest.raises(PermissionDenied):
        survey.do_answer_survey(coordinator(), found, everything(3))
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize(
    "answers",
    [
        {key: Answer(3) for key in QUESTIONS[:4]},
        {**everything(3), "struktur-tydlig": Answer(0)},
        {**everything(3), "struktur-tydlig": Answer(6)},
        {**everything(3), "okand": Answer(3)},
        everything(3, "x" * 501),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_kept(county, answers):
    found = opened(county)
    voter = found.invitations.first().person.user
    with pytest.raises(ValidationError):
        survey.do_answer_survey(voter, found, answers)
    assert not SurveyAnswer.objects.exists()
    assert not SurveyInvitation.objects.filter(answered=True).exists()


def test_a_closed_round_takes_no_answers(county):
    found = opened(county)
    SurveyRound.objects.filter(pk=found.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    found.refresh_from_db()
    with pytest.raises(ValidationError):
        survey.do_answer_survey(found.invitations.first().person.user, found, everything(3))


def test_results_under_the_threshold_show_only_how_many_answered(county):
    found = opened(county, 6)
    voters = [i.person.user for i in found.invitations.order_by("pk")]
    for rating, voter in zip([1, 2, 3, 4], voters, strict=False):
        survey.do_answer_survey(voter, found, everything(rating, f"kommentar {rating}"))
    shown = survey.results(found)
    assert (shown.invited, shown.answered, shown.threshold) == (6, 4, 5)
    assert shown.suppressed
    assert all(
        q.mean is None and q.distribution == {} and q.comments == [] for q in shown.questions
    )


def test_results_at_the_threshold_are_means_and_counts(county):
    found = opened(county, 6)
    voters = [i.person.user for i in found.invitations.order_by("pk")]
    for rating, voter in zip([1, 2, 4, 4, 5], voters, strict=False):
        survey.do_answer_survey(voter, found, everything(rating, "b" if rating == 4 else ""))
    shown = survey.results(found)
    assert not shown.suppressed and shown.answered == 5
    first = shown.questions[0]
    assert first.key == "struktur-tydlig" and first.answers == 5
    assert str(first.mean) == "3.2"
    assert first.distribution == {1: 1, 2: 1, 3: 0, 4: 2, 5: 1}
    assert first.comments == ["b", "b"]


def test_the_countys_own_threshold_applies(county):
    FollowupSettings.objects.create(county=county, small_number_threshold=2)
    found = opened(county, 3)
    for invitation in found.invitations.all()[:2]:
        survey.do_answer_survey(invitation.person.user, found, everything(5))
    assert not survey.results(found).suppressed


@pytest.mark.parametrize("stored", [[{"id": "x"}, "text", None, {"id": 3, "text": []}], {"a": 1}])
def test_odd_stored_questions_break_neither_the_results_nor_the_page(client, county, stored):
    found = opened(county, 1)
    SurveyRound.objects.filter(pk=found.pk).update(questions=stored)
    found.refresh_from_db()
    assert survey.results(found).questions == []
    verified_login(client, found.invitations.get().person.user)
    assert client.get(f"/uppfoljning/effektmal/{county.slug}/enkat/2026/").status_code == 200


# The pages.


def test_the_goals_page_lists_the_goals_and_offers_a_survey(client, county):
    actor = coordinator()
    verified_login(client, actor)
    page = client.get(f"/uppfoljning/effektmal/{county.slug}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "God samverkanskultur och stärkta relationer" in text
    assert "Länet har inte satt någon målnivå." in text
    assert f"/uppfoljning/effektmal/{county.slug}/enkat/" in text


def test_opening_asks_for_confirmation_first(client, county):
    members(county, 2)
    verified_login(client, coordinator())
    url = f"/uppfoljning/effektmal/{county.slug}/enkat/"
    data = {"year": timezone.localdate().year, "closes_on": closes().isoformat()}
    page = client.post(url, data)
    assert page.status_code == 200 and "Öppna enkäten?" in page.content.decode()
    assert not SurveyRound.objects.exists()
    done = client.post(url, {**data, "confirmed": "1"})
    assert done.status_code == 302
    assert SurveyRound.objects.get().invitations.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"year": "1900", "closes_on": "2026-12-01"},
        {"year": "2026", "closes_on": "not a day"},
        {"year": "x" * 5000, "closes_on": "1800-01-01"},
    ],
)
def test_bad_input_when_opening_is_said_in_swedish(client, county, data):
    verified_login(client, coordinator())
    page = client.post(f"/uppfoljning/effektmal/{county.slug}/enkat/", data)
    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()
    assert not SurveyRound.objects.exists()


def test_a_member_answers_on_the_page(client, county):
    found = opened(county, 2)
    voter = found.invitations.first().person.user
    verified_login(client, voter)
    url = f"/uppfoljning/effektmal/{county.slug}/enkat/2026/"
    page = client.get(url)
    assert page.status_code == 200 and "Jag vet vilka samverkansorgan som finns" in (
        page.content.decode()
    )
    missing = client.post(url, {"rating-struktur-tydlig": "3"})
    assert missing.status_code == 200
    assert "Välj hur mycket du instämmer, från 1 till 5." in missing.content.decode()
    assert not SurveyAnswer.objects.exists()
    data = {f"rating-{key}": "4" for key in QUESTIONS} | {"comment-moten-effektiva": "Bra"}
    assert client.post(url, data).status_code == 302
    assert SurveyAnswer.objects.count() == 5
    again = client.get(url)
    assert "Du har svarat på enkäten." in again.content.decode()


def test_pages_refuse_the_uninvited_and_unknown_years(client, county):
    opened(county, 1)
    outsider = member(county, "samrad-vard-omsorg", "late", username="late").person.user
    verified_login(client, outsider)
    assert client.get(f"/uppfoljning/effektmal/{county.slug}/enkat/2026/").status_code == 403
    assert client.get(f"/uppfoljning/effektmal/{county.slug}/enkat/2025/").status_code == 404
    assert client.get(f"/uppfoljning/effektmal/{county.slug}/enkat/99999/").status_code == 404
    assert client.get(f"/uppfoljning/effektmal/{county.slug}/").status_code == 403
    assert client.get("/uppfoljning/effektmal/okant/").status_code == 404


def test_the_survey_waits_in_the_members_inbox_until_answered(county):
    from inbox.queries import inbox_for

    found = opened(county, 1)
    voter = found.invitations.get().person.user
    [item] = [i for i in inbox_for(voter).items if i.source == "followup"]
    assert item.what == "Enkät om effektmålen 2026" and item.due_on == closes()
    assert item.url == f"/uppfoljning/effektmal/{county.slug}/enkat/2026/"
    survey.do_answer_survey(voter, found, everything(3))
    assert not [i for i in inbox_for(voter).items if i.source == "followup"]


def test_the_demo_opens_vasterbottens_round_once(county):
    from followup.survey_demo import ensure_demo_survey

    coordinator("samordnare-vasterbotten")
    for name in ("ordforande-vasterbotten", "justerare-vasterbotten"):
        member(county, BODY, name, principal="region-vasterbotten", username=name)
    assert ensure_demo_survey()
    found = SurveyRound.objects.get(county=county, year=timezone.localdate().year)
    assert found.invitations.filter(answered=True).count() == 2
    assert survey.results(found).suppressed
    assert not ensure_demo_survey()


# Any input to the forms: bounded values or a message, never an exception.

QUESTIONS_SHAPE = [
    {"goal": "g", "goal_text": "Mål", "id": key, "text": f"Påstående {key}"} for key in QUESTIONS
]


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["year", "closes_on", "x"]), st.text(max_size=40)))
def test_any_input_to_the_opening_form(data):
    from followup.forms import OpenSurveyForm

    form = OpenSurveyForm(data)
    if form.is_valid():
        assert form.cleaned_data["closes_on"] > timezone.localdate()
        assert form.cleaned_data["year"] in (
            timezone.localdate().year,
            timezone.localdate().year - 1,
        )


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f"rating-{k}" for k in QUESTIONS] + [f"comment-{k}" for k in QUESTIONS]),
        st.one_of(st.sampled_from(["1", "3", "5", "0", "6", "-1", ""]), st.text(max_size=600)),
    )
)
def test_any_input_to_the_answer_form(data):
    from followup.forms import AnswerForm

    form = AnswerForm(data, questions=QUESTIONS_SHAPE)
    if form.is_valid():
        answers = form.answers()
        assert set(answers) == set(QUESTIONS)
        assert all(1 <= a.rating <= 5 and len(a.comment) <= 500 for a in answers.values())
