"""The inbox in Debian's Chromium, axe clean and at phone width: the school counsellor finds an
overdue notice first and marked, follows its next step to the case, and chooses weekly
reminders; the count on her start page leads to the inbox."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from accounts.demo import ensure_demo_users
from agreements.services import load_county
from inbox.queries import frequency_of
from plans.tests.test_browser import check, log_in

from .conftest import consented_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_users()
    return live_server.url


def test_the_counsellor_follows_her_inbox(site, page):
    counsellor = get_user_model().objects.get(username="kurator")
    school = counsellor.membership.organisation
    today = timezone.localdate()
    late = consented_case(school, counsellor, today - datetime.timedelta(days=30))
    consented_case(school, counsellor, today)
    log_in(page, site, "kurator")
    page.goto(f"{site}/arenden/mina/")
    page.get_by_role("link", name="Min inkorg: 2 saker väntar på dig").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min inkorg")
    expect(page.get_by_text("1 sak är försenad.")).to_be_visible()
    first = page.get_by_role("row").nth(1)
    expect(first).to_contain_text(f"Ärende {late.pk}: kallelse till nätverksmöte")
    expect(first).to_contain_text("Försenat")
    check(page)

    page.get_by_role("link", name="Ändra hur ofta du blir påmind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Påminnelser med e-post")
    check(page)
    page.get_by_label("veckans första arbetsdag").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Ditt val är sparat.")).to_be_visible()
    expect(page.get_by_text("Påminnelser med e-post: veckans första arbetsdag.")).to_be_visible()
    assert frequency_of(counsellor) == "weekly"

    first = page.get_by_role("row").nth(1)
    first.get_by_role("link", name="Skicka kallelsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Ärende {late.pk}")
