"""A coordinator opens Västerbotten's annual report in Debian's Chromium, downloads its PDF and
one chart's data as CSV, and answers nothing to axe; no sideways scrolling on a phone. A member
answers the survey on the effect goals from the same browser."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import Membership
from followup import survey
from meetings.models import Meeting
from meetings.tests.builders import meeting, member
from plans.tests.test_browser import check, log_in
from structure.models import Organisation
from structure.tests.builders import loaded_county

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = timezone.localdate().year


@pytest.fixture
def site(live_server):
    county = loaded_county("vasterbotten")
    region = Organisation.objects.create(
        county=county,
        key="region-vb",
        name="Region Västerbotten",
        principal="region-vasterbotten",
        sector="health_care",
    )
    user = get_user_model().objects.create_user("koordinator", password=DEMO_PASSWORD)
    Membership.objects.create(user=user, organisation=region, role=Membership.Role.COORDINATOR)
    TOTPDevice.objects.create(user=user, confirmed=True, name="app")
    day = datetime.date(YEAR, 2, 3)
    meeting(county, "lanssamverkansgrupp", day, status=Meeting.Status.HELD)
    meeting(county, "lanssamverkansgrupp", day.replace(month=9), status=Meeting.Status.CANCELLED)
    return live_server.url


def test_a_coordinator_reads_the_annual_report_and_downloads_it(site, page):
    log_in(page, site, "koordinator")
    page.goto(f"{site}/uppfoljning/arsrapport/vasterbotten/{YEAR}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Årsrapport {YEAR}, Västerbottens län"
    )
    expect(
        page.get_by_text("underlag för uppföljningen vid Regionalt ledningsseminarium")
    ).to_be_visible()
    expect(page.get_by_role("img", name=f"Möten per organ, {YEAR}")).to_be_visible()
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned rapporten som PDF").click()
    assert download.value.suggested_filename == f"arsrapport-vasterbotten-{YEAR}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with page.expect_download() as download:
        page.get_by_role(
            "link", name=f"Ladda ned diagrammets data som CSV (Möten per organ, {YEAR})"
        ).click()
    assert download.value.suggested_filename == f"arsrapport-vasterbotten-{YEAR}-moten.csv"
    with open(download.value.path(), encoding="utf-8") as data:
        assert data.read().splitlines()[1] == "Länssamverkansgruppen,1,1,0"


def test_a_member_answers_the_survey(site, page):
    county = loaded_county("vasterbotten")
    seat = member(
        county, "lanssamverkansgrupp", "s", principal="region-vasterbotten", username="ledamot"
    )
    seat.person.user.set_password(DEMO_PASSWORD)
    seat.person.user.save()
    TOTPDevice.objects.create(user=seat.person.user, confirmed=True, name="app")
    coordinator = get_user_model().objects.get(username="koordinator")
    survey.do_open_survey_round(
        coordinator, county, YEAR, timezone.localdate() + datetime.timedelta(days=7)
    )
    log_in(page, site, "ledamot")
    page.goto(f"{site}/inkorg/")
    page.get_by_role("link", name="Svara på enkätens påståenden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Enkät om effektmålen {YEAR}")
    check(page)
    page.get_by_role("button", name="Skicka mina svar").click()
    expect(page.get_by_role("alert").first).to_contain_text("Välj hur mycket du instämmer")
    check(page)
    for group in page.get_by_role("group").all():
        group.get_by_label("4").check()
    page.get_by_role("button", name="Skicka mina svar").click()
    expect(page.get_by_text("Tack: dina svar är sparade, utan ditt namn.")).to_be_visible()
