"""Emergency access and its review in Debian's Chromium, axe on every page and no sideways
scrolling on a phone: a nurse opens emergency access; an auditor reviews the access log with
filters and the emergency accesses, and makes an individual's extract, on screen, on paper and
as CSV."""

import re

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from accounts.models import Membership
from agreements.services import load_county
from plans.demo import ensure_demo_cases
from plans.emergency import do_open_emergency_access
from plans.models import Case, EmergencyAccess
from plans.tests.test_browser import check, log_in
from structure.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NUMBER = "20140312-2391"  # Elsa Lantto's, a demo case
MAJA = "20120501-2386"  # Maja Rova's: only the school sees her case


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    auditor = get_user_model().objects.create_user(
        "granskning", password=DEMO_PASSWORD, first_name="Greta", last_name="Lund"
    )
    Membership.objects.create(
        user=auditor,
        organisation=Organisation.objects.get(key="region-norrbotten-halso-och-sjukvardsenheten"),
        role="auditor",
    )
    TOTPDevice.objects.create(user=auditor, confirmed=True, name="app")
    do_open_emergency_access(
        get_user_model().objects.get(username="socialsekreterare"),
        identity_number=MAJA,
        reason="Akut oro, vårdnadshavarna nås inte.",
    )
    return live_server.url


def test_an_auditor_reviews_the_log(site, page):
    log_in(page, site, "granskning")
    page.goto(f"{site}/logg/")
    expect(page.locator("table tbody tr").first).to_be_visible()
    check(page)
    page.locator("#id_kind").select_option("outside")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"kind=outside"))
    check(page)
    page.locator("#id_date_from").fill("2026-03-03")
    page.locator("#id_date_to").fill("2026-03-01")
    page.locator("form.filters button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check(page)

    page.locator('a[href="/logg/nodatkomster/"]').click()
    check(page)
    page.locator("form.stacked textarea").fill("Befogad: akut läge.")
    page.locator("form.stacked button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    check(page)
    assert not EmergencyAccess.objects.filter(reviewed_at__isnull=True).exists()


def test_an_auditor_makes_an_extract(site, page):
    log_in(page, site, "granskning")
    page.goto(f"{site}/logg/registerutdrag/")
    check(page)
    page.locator("#id_identity_number").fill(NUMBER)
    page.locator("form.stacked button[type=submit]").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("Elsa Lantto (2014)")
    expect(page.locator("table tbody tr").first).to_be_visible()
    check(page)
    assert "20140312" not in page.url and "20140312" not in page.content()

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("form").first).to_be_hidden()
    expect(page.locator("table")).to_be_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.locator('form[action="/logg/registerutdrag/csv/"] button').click()
    content = download.value.path().read_bytes()
    assert content.startswith("\ufeff".encode()) and b"20140312" not in content


def test_a_nurse_opens_emergency_access(site, page):
    log_in(page, site, "sjukskoterska")
    page.locator('a[href="/arenden/nodatkomst/"]').click()
    check(page)
    page.locator("#id_identity_number").fill(MAJA)
    page.locator("#id_reason").fill("Kort.")
    page.locator("#id_understood").check()
    page.locator("form.stacked button[type=submit]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.locator("#id_reason").input_value() == "Kort."  # nothing lost
    check(page)
    page.locator("#id_reason").fill("Akut oro på akuten, vårdnadshavarna nås inte.")
    page.locator("#id_understood").check()
    page.locator("form.stacked button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert page.url == f"{site}/arenden/nodatkomst/" and "20120501" not in page.content()
    check(page)
    case = Case.objects.get(individual__name="Maja Rova")
    page.locator(f'a[href="/arenden/{case.pk}/"]').first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(case.pk))
