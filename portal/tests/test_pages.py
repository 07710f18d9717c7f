"""Every page of My pages as a guardian reads it: the plan and its earlier versions, the
coordinator, the meetings to come, the consent and the log extract; nothing else of the case."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import record
from plans.events import CASE_READ
from plans.models import NetworkMeeting
from plans.services import do_draft_plan, do_establish_plan
from plans.tests.test_plan import complete
from portal import events
from portal.visitor import actor_for_individual

from .conftest import GUARDIAN, enter

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def test_the_guardian_sees_the_plan_the_coordinator_and_the_consent(client, custody, planned):
    case, _user = planned
    enter(client, GUARDIAN)
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200
    assert "Elsa Lantto" in home.text
    page = client.get(reverse("portal:case", args=[case.pk]))
    assert page.status_code == 200
    text = page.text
    assert "Neuropsykiatrisk utredning" in text and "Karin Holm" in text
    assert "Socialtjänsten, Luleå kommun" in text  # what the consent covers
    assert "Återkalla samtycket" in text
    # Nothing else of the case: not the concern the school wrote.
    assert "Hög frånvaro" not in text
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]


def test_earlier_versions_are_shown_and_drafts_are_not(client, custody, planned, orgs):
    case, user = planned
    revised = do_draft_plan(
        user,
        case,
        **complete(orgs, needs="Ny bild av behoven.", approved_on=D("2026-03-20")),
    )
    enter(client, GUARDIAN)
    assert "Ny bild av behoven." not in client.get(reverse("portal:case", args=[case.pk])).text
    assert client.get(reverse("portal:plan", args=[case.pk, 2])).status_code == 404
    do_establish_plan(user, revised, on=D("2026-03-20"))
    page = client.get(reverse("portal:case", args=[case.pk])).text
    assert "Ny bild av behoven." in page and "Version 1" in page
    earlier = client.get(reverse("portal:plan", args=[case.pk, 1]))
    assert earlier.status_code == 200 and "tidigare version" in earlier.text


def test_upcoming_meetings_are_listed(client, custody, planned):
    case, _user = planned
    NetworkMeeting.objects.create(
        case=case, kind="follow_up", called_on=D("2026-04-01"), planned_for=D("2099-05-01")
    )
    enter(client, GUARDIAN)
    assert "2099-05-01" in client.get(reverse("portal:case", args=[case.pk])).text


def test_every_page_is_audited_as_the_familys_own_read(client, custody, planned):
    case, _user = planned
    enter(client, GUARDIAN)
    before = AuditEvent.objects.count()
    client.get(reverse("portal:home"))
    client.get(reverse("portal:case", args=[case.pk]))
    client.get(reverse("portal:plan", args=[case.pk, 1]))
    client.get(reverse("portal:log", args=[case.pk]))
    consent = case.consents.get()
    client.get(reverse("portal:withdraw", args=[case.pk, consent.pk]))
    recorded = list(AuditEvent.objects.order_by("id")[before:])
    assert [e.code for e in recorded] == [
        "portal.listed",
        "portal.overview_read",
        "portal.plan_read",
        "portal.log_read",
        "portal.consent_read",
    ]
    assert {e.actor_name for e in recorded} == {f"portal:guardian:{custody.pk}"}
    assert {e.individual_id for e in recorded} == {case.individual_id}
    assert all(e.actor_id is None for e in recorded)


def test_the_log_extract_names_the_staff_who_read(client, custody, planned):
    case, user = planned
    record(user, CASE_READ, case)
    enter(client, GUARDIAN)
    client.get(reverse("portal:case", args=[case.pk]))
    page = client.get(reverse("portal:log", args=[case.pk])).text
    assert "kurator" in page  # the counsellor, by user name as no full name is set
    # A family member's read in the words the log review and the extract use (logreview.actors).
    assert "Vårdnadshavare via Mina sidor" in page


def test_the_individuals_own_read_is_named_as_theirs_to_a_guardian(client, custody, planned):
    case, _user = planned
    # The individual's own read on My pages, as the trail keeps it: a code, not a sentence.
    record(actor_for_individual(case.individual), events.OVERVIEW_READ, case)
    enter(client, GUARDIAN)
    page = client.get(reverse("portal:log", args=[case.pk])).text
    assert "Den enskilde via Mina sidor" in page
    assert "Du själv" not in page


def test_logging_out_ends_the_session(client, custody):
    enter(client, GUARDIAN)
    response = client.post(reverse("portal:logout"))
    assert response.status_code == 302
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:login")
