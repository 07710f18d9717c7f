"""A coordinator reads Västerbotten's cost statement and Umeå's own in Debian's Chromium: axe
on each page and no sideways scrolling on a phone."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import Membership
from agreements import county_data
from plans.tests.test_browser import check, log_in
from structure.models import Organisation
from structure.tests.builders import loaded_county

from .test_costs import COORDINATORS_2025

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.AGREEMENT_DIRS = [*settings.AGREEMENT_DIRS, tmp_path]
    county_data._cache.clear()
    (tmp_path / "vasterbotten").mkdir()
    (tmp_path / "vasterbotten" / "costs-2025.yaml").write_text(COORDINATORS_2025, encoding="utf-8")
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
    return live_server.url


def test_a_coordinator_reads_a_partys_cost_statement(site, page):
    log_in(page, site, "koordinator")
    page.goto(f"{site}/uppfoljning/kostnader/vasterbotten/2025/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kostnadsfördelning 2025, Västerbottens län"
    )
    check(page)
    page.get_by_role("link", name="Umeå kommun").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kostnadsredovisning 2025, Umeå kommun"
    )
    row = page.get_by_role("row", name="Regionala koordinatorer")
    expect(row).to_contain_text("429\u00a0767,94")
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned länets redovisning som CSV").click()
    assert download.value.suggested_filename == "kostnader-vasterbotten-2025.csv"
