"""The open data's page in Debian's Chromium, axe on it, without logging in: it reads on a phone
without sideways scrolling, and its links give a county's CSV and every county's JSON."""

import pytest
from playwright.sync_api import expect

from agreements.services import load_county
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anyone_reads_the_page_and_downloads_the_files(live_server, page):
    load_county("norrbotten")
    page.goto(f"{live_server.url}/uppfoljning/oppna-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Öppna data: uppföljningens indikatorer"
    )
    assert accessibility_violations(page) == []
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == 0
    county = page.get_by_role("listitem").filter(has_text="Norrbottens län")
    csv_url = county.get_by_role("link", name="CSV").first.get_attribute("href")
    response = page.request.get(f"{live_server.url}{csv_url}")
    assert response.ok and response.text().startswith("indicator,county,area,")
    national = page.get_by_role("listitem").filter(has_text="Alla län")
    json_url = national.get_by_role("link", name="JSON").first.get_attribute("href")
    assert page.request.get(f"{live_server.url}{json_url}").json()["counties"][0]["area"] == "0025"
