"""The staff's page where a guardian's identity number and custody are recorded for My pages,
and its section on the case page."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from audit.models import AuditEvent
from plans.identity import blind_index, parse_identity_number
from portal.actions import do_record_guardian_identity
from portal.models import GuardianIdentity
from structure.actions import ConflictError

from .conftest import GUARDIAN, OTHER_GUARDIAN, log_in_staff

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def staff(client, planned):
    """The counsellor, logged in with the second factor."""
    _case, user = planned
    log_in_staff(client, user)
    return client


def test_the_case_page_shows_the_section_to_those_who_act(staff, planned):
    case, _user = planned
    page = staff.get(reverse("plans:case", args=[case.pk])).text
    assert "0 vårdnadshavare kan logga in på Mina sidor" in page
    assert reverse("portal_staff:guardians", args=[case.pk]) in page


def test_the_counsellor_records_the_guardians_number(staff, planned):
    case, _user = planned
    guardian = case.individual.guardians.get()
    url = reverse("portal_staff:guardians", args=[case.pk])
    page = staff.get(url)
    assert page.status_code == 200 and "Maria Lantto" in page.text
    response = staff.post(url, {"guardian": guardian.pk, "identity_number": GUARDIAN})
    assert response.status_code == 302
    recorded = GuardianIdentity.objects.get(guardian=guardian)
    assert recorded.identity_index == blind_index(parse_identity_number(GUARDIAN))
    # Custody ends on the child's 18th birthday unless a court ended it earlier.
    assert recorded.custody_ends_on == D("2032-03-12")
    assert GUARDIAN not in staff.get(url).text
    event = AuditEvent.objects.get(code="portal.guardian_recorded")
    assert GUARDIAN.replace("-", "") not in str(event.changes) + str(event.params)
    assert AuditEvent.objects.filter(code="portal.guardians_read").count() == 2


@pytest.mark.parametrize(
    ("typed", "ends", "says"),
    [
        ("19800101-0000", "", "inte ett giltigt"),
        ("20140312-2391", "", "barnets eget nummer"),
        (GUARDIAN, "2033-01-01", "senast när barnet fyller 18"),
        (GUARDIAN, "1800-01-01", "Ange ett datum"),
    ],
)
def test_bad_input_is_refused_and_kept(staff, planned, typed, ends, says):
    case, _user = planned
    guardian = case.individual.guardians.get()
    url = reverse("portal_staff:guardians", args=[case.pk])
    response = staff.post(
        url, {"guardian": guardian.pk, "identity_number": typed, "custody_ends_on": ends}
    )
    assert response.status_code == 200 and says in response.text
    assert f'value="{typed}"' in response.text
    assert not GuardianIdentity.objects.exists()


def test_custody_ended_and_a_stale_change(planned, custody):
    case, user = planned
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    changed = do_record_guardian_identity(
        user,
        case,
        custody.guardian,
        identity_number=GUARDIAN,
        custody_ends_on=yesterday,
        expected_version=1,
    )
    assert changed.version == 2 and changed.custody_ends_on == yesterday
    event = AuditEvent.objects.get(code="portal.guardian_changed")
    assert event.changes["custody_ends_on"][1] == yesterday.isoformat()
    with pytest.raises(ConflictError):
        do_record_guardian_identity(
            user, case, custody.guardian, identity_number=GUARDIAN, expected_version=1
        )


def test_two_guardians_cannot_share_a_number(planned, custody):
    case, user = planned
    other = case.individual.guardians.create(name="Johan Lantto")
    with pytest.raises(Exception, match="redan") as caught:
        do_record_guardian_identity(user, case, other, identity_number=GUARDIAN)
    assert "identity_number" in caught.value.message_dict
    do_record_guardian_identity(user, case, other, identity_number=OTHER_GUARDIAN)


def test_an_organisation_that_does_not_act_on_the_case_is_refused(client, planned):
    case, _user = planned
    outsider = get_user_model().objects.create_user("annan", password="x" * 16)
    Membership.objects.create(
        user=outsider, organisation=case.participants.first(), role="professional"
    )
    log_in_staff(client, outsider)
    response = client.get(reverse("portal_staff:guardians", args=[case.pk]))
    assert response.status_code == 403
    page = client.get(reverse("plans:case", args=[case.pk])).text
    assert "Mina sidor" not in page


def test_a_withdrawal_on_my_pages_is_shown_on_the_case_until_noted(staff, planned, custody):
    from portal.actions import do_withdraw_consent_on_portal
    from portal.visitor import actor_for_guardian

    case, _user = planned
    notice = do_withdraw_consent_on_portal(
        actor_for_guardian(custody), case.consents.get(), timezone.localdate()
    )
    # The counsellor's school opened the case: it acts on it and sees the notice too.
    page = staff.get(reverse("plans:case", args=[case.pk])).text
    assert "Samtycket återkallades på Mina sidor" in page
    url = reverse("portal_staff:note_withdrawal", args=[case.pk, notice.pk])
    assert staff.post(url)["Location"] == reverse("plans:case", args=[case.pk])
    assert (
        "Samtycket återkallades på Mina sidor"
        not in staff.get(reverse("plans:case", args=[case.pk])).text
    )
    again = staff.post(url, follow=True)
    assert "redan tagit del" in again.text
