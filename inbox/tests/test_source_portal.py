"""A consent withdrawn on My pages waits in the inbox of the organisation leading the case until
someone there takes note of it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from inbox.queries import inbox_for
from portal.actions import do_note_withdrawal
from portal.models import WithdrawalNotice
from portal.tests.conftest import (  # noqa: F401 (the fixtures)
    GUARDIAN,
    custody,
    enter,
    met_case,
    orgs,
    planned,
)

pytestmark = pytest.mark.django_db


def withdrawals_of(user):
    return [i for i in inbox_for(user).items if i.source == "portal"]


def test_the_leading_organisation_takes_note(client, planned, custody, orgs):  # noqa: F811
    case, counsellor = planned
    consent = case.consents.get()
    enter(client, GUARDIAN)
    client.post(reverse("portal:withdraw", args=[case.pk, consent.pk]), {"confirmed": "on"})
    coordinator = get_user_model().objects.create_user("karin", password="x" * 16)
    # The plan's coordinator works at Luleå's social services, which now leads the case.
    Membership.objects.create(
        user=coordinator, organisation=orgs["lulea-socialtjansten"], role="professional"
    )
    [item] = withdrawals_of(coordinator)
    assert item.what == f"Ärende {case.pk}: samtycke återkallat på Mina sidor"
    assert item.next_step == "Notera återkallelsen"
    assert item.url == reverse("plans:case", args=[case.pk]) + "#portal-guardians"
    assert item.due_on == timezone.localdate() and item.case_id == case.pk
    assert withdrawals_of(counsellor) == []
    do_note_withdrawal(coordinator, WithdrawalNotice.objects.get())
    assert withdrawals_of(coordinator) == []
