"""The reminder settings page: a person chooses never, daily or weekly; the choice is audited;
a stale page is refused with the choice kept; any input answers with a page, never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from inbox.actions import do_set_reminder_frequency
from inbox.models import ReminderSettings
from inbox.queries import frequency_of
from plans.tests.test_case_pages import verified_login
from structure.actions import ConflictError

pytestmark = pytest.mark.django_db


def test_daily_until_chosen_otherwise(client, counsellor):
    assert frequency_of(counsellor) == "daily"
    verified_login(client, counsellor)
    page = client.get("/inkorg/paminnelser/").content.decode()
    assert "Påminn mig med e-post" in page and 'value="daily"' in page and "checked" in page
    response = client.post("/inkorg/paminnelser/", {"frequency": "weekly", "version": ""})
    assert response.status_code == 302 and response["Location"] == "/inkorg/"
    assert frequency_of(counsellor) == "weekly"
    event = AuditEvent.objects.filter(code="inbox.reminders_set").latest("pk")
    assert event.changes == {"frequency": ["daily", "weekly"]}
    assert (
        "Påminnelser med e-post: veckans första arbetsdag."
        in client.get("/inkorg/").content.decode()
    )


def test_a_stale_page_is_refused_and_keeps_the_choice(client, counsellor):
    first = do_set_reminder_frequency(counsellor, "weekly")
    do_set_reminder_frequency(counsellor, "daily", expected_version=first.version)
    verified_login(client, counsellor)
    response = client.post(
        "/inkorg/paminnelser/", {"frequency": "never", "version": str(first.version)}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "ändrades på annat håll" in html
    assert 'value="never" id="id_frequency_0" checked' in html or 'value="never"' in html
    assert frequency_of(counsellor) == "daily"
    with pytest.raises(ConflictError):
        do_set_reminder_frequency(counsellor, "never", expected_version=first.version)


def test_a_version_that_is_no_number_is_a_page_out_of_date(client, counsellor):
    verified_login(client, counsellor)
    for version in ("²", "-1", "1e3", "99999999999"):
        response = client.post("/inkorg/paminnelser/", {"frequency": "never", "version": version})
        assert "Sidan var inaktuell." in response.content.decode()
    assert frequency_of(counsellor) == "daily"


def test_no_choice_or_an_unknown_one_is_told(client, counsellor):
    verified_login(client, counsellor)
    html = client.post("/inkorg/paminnelser/", {}).content.decode()
    assert "Välj hur ofta du vill bli påmind." in html
    html = client.post("/inkorg/paminnelser/", {"frequency": "hourly"}).content.decode()
    assert "Välj ett av alternativen i listan." in html
    assert not ReminderSettings.objects.filter(user=counsellor).exists()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    frequency=st.one_of(st.sampled_from(["never", "daily", "weekly"]), st.text(max_size=300)),
    version=st.one_of(st.text(max_size=120), st.integers().map(str)),
)
def test_any_input_answers_with_a_page(client, counsellor, frequency, version):
    # Once per test: a second factor's code is accepted once.
    if "otp_device_id" not in client.session:
        verified_login(client, counsellor)
    before = frequency_of(counsellor)
    response = client.post("/inkorg/paminnelser/", {"frequency": frequency, "version": version})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        # Refused: nothing changed, and the page says why.
        assert frequency_of(counsellor) == before
        assert 'role="alert"' in response.content.decode()
    else:
        assert frequency_of(counsellor) == frequency
