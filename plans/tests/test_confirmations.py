"""A step that cannot be undone asks first, with a button that names the act; what was typed is
kept through the confirmation and back to the form; nothing is taken before it is confirmed, and
a step that would fail tells why before asking."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from plans.models import Case

from .test_case_pages import setting, verified_login  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def closing(client, setting):  # noqa: F811
    case, users = setting
    verified_login(client, users["kurator"])
    day = max(datetime.date(2026, 12, 18), timezone.localdate(case.opened_at)).isoformat()
    return (
        case,
        f"/arenden/{case.pk}/avsluta/",
        {
            "version": case.version,
            "closed_on": day,
            "reason": "Familjen har flyttat.",
        },
    )


def test_closing_asks_first_and_keeps_what_was_typed(client, closing):
    case, url, data = closing
    form = client.get(url).content.decode()
    assert ">Fortsätt</button>" in form
    events = AuditEvent.objects.count()
    asked = client.post(url, data)
    html = asked.content.decode()
    assert asked.status_code == 200 and "Avsluta ärendet?" in html
    assert ">Avsluta ärendet</button>" in html and "Familjen har flyttat." in html
    assert "kan inte öppnas igen" in html
    case.refresh_from_db()
    assert case.state != Case.State.CLOSED and AuditEvent.objects.count() == events
    back = client.post(url, {**data, "change": "1"})
    assert back.context["form"]["reason"].value() == "Familjen har flyttat."
    case.refresh_from_db()
    assert case.state != Case.State.CLOSED
    done = client.post(url, {**data, "confirmed": "1"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED and case.closed_reason == "Familjen har flyttat."


def test_a_step_that_would_fail_says_why_before_asking(client, closing):
    case, url, data = closing
    early = client.post(url, {**data, "closed_on": "2000-01-01"})
    assert "closed_on" in early.context["form"].errors
    assert "Avsluta ärendet?" not in early.content.decode()


def test_withdrawing_consent_asks_first(client, setting):  # noqa: F811
    case, users = setting
    verified_login(client, users["kurator"])
    consent = case.consents.get()
    url = f"/arenden/{case.pk}/samtycke/{consent.pk}/aterkalla/"
    data = {"version": case.version, "withdrawn_on": consent.given_on.isoformat()}
    html = client.post(url, data).content.decode()
    assert "Återkalla samtycket?" in html and ">Återkalla samtycket</button>" in html
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    assert client.post(url, {**data, "confirmed": "1"}).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == consent.given_on
