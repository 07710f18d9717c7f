"""The family downloads an established version of the plan as the form the staff print, read
as the family's own access; a draft, and a case they may not see, are not found."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from plans.services import do_draft_plan
from plans.tests.test_plan import complete

from .conftest import GUARDIAN, enter

pytestmark = pytest.mark.django_db


def test_the_guardian_downloads_the_plan_in_force_as_a_pdf(client, custody, planned, orgs):
    case, user = planned
    enter(client, GUARDIAN)
    page = client.get(reverse("portal:case", args=[case.pk]))
    url = reverse("portal:plan_pdf", args=[case.pk, 1])
    assert f'href="{url}"' in page.text
    before = AuditEvent.objects.count()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        f'attachment; filename="SIP-arende-{case.pk}-version-1.pdf"'
    )
    [event] = AuditEvent.objects.order_by("id")[before:]
    assert (event.code, event.actor_name, event.individual_id, event.actor_id) == (
        "portal.plan_pdf_read",
        f"portal:guardian:{custody.pk}",
        case.individual_id,
        None,
    )
    do_draft_plan(user, case, **complete(orgs, needs="Ett utkast."))
    assert client.get(reverse("portal:plan_pdf", args=[case.pk, 2])).status_code == 404
    assert client.get(reverse("portal:plan_pdf", args=[case.pk + 1000, 1])).status_code == 404


def test_no_pdf_without_logging_in(client, planned):
    case, _user = planned
    response = client.get(reverse("portal:plan_pdf", args=[case.pk, 1]))
    assert response.status_code == 302
