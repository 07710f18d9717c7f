"""The county's meeting settings: made with the defaults on first use, changed by the
structure's coordinators only, quiet periods included, audited, 409 when stale."""

import pytest

from audit.models import AuditEvent
from meetings.county_settings import settings_for
from meetings.models import QuietPeriod
from meetings.tests.builders import coordinator, office_holder, verified_login
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db
URL = "/moten/norrbotten/installningar/"


@pytest.fixture
def county():
    return loaded_county("norrbotten")


def form_data(settings, periods, **changes):
    data = {
        "notice_days": settings.notice_days,
        "minutes_days": settings.minutes_days,
        "default_per_year": settings.default_per_year,
        "default_start": "09:00",
        "default_end": "12:00",
        "publish_minutes": "on",
        "publish_official_names": "on",
        "version": settings.version,
        "quiet-TOTAL_FORMS": len(periods) + 1,
        "quiet-INITIAL_FORMS": len(periods),
        "quiet-MIN_NUM_FORMS": 0,
        "quiet-MAX_NUM_FORMS": 20,
    }
    for number, period in enumerate(periods):
        for name, value in period.items():
            data[f"quiet-{number}-{name}"] = value
    data.update(changes)
    return data


SUMMER = {
    "label": "Sommaruppehåll",
    "starts_day": 22,
    "starts_month": 6,
    "ends_day": 9,
    "ends_month": 8,
}
CHRISTMAS = {
    "label": "Jul och nyår",
    "starts_day": 21,
    "starts_month": 12,
    "ends_day": 6,
    "ends_month": 1,
}


def test_defaults_on_first_use(county):
    settings = settings_for(county)
    assert (settings.notice_days, settings.minutes_days, settings.default_per_year) == (7, 14, 4)
    periods = {p.label: p for p in QuietPeriod.objects.filter(county=county)}
    summer, christmas = periods["Sommaruppehåll"], periods["Jul och nyår"]
    assert (summer.starts_month, summer.starts_day, summer.ends_month, summer.ends_day) == (
        6,
        22,
        8,
        9,
    )
    assert (
        christmas.starts_month,
        christmas.starts_day,
        christmas.ends_month,
        christmas.ends_day,
    ) == (12, 21, 1, 6)
    settings_for(county)
    assert QuietPeriod.objects.filter(county=county).count() == 2


def test_a_coordinator_changes_the_settings_and_quiet_periods(county, client):
    verified_login(client, coordinator())
    page = client.get(URL)
    assert page.status_code == 200
    assert "Sommaruppehåll" in page.content.decode()
    assert "Skicka kallelsen automatiskt den dag den ska gå ut" in page.content.decode()
    settings = settings_for(county)
    assert settings.send_notice_automatically is False
    data = form_data(
        settings,
        [SUMMER, {**CHRISTMAS, "DELETE": "on"}],
        notice_days=10,
        send_notice_automatically="on",
        **{
            "quiet-2-label": "Sportlov",
            "quiet-2-starts_day": 1,
            "quiet-2-starts_month": 3,
            "quiet-2-ends_day": 7,
            "quiet-2-ends_month": 3,
        },
    )
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()
    settings.refresh_from_db()
    assert settings.notice_days == 10 and settings.send_notice_automatically is True
    assert sorted(QuietPeriod.objects.filter(county=county).values_list("label", flat=True)) == [
        "Sommaruppehåll",
        "Sportlov",
    ]
    event = AuditEvent.objects.filter(code="meetings.settings_changed").get()
    assert "notice_days" in event.changes and "send_notice_automatically" in event.changes


def test_a_stale_form_is_409_and_keeps_what_was_typed(county, client):
    verified_login(client, coordinator())
    settings = settings_for(county)
    data = form_data(settings, [SUMMER, CHRISTMAS], notice_days=12, version=settings.version + 3)
    response = client.post(URL, data)
    assert response.status_code == 409
    assert 'value="12"' in response.content.decode()


def test_bad_input_keeps_the_form(county, client):
    verified_login(client, coordinator())
    settings = settings_for(county)
    data = form_data(
        settings,
        [{**SUMMER, "starts_day": 31, "starts_month": 2}, {**CHRISTMAS, "label": "x\x00"}],
        notice_days=999,
        default_start="13:00",
        default_end="12:00",
    )
    response = client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    settings.refresh_from_db()
    assert settings.notice_days == 7


def test_only_coordinators_reach_the_settings(county, client):
    verified_login(client, office_holder(county, "lansstyrgrupp", "chair"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403
