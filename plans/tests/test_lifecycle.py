"""The plan's lifecycle: a draft changed in place until it is established; a revision starting
without approval and established only with the approval of that version (004 "Samordnad
individuell plan (SIP)": "kan inte upprättas utan godkännande av dem"); "Establish" disabled with
the reasons; the next step named in every state; a closed case saying when and why; principal
and organisation belonging together; the decision not to call a network meeting; and a plan
established by one person while another revises it."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import Membership
from plans.deadlines import pending
from plans.models import Case, NetworkMeeting
from plans.rules import individual_rules
from plans.services import (
    do_call_follow_up,
    do_decide_not_to_call,
    do_draft_plan,
    do_establish_plan,
    do_record_consent,
    do_record_follow_up,
)

from .test_case_pages import verified_login
from .test_case_steps import open_case
from .test_plan import complete
from .test_plan_pages import establish, plan_post

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


def established(case, user, orgs):
    plan = do_draft_plan(user, case, based_on=0, **complete(orgs))
    do_establish_plan(user, plan, on=D("2026-03-12"))
    case.refresh_from_db()
    return plan


def test_a_draft_is_changed_in_place_until_it_is_established(met_case, orgs):
    case, user = met_case
    for n in range(3):
        do_draft_plan(user, case, based_on=min(n, 1), **complete(orgs, needs=f"Utkast {n}."))
    assert list(case.plans.values_list("number", "needs")) == [(1, "Utkast 2.")]
    do_establish_plan(user, case.plans.get(), on=D("2026-03-12"))
    for n in range(2):
        do_draft_plan(user, case, based_on=1 + n, **complete(orgs, needs=f"Revision {n}."))
    assert list(case.plans.values_list("number", "needs")) == [
        (1, "Utkast 2."),  # the established version stays as it was
        (2, "Revision 1."),
    ]


def test_a_revision_starts_without_approval_and_needs_its_own(client, author, orgs):
    case, user = author
    established(case, user, orgs)
    form = client.get(f"/arenden/{case.pk}/plan/")
    assert form.context["revising"] and form.context["form"]["based_on"].value() == 1
    assert form.context["form"]["approved_by"].value() is None
    assert form.context["form"]["approved_on"].value() is None
    assert form.context["form"]["needs"].value() == complete(orgs)["needs"]
    saved = client.post(
        f"/arenden/{case.pk}/plan/",
        plan_post(orgs, case, based_on=1, approved_by="", approved_on=""),
    )
    assert saved["Location"] == f"/arenden/{case.pk}/plan/2/"
    page = client.get(f"/arenden/{case.pk}/plan/2/")
    assert "The approval of the individual or the guardians of this version." in [
        str(m) for m in page.context["missing"]
    ]
    # The approval of version 1, given again through the API or typed over, is not enough.
    copied = do_draft_plan(user, case, based_on=2, **complete(orgs))
    with pytest.raises(ValidationError) as error:
        do_establish_plan(user, copied, on=D("2026-05-20"))
    assert any("version before" in m for m in error.value.messages)
    # Nor is an approval dated before version 1 was established.
    backdated = do_draft_plan(
        user,
        case,
        based_on=2,
        **complete(orgs, approved_by="Maria och Per Lantto", approved_on=D("2026-03-11")),
    )
    with pytest.raises(ValidationError):
        do_establish_plan(user, backdated, on=D("2026-05-20"))
    approved = do_draft_plan(user, case, based_on=2, **complete(orgs, approved_on=D("2026-05-20")))
    do_establish_plan(user, approved, on=D("2026-05-20"))
    case.refresh_from_db()
    assert case.state == Case.State.PLANNED and case.plans.count() == 2


def test_changing_an_approved_draft_removes_its_approval(met_case, orgs):
    case, user = met_case
    do_draft_plan(user, case, based_on=0, **complete(orgs))
    same = do_draft_plan(user, case, based_on=1, **complete(orgs))
    assert not same.approval_removed and same.approved_by  # nothing changed
    changed = do_draft_plan(user, case, based_on=1, **complete(orgs, needs="Annat behov."))
    assert changed.approval_removed
    assert (changed.approved_by, changed.approved_on) == ("", None)
    again = do_draft_plan(
        user, case, based_on=1, **complete(orgs, needs="Annat behov.", approved_on=D("2026-03-13"))
    )
    assert not again.approval_removed and again.approved_on == D("2026-03-13")


def test_establish_is_disabled_with_the_reasons(client, author, orgs):
    case, _user = author
    client.post(f"/arenden/{case.pk}/plan/", plan_post(orgs, case, approved_by="", approved_on=""))
    page = client.get(f"/arenden/{case.pk}/plan/1/").content.decode()
    button = re.search(r"<button[^>]*>Establish</button>", page).group(0)
    assert "disabled" in button and 'aria-describedby="establish-missing"' in button
    assert "The approval of the individual or the guardians." in page
    client.post(f"/arenden/{case.pk}/plan/", plan_post(orgs, case, based_on=1))
    page = client.get(f"/arenden/{case.pk}/plan/1/").content.decode()
    assert "disabled" not in re.search(r"<button[^>]*>Establish</button>", page).group(0)


def next_step(client, case):
    page = client.get(f"/arenden/{case.pk}/")
    coming = page.context["next_step"]
    return (coming.title if coming else None), page


def test_the_next_step_is_named_in_every_state(client, author, orgs):
    case, user = author
    assert next_step(client, case)[0] == "Write the plan (SIP)."
    do_draft_plan(user, case, based_on=0, **complete(orgs, approved_by=""))
    assert next_step(client, case)[0].startswith("Complete version 1 of the plan")
    do_draft_plan(user, case, based_on=1, **complete(orgs))
    assert next_step(client, case)[0] == "Establish version 1 of the plan."
    do_establish_plan(user, case.plans.get(), on=D("2026-03-12"))
    case.refresh_from_db()
    title, page = next_step(client, case)
    assert title == "Call a follow-up meeting." and page.context["step_form"] is not None
    do_call_follow_up(user, case, called_on=D("2026-05-04"), meeting_on=D("2026-05-18"))
    assert next_step(client, case)[0] == "Record the follow-up meeting."
    case.refresh_from_db()
    do_record_follow_up(
        user,
        case,
        held_on=D("2026-05-18"),
        attended="Elsa, Maria Lantto, Karin Holm",
        picture="Stödet i skolan behöver ändras.",
        outcome=NetworkMeeting.Outcome.REVISE,
    )
    title, page = next_step(client, case)
    # Not "call the next follow-up meeting": the meeting decided to revise.
    assert title == "Revise the plan, as the follow-up meeting decided."
    assert page.context["step_form"] is None and "Revise the plan</a>" in page.content.decode()
    assert client.post(f"/arenden/{case.pk}/steg/", {"version": 1}).status_code == 404
    do_draft_plan(user, case, based_on=1, **complete(orgs, approved_on=D("2026-05-18")))
    assert next_step(client, case)[0] == "Establish version 2 of the plan."
    do_establish_plan(user, case.plans.get(number=2), on=D("2026-05-18"))
    assert next_step(client, case)[0] == "Call a follow-up meeting."


def test_a_closed_case_says_closed_when_and_why(client, author, orgs):
    case, user = author
    established(case, user, orgs)
    do_call_follow_up(user, case, called_on=D("2026-05-04"), meeting_on=D("2026-05-18"))
    case.refresh_from_db()
    do_record_follow_up(
        user,
        case,
        held_on=D("2026-05-18"),
        attended="Alla",
        picture="Målen är nådda.",
        outcome=NetworkMeeting.Outcome.CLOSE,
        reason="Målen i planen är nådda.",
    )
    title, page = next_step(client, case)
    text = page.content.decode()
    assert title is None
    assert "The case is closed since 2026-05-18." in text
    assert "Closed at the follow-up meeting: Målen i planen är nådda." in text
    assert "Version 1 was in force when the case was closed on 2026-05-18." in text
    assert "is in force" not in text


def test_an_organisation_of_another_principal_is_refused(client, author, orgs):
    case, user = author
    wrong = {"interventions-0-principal": "lulea"}  # BUP belongs to the region
    response = client.post(f"/arenden/{case.pk}/plan/", plan_post(orgs, case, **wrong))
    assert response.status_code == 200 and not case.plans.exists()
    assert "organisation" in response.context["interventions"].forms[0].errors
    fields = complete(orgs)
    fields["interventions"][0]["principal"] = "lulea"
    with pytest.raises(ValidationError) as error:
        do_draft_plan(user, case, based_on=0, **fields)
    assert "interventions.0.organisation" in error.value.message_dict


def test_enter_in_the_plan_form_saves_and_adds_no_row(client, author):
    case, _user = author
    page = client.get(f"/arenden/{case.pk}/plan/").content.decode()
    form = page[page.index('id="plan-form"') :]
    # Enter presses the form's first submit button: saving, never "Add an intervention".
    first = re.search(r"<button[^>]*>", form).group(0)
    assert first == '<button type="submit">' and "add-" not in first


@pytest.fixture
def consented(orgs):
    school, social, _bup = orgs.values()
    User = get_user_model()
    manager = User.objects.create_user("rektor", password="x" * 16)
    Membership.objects.create(user=manager, organisation=school, role="unit_manager")
    teacher = User.objects.create_user("larare", password="x" * 16)
    Membership.objects.create(user=teacher, organisation=school, role="professional")
    case = open_case(manager, school)
    do_record_consent(
        manager,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[social],
    )
    case.refresh_from_db()
    return case, manager, teacher


def test_the_decision_not_to_call_closes_the_case_with_its_reason(client, consented):
    case, manager, teacher = consented
    verified_login(client, manager)
    page = client.get(f"/arenden/{case.pk}/")
    assert page.context["may_decide_not_to_call"]
    # The guideline's rule is cited beside the choice, by its title and section.
    assert "Samordnad planering – nätverksmöte" in page.content.decode()
    url = f"/arenden/{case.pk}/ingen-kallelse/"
    no_reason = client.post(url, {"version": case.version, "decided_on": "2026-03-03"})
    assert no_reason.status_code == 200 and "reason" in no_reason.context["form"].errors
    reason = "Skolans anpassningar räcker; familjen vill inte ha fler aktörer nu."
    decision = {"version": case.version, "decided_on": "2026-03-03", "reason": reason}
    # "confirmed": the case cannot be opened again, so the decision is confirmed first.
    done = client.post(url, {**decision, "confirmed": "1"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED and case.closed_as == Case.ClosedAs.NOT_CALLED
    assert (case.closed_on, case.closed_reason, case.closed_by) == (
        D("2026-03-03"),
        reason,
        manager,
    )
    assert case.decided_on is None  # no meeting was decided: its deadline never runs
    assert pending(case, individual_rules(case.individual.county)[0]) == []
    text = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Decided not to call a network meeting: " + reason in text


def test_only_the_one_who_decides_decides_not_to_call(client, consented):
    case, _manager, teacher = consented
    with pytest.raises(PermissionDenied):
        do_decide_not_to_call(teacher, case, decided_on=D("2026-03-03"), reason="Inget behov.")
    verified_login(client, teacher)
    assert not client.get(f"/arenden/{case.pk}/").context["may_decide_not_to_call"]
    refused = client.post(
        f"/arenden/{case.pk}/ingen-kallelse/",
        {"version": case.version, "decided_on": "2026-03-03", "reason": "Inget behov."},
    )
    assert refused.status_code == 403
    assert Case.objects.get(pk=case.pk).state == Case.State.CONSENTED


def test_the_decision_not_to_call_in_the_api(client, consented):
    case, manager, _teacher = consented
    verified_login(client, manager)
    url = f"/api/cases/{case.pk}/decision-not-to-call"
    payload = {"version": case.version, "decided_on": "2026-03-03", "reason": ""}
    refused = client.post(url, payload, content_type="application/json")
    assert refused.status_code == 422 and "reason" in refused.json()["errors"]
    payload["reason"] = "Inget behov av samverkan med andra aktörer."
    done = client.post(url, payload, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "closed"
    read = client.get(f"/api/cases/{case.pk}").json()
    assert (read["closed_as"], read["closed_reason"]) == ("not_called", payload["reason"])


def test_a_plan_established_while_another_revises_it(client, author, orgs):
    case, user = author
    do_draft_plan(user, case, based_on=0, **complete(orgs))
    url = f"/arenden/{case.pk}/plan/"
    opened = client.get(url).context["form"]
    typed = plan_post(orgs, case, based_on=1, needs="Min ändring av behoven.")
    typed["version"] = opened["version"].value()
    # Someone else establishes version 1 while the form is open.
    do_establish_plan(user, case.plans.get(), on=D("2026-03-12"))
    refused = client.post(url, typed)
    assert refused.status_code == 409
    form = refused.context["form"]
    errors = " ".join(form.non_field_errors())
    assert "established" in errors and "version 2" in errors
    assert form["needs"].value() == "Min ändring av behoven."  # nothing lost
    [needs] = [c for c in refused.context["comparison"].fields if c.label == "Needs"]
    assert needs.after == "Min ändring av behoven."
    assert case.plans.get().needs == complete(orgs)["needs"]
    # Saved again, on what is there now, it becomes the revision.
    again = {**typed, "based_on": form["based_on"].value(), "version": form["version"].value()}
    assert client.post(url, again).status_code == 302
    assert list(case.plans.values_list("number", "needs", "established_on")) == [
        (1, complete(orgs)["needs"], D("2026-03-12")),
        (2, "Min ändring av behoven.", None),
    ]


def test_a_draft_changed_while_another_establishes_it(client, author, orgs):
    case, user = author
    do_draft_plan(user, case, based_on=0, **complete(orgs))
    read = establish(case)
    changed = complete(orgs, measures_by_others="Kyrkans läger.", approved_on=D("2026-03-12"))
    changed["approved_by"] = "Maria och Per Lantto"
    do_draft_plan(user, case, based_on=1, **changed)
    stale = client.post(f"/arenden/{case.pk}/plan/1/", read)
    assert stale.status_code == 409 and stale.context["form"].non_field_errors()
    assert "Kyrkans läger." in stale.content.decode()  # the page shows the draft as it is now
    assert case.plans.get().established_on is None
    again = client.post(f"/arenden/{case.pk}/plan/1/", establish(case))
    assert again.status_code == 302 and case.plans.get().established_on == D("2026-03-12")


def test_a_stale_step_shows_what_changed_keeps_the_text_and_saves_again(client, author, orgs):
    case, user = author
    url = f"/arenden/{case.pk}/avsluta/"
    opened = client.get(url).context["form"]
    typed = {
        "version": opened["version"].value(),
        "seen": opened["seen"].value(),
        "closed_on": "2026-03-20",
        "reason": "Familjen har flyttat från länet.",
        "confirmed": "1",
    }
    do_draft_plan(user, case, based_on=0, **complete(orgs))  # someone else, meanwhile
    refused = client.post(url, typed)
    assert refused.status_code == 409
    assert [c.label for c in refused.context["changes"]] == ["Newest version of the plan"]
    assert refused.context["changes"][0].after == "version 1, a draft"
    form = refused.context["form"]
    assert form["reason"].value() == "Familjen har flyttat från länet."
    again = {**typed, "version": form["version"].value(), "seen": form["seen"].value()}
    assert client.post(url, again).status_code == 302
    assert Case.objects.get(pk=case.pk).state == Case.State.CLOSED


def test_a_stale_withdrawal_shows_what_changed(client, author):
    case, user = author
    consent = case.consents.get()
    url = f"/arenden/{case.pk}/samtycke/{consent.pk}/aterkalla/"
    opened = client.get(url).context["form"]
    typed = {
        "version": opened["version"].value(),
        "seen": opened["seen"].value(),
        "withdrawn_on": "2026-03-20",
        "confirmed": "1",
    }
    from plans.services import do_close_case

    do_close_case(user, case, on=D("2026-03-19"), reason="Avslutat.")
    refused = client.post(url, typed)
    assert refused.status_code == 409
    labels = {c.label: (c.before, c.after) for c in refused.context["changes"]}
    assert labels["Step"] == ("network meeting held", "closed")
    assert labels["Closed"] == ("", "2026-03-19")


def test_a_forged_summary_shows_no_changes(client, author, orgs):
    case, user = author
    url = f"/arenden/{case.pk}/avsluta/"
    typed = {
        "version": case.version,
        "seen": "forged",
        "closed_on": "2026-03-20",
        "reason": "x",
        "confirmed": "1",
    }
    do_draft_plan(user, case, based_on=0, **complete(orgs))
    refused = client.post(url, typed)
    assert refused.status_code == 409 and refused.context["changes"] == []


@pytest.mark.parametrize("state", Case.State.values)
def test_every_state_names_its_next_step_or_says_closed(state):
    from plans.steps import next_step as named

    coming = named(Case(state=state))
    if state == Case.State.CLOSED:
        assert coming is None
        return
    assert coming.title.strip()
    # Taken either with a declared step's form or on the plan's pages, never neither or both.
    assert (coming.step is not None) != coming.plan


def test_no_state_waits_for_two_declared_steps():
    from plans.steps import CASE_STEPS

    waiting = [state for step in CASE_STEPS.values() for state in step.waits_in]
    assert len(waiting) == len(set(waiting))


def test_the_migration_names_how_cases_were_closed_and_which_wait_for_a_revision(met_case, orgs):
    """Cases from before: a closed case says how it was closed, and a followed-up case whose
    meeting decided to revise waits for the revision unless it was established since."""
    import importlib

    from django.apps import apps

    from plans.services import do_close_case

    migration = importlib.import_module("plans.migrations.0007_case_revising_and_closed_as")
    case, user = met_case
    established(case, user, orgs)
    do_call_follow_up(user, case, called_on=D("2026-05-04"), meeting_on=D("2026-05-18"))
    case.refresh_from_db()
    do_record_follow_up(
        user,
        case,
        held_on=D("2026-05-18"),
        attended="Alla",
        picture="Stödet behöver ändras.",
        outcome=NetworkMeeting.Outcome.REVISE,
    )
    other = open_case(user, orgs["lulea-barn-och-utbildning"])
    do_close_case(user, other, on=D("2026-03-20"), reason="Familjen har flyttat.")
    # As the rows stood before the migration.
    Case.objects.filter(pk=case.pk).update(state="followed_up")
    Case.objects.update(closed_as="")
    migration.name_how_and_where_cases_stand(apps, None)
    assert Case.objects.get(pk=case.pk).state == Case.State.REVISING
    assert Case.objects.get(pk=other.pk).closed_as == Case.ClosedAs.CLOSED
    # Once the revision is established after the meeting, the case is followed up as it was.
    revision = do_draft_plan(user, case, based_on=1, **complete(orgs, approved_on=D("2026-05-19")))
    do_establish_plan(user, revision, on=D("2026-05-19"))
    Case.objects.filter(pk=case.pk).update(state="followed_up")
    migration.name_how_and_where_cases_stand(apps, None)
    assert Case.objects.get(pk=case.pk).state == Case.State.FOLLOWED_UP
