"""A dispute climbing Norrbus' path in Debian's Chromium at phone width, axe on every page:
Luleå's social services raises a dispute on responsibility with primary care from a demo case;
the case says that the child's interventions continue; primary care states its side; the
structure's coordinator escalates it to the area's group (a step skipped is not offered), then
to the länsstyrgrupp, which resolves it; the case shows the outcome."""

import pytest
from playwright.sync_api import expect

from disputes.models import Dispute
from plans.models import Case
from plans.tests.test_browser import check, log_in
from plans.tests.test_browser import site as site  # noqa: F401, the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_dispute_escalated_to_the_lansstyrgrupp_and_resolved(site, browser):  # noqa: F811
    case = Case.objects.get(individual__name="Ella Nyström")
    social = browser.new_context(locale="sv-SE").new_page()
    log_in(social, site, "socialsekreterare")
    social.goto(f"{site}/arenden/{case.pk}/")
    social.get_by_role("link", name="Ta upp en oenighet om ansvar eller kostnader").click()
    check(social)
    social.get_by_label("Vad oenigheten gäller").select_option(label="ansvar för en insats")
    social.get_by_label("Den andra parten").select_option(
        label="Division Närsjukvård, Region Norrbotten"
    )
    social.get_by_label("Er ståndpunkt").fill("Samtalsstödet är hälso- och sjukvård.")
    social.get_by_role("button", name="Ta upp oenigheten").click()
    expect(social.get_by_role("status").first).to_contain_text("Oenigheten är upptagen")
    check(social)
    social.goto(f"{site}/arenden/{case.pk}/")
    expect(social.get_by_text("En oenighet är öppen.")).to_be_visible()
    expect(social.get_by_text("Barnets insatser fortsätter enligt planen").first).to_be_visible()
    dispute = Dispute.objects.get()

    nurse = browser.new_context(locale="sv-SE").new_page()
    log_in(nurse, site, "sjukskoterska")
    nurse.goto(f"{site}/oenighet/{dispute.pk}/")
    check(nurse)
    nurse.get_by_role("textbox", name="Er ståndpunkt").fill(
        "Stödet ges i hemmet och är socialtjänstens."
    )
    nurse.get_by_role("button", name="Ange er ståndpunkt").click()
    expect(nurse.get_by_role("status").first).to_contain_text("Er ståndpunkt är angiven")

    coordinator = browser.new_context(locale="sv-SE").new_page()
    log_in(coordinator, site, "samordnare")
    coordinator.goto(f"{site}/oenighet/{dispute.pk}/")
    check(coordinator)
    for concluded, heading in (
        ("Kommungruppen kom inte fram till en gemensam syn.", "Länsdelssamverkan (Boden/Luleå)"),
        ("Inte heller länsdelen kom överens.", "Länsstyrgrupp"),
    ):
        coordinator.get_by_role("link", name="Lyft vidare till nästa steg").click()
        expect(coordinator.get_by_role("heading", level=1)).to_contain_text(heading)
        coordinator.get_by_label("Vad steget kom fram till").fill(concluded)
        coordinator.get_by_role("button", name="Fortsätt").click()
        check(coordinator)  # the confirmation
        coordinator.get_by_role("button", name="Lyft oenigheten vidare").click()
        expect(coordinator.get_by_role("status").first).to_contain_text("Oenigheten är lyft")
    expect(coordinator.get_by_role("link", name="Lyft vidare till nästa steg")).to_have_count(0)
    check(coordinator)
    coordinator.get_by_role("link", name="För in utfallet").click()
    coordinator.get_by_label("Utfall").fill("Regionen ansvarar för samtalsstödet.")
    coordinator.get_by_label("Ansvarig huvudman").select_option(label="Region Norrbotten")
    coordinator.get_by_role("button", name="Fortsätt").click()
    check(coordinator)
    coordinator.get_by_role("button", name="För in utfallet").click()
    expect(coordinator.get_by_role("status").first).to_contain_text("Utfallet är infört")

    social.goto(f"{site}/arenden/{case.pk}/")
    expect(social.get_by_text("Regionen ansvarar för samtalsstödet.")).to_be_visible()
    check(social)
