"""The year's actions: who may plan, the version checks, the departures that need a reason, the
adoptions kept, and the members told of a change after adoption."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from meetings import planning, year_actions
from meetings.county_settings import quiet_periods, settings_for
from meetings.models import AgendaItem, Meeting, YearPlan
from meetings.tests.builders import at, coordinator, meeting, member, office_holder, user
from outbox.models import Mail
from structure.actions import ConflictError
from structure.tests.builders import appoint, loaded_county

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def county():
    return loaded_county("norrbotten")


@pytest.fixture
def chair(county):
    return office_holder(county, "lansstyrgrupp", "chair")


def propose(actor, county, body="lansstyrgrupp", year=2027, instance=""):
    return year_actions.do_propose_year_plan(actor, county, body, instance, year)


def first_ordinary(plan):
    return plan.meetings.filter(kind=Meeting.Kind.ORDINARY).order_by("starts_at").first()


def test_proposing_stores_the_meetings_and_the_committees(county, chair):
    plan = propose(chair, county)
    assert plan.state == YearPlan.State.PROPOSED
    assert plan.meetings.filter(kind=Meeting.Kind.ORDINARY).count() == 4
    themes = plan.meetings.filter(kind=Meeting.Kind.THEME_DAY)
    assert themes.count() == 2
    assert set(themes.values_list("with_body", flat=True)) == {"politisk-samverkansberedning"}
    committee = YearPlan.objects.get(county=county, body="lansstyrgrupp-au", year=2027)
    for prepared in committee.meetings.all():
        assert prepared.kind == Meeting.Kind.PREPARATORY
        assert (prepared.prepares.starts_at - prepared.starts_at).days >= 10
    assert AuditEvent.objects.filter(code="meetings.year_plan_proposed").count() == 1
    with pytest.raises(ValidationError):
        propose(chair, county)


def test_the_committee_waits_for_the_body_it_prepares(county):
    with pytest.raises(ValidationError, match="Länsstyrgruppen"):
        propose(coordinator(), county, "lansstyrgrupp-au")
    assert not Meeting.objects.exists()


def test_vasterbotten_committee_is_proposed_with_the_samrad():
    county = loaded_county("vasterbotten")
    planner = office_holder(county, "samrad-vard-omsorg", "chair", principal="region-vasterbotten")
    propose(planner, county, "samrad-vard-omsorg")
    committee = Meeting.objects.filter(body="samrad-vard-omsorg-au")
    assert committee.count() == 4
    assert all(m.prepares.body == "samrad-vard-omsorg" for m in committee)


def test_the_election_is_on_the_last_meeting():
    county = loaded_county("vasternorrland")
    planner = office_holder(county, "lansledning", "chair", principal="region-vasternorrland")
    plan = propose(planner, county, "lansledning")
    last = plan.meetings.order_by("-starts_at").first()
    assert last.agenda.get().kind == AgendaItem.Kind.ELECTION
    assert not AgendaItem.objects.filter(meeting__plan=plan).exclude(meeting=last).exists()


def test_adopting_keeps_each_version_and_a_change_tells_the_members(county, chair):
    member(county, "lansstyrgrupp", "director", email="a@example.se")
    member(county, "lansstyrgrupp", "director", email="gone@example.se", ends=D(2026, 12, 31))
    plan = propose(chair, county)
    moved = first_ordinary(plan)
    # Before adoption, a change is no one's news.
    year_actions.do_change_meeting(
        chair, moved, starts_at=at(D(2027, 2, 9), 10), ends_at=at(D(2027, 2, 9), 15)
    )
    assert not Mail.objects.exists()
    plan.refresh_from_db()
    year_actions.do_adopt_year_plan(chair, plan, plan.version)
    plan.refresh_from_db()
    assert plan.state == YearPlan.State.ADOPTED
    assert plan.adoptions.get().meetings[0]["starts_at"].startswith("2027-02-09T10:00")
    moved.refresh_from_db()
    sequence = moved.sequence
    year_actions.do_change_meeting(
        chair,
        moved,
        starts_at=at(D(2027, 2, 10), 10),
        ends_at=at(D(2027, 2, 10), 15),
        expected_version=moved.version,
    )
    plan.refresh_from_db()
    moved.refresh_from_db()
    assert plan.state == YearPlan.State.CHANGED
    assert moved.sequence == sequence + 1
    mail = Mail.objects.get()
    assert (mail.kind, mail.recipient) == ("meetings.plan_changed", "a@example.se")
    assert mail.params["day"] == "2027-02-10" and mail.params["previous_day"] == "2027-02-09"
    year_actions.do_adopt_year_plan(chair, plan, plan.version)
    assert list(plan.adoptions.values_list("number", flat=True)) == [1, 2]


def test_cancelling_an_adopted_meeting_tells_the_members(county, chair):
    member(county, "lansstyrgrupp", "director", email="a@example.se")
    plan = propose(chair, county)
    year_actions.do_adopt_year_plan(chair, plan)
    cancelled = first_ordinary(plan)
    with pytest.raises(ValidationError):
        year_actions.do_cancel_meeting(chair, cancelled, "  ")
    year_actions.do_cancel_meeting(chair, cancelled, "Krockar med riksdagsval", cancelled.version)
    cancelled.refresh_from_db()
    assert cancelled.status == Meeting.Status.CANCELLED and cancelled.sequence == 1
    assert Mail.objects.get().kind == "meetings.cancelled"
    with pytest.raises(ValidationError):
        year_actions.do_cancel_meeting(chair, cancelled, "igen")


def test_a_stale_version_is_refused(county, chair):
    plan = propose(chair, county)
    changed = first_ordinary(plan)
    args = {"starts_at": changed.starts_at, "ends_at": changed.ends_at, "place": "Luleå"}
    read = changed.version
    year_actions.do_change_meeting(chair, changed, expected_version=read, **args)
    # The caller's meeting is at the new version; a form prepared on the one read is stale.
    assert changed.version == read + 1
    with pytest.raises(ConflictError):
        year_actions.do_change_meeting(chair, changed, expected_version=read, **args)
    with pytest.raises(ConflictError):
        year_actions.do_adopt_year_plan(chair, plan, plan.version + 1)


@pytest.mark.parametrize(
    ("day", "hours"),
    [
        (D(2026, 12, 24), (10, 15)),  # julafton
        (D(2026, 6, 19), (10, 15)),  # midsommarafton
        (D(2027, 12, 31), (10, 15)),  # nyårsafton
        (D(2027, 7, 14), (10, 15)),  # the summer's quiet period
        (D(2027, 3, 9), (8, 16)),  # outside the länsstyrgrupp's 10-15
    ],
)
def test_a_departure_needs_a_reason(county, chair, day, hours):
    args = {"starts_at": at(day, hours[0]), "ends_at": at(day, hours[1])}
    with pytest.raises(ValidationError) as refused:
        year_actions.do_add_meeting(chair, county, "lansstyrgrupp", "", **args)
    assert "departure_reason" in refused.value.message_dict
    added = year_actions.do_add_meeting(
        chair, county, "lansstyrgrupp", "", departure_reason="Extra läge", **args
    )
    assert added.departure_reason == "Extra läge"
    assert planning.departures(
        planning.agreement_in_force(county.pk),
        "lansstyrgrupp",
        added.starts_at,
        added.ends_at,
        settings_for(county),
        quiet_periods(county),
    )


def test_who_may_plan(county, chair):
    secretary = office_holder(county, "lansstyrgrupp", "secretary")
    former = office_holder(county, "lansstyrgrupp", "chair", ends=D(2026, 6, 30))
    other = office_holder(county, "lansdelsgrupp", "chair", instance="boden-lulea")
    day = {"starts_at": at(D(2027, 3, 9), 10), "ends_at": at(D(2027, 3, 9), 15)}
    year_actions.do_add_meeting(secretary, county, "lansstyrgrupp", "", **day)
    for refused in (former, other, user()):
        with pytest.raises(PermissionDenied):
            year_actions.do_add_meeting(refused, county, "lansstyrgrupp", "", **day)


def test_a_member_requests_an_extra_meeting_for_their_party(county):
    seat = member(county, "lansstyrgrupp", "director", username="ledamot")
    asker = seat.person.user
    day = {"starts_at": at(D(2027, 3, 9), 10), "ends_at": at(D(2027, 3, 9), 12)}
    with pytest.raises(ValidationError):
        year_actions.do_request_extra_meeting(asker, county, "lansstyrgrupp", "", reason="", **day)
    extra = year_actions.do_request_extra_meeting(
        asker, county, "lansstyrgrupp", "", reason="Ny lag om vård", **day
    )
    assert (extra.kind, extra.requested_by, extra.request_reason) == (
        Meeting.Kind.EXTRA,
        seat.organisation,
        "Ny lag om vård",
    )
    assert AuditEvent.objects.filter(code="meetings.extra_requested").exists()
    with pytest.raises(PermissionDenied):
        year_actions.do_request_extra_meeting(
            user(), county, "lansstyrgrupp", "", reason="x", **day
        )


def test_two_meetings_of_the_same_person_at_once_are_warned_about(county, chair):
    seat = member(county, "lansstyrgrupp", "director")
    appoint(seat.person, "lansdelsgrupp", "social-chief", instance="boden-lulea")
    meeting(county, "lansdelsgrupp", D(2027, 3, 9), instance="boden-lulea", hours=(13, 16))
    added = year_actions.do_add_meeting(
        chair,
        county,
        "lansstyrgrupp",
        "",
        starts_at=at(D(2027, 3, 9), 10),
        ends_at=at(D(2027, 3, 9), 15),
    )
    found = planning.clashes(county, "lansstyrgrupp", "", added.starts_at, added.ends_at, added.pk)
    assert [c.person for c in found] == [seat.person.name]
