"""The plan's pages: writing a version with its interventions, adding rows without losing what
was typed, a stale version answering 409, establishing, comparing; follow-up, closing and
withdrawing consent from the case page."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from accounts.models import Membership
from plans.models import Case
from plans.services import do_draft_plan, do_record_consent

from .test_case_pages import verified_login
from .test_case_steps import open_case
from .test_plan import complete

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def english(client):
    # The pages speak the language chosen in the header's switch (its cookie).
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def author(client, met_case):
    case, user = met_case
    verified_login(client, user)
    return case, user


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def plan_post(orgs, case, based_on=0, **changes):
    """The plan form as posted on the case as it is now (its version read from the database)."""
    school, social, bup = orgs.values()
    data = {
        "based_on": based_on,
        "version": Case.objects.get(pk=case.pk).version,
        "needs": "Stöd i skolan och utredning.",
        "measures_by_others": "Inga.",
        "overall_responsibility": "lulea",
        "coordinator_name": "Karin Holm",
        "coordinator_organisation": social.pk,
        "approved_by": "Maria Lantto",
        "approved_on": "2026-03-12",
        "approved_how": "at_meeting",
        **management("interventions", 1),
        "interventions-0-description": "Neuropsykiatrisk utredning",
        "interventions-0-principal": "region-norrbotten",
        "interventions-0-organisation": bup.pk,
        "interventions-0-scope": "Fyra besök",
        "interventions-0-performer": "BUP Luleå",
        "interventions-0-follow_up": "Nytt nätverksmöte",
        "interventions-0-follow_up_on": "2026-05-20",
        **management("statements", 1),
        "statements-0-organisation": school.pk,
        "statements-0-statement": "Skolan har redan anpassningar; inget mer behövs nu.",
    }
    data.update(changes)
    return data


def establish(case, day="2026-03-12"):
    return {"established_on": day, "version": Case.objects.get(pk=case.pk).version}


def test_a_plan_is_written_established_and_revised(client, author, orgs):
    case, _user = author
    url = f"/arenden/{case.pk}/plan/"
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"]["based_on"].value() == 0
    response = client.post(url, plan_post(orgs, case))
    assert response.status_code == 302 and response["Location"] == f"/arenden/{case.pk}/plan/1/"
    plan = case.plans.get()
    assert plan.interventions.get().performer == "BUP Luleå"
    assert plan.no_further_action.get().organisation == orgs["lulea-barn-och-utbildning"]
    version = client.get(f"/arenden/{case.pk}/plan/1/")
    assert version.context["missing"] == [] and version.context["establish_form"] is not None
    established = client.post(f"/arenden/{case.pk}/plan/1/", establish(case))
    assert established.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.PLANNED
    # Revising starts from the established version, without its approval, and keeps it.
    again = client.get(url)
    assert again.context["form"]["based_on"].value() == 1
    assert again.context["form"]["approved_by"].value() is None
    assert again.context["interventions"].forms[0]["scope"].value() == "Fyra besök"
    client.post(url, plan_post(orgs, case, based_on=1, **{"interventions-0-scope": "Sex besök"}))
    compared = client.get(f"/arenden/{case.pk}/plan/jamfor/")
    [change] = compared.context["comparison"].interventions[0].changes
    assert (change.before, change.after) == ("Fyra besök", "Sex besök")


def test_a_stale_plan_answers_409_and_keeps_what_was_typed(client, author, orgs):
    case, user = author
    do_draft_plan(user, case, based_on=0, **complete(orgs))  # someone else saved first
    response = client.post(
        f"/arenden/{case.pk}/plan/", {**plan_post(orgs, case, needs="Mitt utkast."), "version": 5}
    )
    assert response.status_code == 409
    assert response.context["form"]["needs"].value() == "Mitt utkast."
    assert "version 1" in str(response.context["form"].non_field_errors())
    assert case.plans.count() == 1


def test_adding_a_row_keeps_what_was_typed(client, author, orgs):
    case, _user = author
    data = plan_post(orgs, case, **{"add-interventions": "1"})
    response = client.post(f"/arenden/{case.pk}/plan/", data)
    assert response.status_code == 200 and case.plans.count() == 0
    forms = response.context["interventions"].forms
    assert len(forms) == 2 and forms[0]["description"].value() == "Neuropsykiatrisk utredning"


def test_an_incomplete_plan_is_saved_but_not_established(client, author, orgs):
    case, _user = author
    client.post(f"/arenden/{case.pk}/plan/", plan_post(orgs, case, approved_by="", approved_on=""))
    version = client.get(f"/arenden/{case.pk}/plan/1/")
    assert len(version.context["missing"]) == 1  # the approval
    refused = client.post(f"/arenden/{case.pk}/plan/1/", establish(case))
    assert refused.status_code == 200 and refused.context["establish_form"].errors
    case.refresh_from_db()
    assert case.state == Case.State.MET


def test_follow_up_and_closing_from_the_case_page(client, author, orgs):
    case, user = author
    client.post(f"/arenden/{case.pk}/plan/", plan_post(orgs, case))
    client.post(f"/arenden/{case.pk}/plan/1/", establish(case))
    case.refresh_from_db()
    page = client.get(f"/arenden/{case.pk}/")
    assert type(page.context["step_form"]).__name__ == "CallFollowUpForm"
    step = f"/arenden/{case.pk}/steg/"
    call = {"version": case.version, "called_on": "2026-05-04", "meeting_on": "2026-05-20"}
    assert client.post(step, call).status_code == 302
    case.refresh_from_db()
    held = {
        "version": case.version,
        "held_on": "2026-05-20",
        "attended": "Elsa, Maria Lantto, Karin Holm",
        "picture": "Utredningen är klar.",
        "outcome": "close",
        "reason": "",
    }
    missing_reason = client.post(step, held)
    assert missing_reason.status_code == 200 and "reason" in missing_reason.context["form"].errors
    asked = client.post(step, {**held, "reason": "Målen är nådda."})
    assert asked.status_code == 200 and "Close the case" in asked.content.decode()
    case.refresh_from_db()
    assert case.state != Case.State.CLOSED  # not before the confirmation
    confirmed = {**held, "reason": "Målen är nådda.", "confirmed": "1"}
    assert client.post(step, confirmed).status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED and case.closed_reason == "Målen är nådda."
    assert client.get(f"/arenden/{case.pk}/avsluta/").status_code == 404  # closed already


def test_closing_and_withdrawing_consent(client, author):
    case, _user = author
    consent = case.consents.get()
    url = f"/arenden/{case.pk}/samtycke/{consent.pk}/aterkalla/"
    wrong = client.post(url, {"version": case.version, "withdrawn_on": "2026-01-01"})
    assert wrong.status_code == 200 and wrong.context["form"].errors  # before it was given
    assert (
        client.post(
            url, {"version": case.version, "withdrawn_on": "2026-03-20", "confirmed": "1"}
        ).status_code
        == 302
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == D("2026-03-20")
    case.refresh_from_db()
    close = f"/arenden/{case.pk}/avsluta/"
    stale = client.post(
        close, {"version": case.version - 1, "closed_on": "2026-03-21", "reason": "x"}
    )
    assert stale.status_code == 409
    done = client.post(
        close,
        {
            "version": case.version,
            "closed_on": "2026-03-21",
            "reason": "Samtycket är återkallat.",
            "confirmed": "1",
        },
    )
    assert done.status_code == 302


def test_a_participant_reads_the_plan_but_does_not_write_it(client, met_case, orgs):
    case, user = met_case
    do_draft_plan(user, case, based_on=0, **complete(orgs))
    bup = get_user_model().objects.create_user("bup", password="x" * 16)
    organisation = orgs["region-norrbotten-barn-och-ungdomspsykiatri"]
    Membership.objects.create(user=bup, organisation=organisation, role="professional")
    verified_login(client, bup)
    assert client.get(f"/arenden/{case.pk}/plan/1/").status_code == 200
    assert client.get(f"/arenden/{case.pk}/plan/").status_code == 403
    assert client.post(f"/arenden/{case.pk}/plan/1/", establish(case)).status_code == 403


def test_the_decision_form_only_for_the_one_who_decides(client, orgs):
    school, social, _bup = orgs.values()
    User = get_user_model()
    teacher = User.objects.create_user("larare", password="x" * 16)
    Membership.objects.create(user=teacher, organisation=school, role="professional")
    case = open_case(teacher, school)
    do_record_consent(
        teacher,
        case,
        given_by="Maria",
        given_how="orally",
        given_on=D("2026-03-02"),
        organisations=[social],
    )
    verified_login(client, teacher)
    page = client.get(f"/arenden/{case.pk}/")
    assert page.context["step_form"] is None
    assert "unit manager" in page.context["next_step"].title
    case.refresh_from_db()
    refused = client.post(
        f"/arenden/{case.pk}/steg/", {"version": case.version, "decided_on": "2026-03-03"}
    )
    assert refused.status_code == 403
