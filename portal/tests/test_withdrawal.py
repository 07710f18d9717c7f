"""Withdrawing consent on My pages: a confirmation step that says what it means, then the plans'
own withdrawal action, recorded as the family member's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from plans.models import Consent

from .conftest import GUARDIAN, enter

pytestmark = pytest.mark.django_db


def _url(case, consent):
    return reverse("portal:withdraw", args=[case.pk, consent.pk])


def test_the_confirmation_says_what_it_means_and_changes_nothing(client, planned, custody):
    case, _user = planned
    consent = case.consents.get()
    enter(client, GUARDIAN)
    page = client.get(_url(case, consent))
    assert page.status_code == 200
    assert "inte längre dela uppgifter" in page.text and "Avbryt: ingenting ändras" in page.text
    unconfirmed = client.post(_url(case, consent), {})
    assert unconfirmed.status_code == 200 and "Kryssa i rutan" in unconfirmed.text
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_the_guardian_withdraws_the_consent(client, planned, custody):
    case, _user = planned
    consent = case.consents.get()
    enter(client, GUARDIAN)
    response = client.post(_url(case, consent), {"confirmed": "on"})
    assert response["Location"] == reverse("portal:case", args=[case.pk])
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    event = AuditEvent.objects.get(code="consent.withdrawn")
    assert event.actor_id is None and event.actor_name == f"portal:guardian:{custody.pk}"
    assert event.individual_id == case.individual_id
    page = client.get(response["Location"]).text
    assert "Samtycket är återkallat" in page and "Återkallat den" in page
    # Withdrawn once: the page for it is gone.
    assert client.get(_url(case, consent)).status_code == 404


def test_a_refusal_of_the_action_is_told_and_nothing_is_lost(client, planned, custody):
    case, _user = planned
    consent = case.consents.get()
    later = timezone.localdate() + datetime.timedelta(days=3)
    Consent.objects.filter(pk=consent.pk).update(given_on=later)
    enter(client, GUARDIAN)
    response = client.post(_url(case, consent), {"confirmed": "on"})
    assert response.status_code == 200 and 'role="alert"' in response.text
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_no_one_else_reaches_the_withdrawal(client, planned, custody):
    case, user = planned
    consent = case.consents.get()
    client.force_login(user)
    assert client.post(_url(case, consent), {"confirmed": "on"}).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_the_coordinators_organisation_is_told_until_it_takes_note(
    client, planned, custody, orgs, django_assert_max_num_queries
):
    from django.contrib.auth import get_user_model

    from accounts.models import Membership
    from portal.actions import do_note_withdrawal
    from portal.queries import waiting_for

    case, counsellor = planned
    consent = case.consents.get()
    enter(client, GUARDIAN)
    client.post(_url(case, consent), {"confirmed": "on"})
    social = orgs["lulea-socialtjansten"]  # the plan's coordinator, Karin Holm, works there
    coordinator = get_user_model().objects.create_user("karin", password="x" * 16)
    Membership.objects.create(user=coordinator, organisation=social, role="professional")
    today = timezone.localdate()
    with django_assert_max_num_queries(2):
        waiting = list(waiting_for(coordinator, today))
    assert [(n.case_id, n.withdrawn_on) for n in waiting] == [(case.pk, today)]
    assert list(waiting_for(counsellor, today)) == []  # the school leads no longer
    do_note_withdrawal(coordinator, waiting[0])
    assert list(waiting_for(coordinator, today)) == []
    assert AuditEvent.objects.filter(code="portal.withdrawal_noted").count() == 1
