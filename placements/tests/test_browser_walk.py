"""An acute placement walked through the pages in Debian's Chromium, axe clean and at phone width
on every page, by Norrbus' people: social services records the decision and sees the cost
allocation due in ten working days and that coordination must move to it; primary care is asked
and the district nurse records the examination; a split that does not add up is refused with
what was typed kept, and the allocation is then agreed within the time, the deadline met. BUP's
inpatient stay is recorded and its leave and discharge planned."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from placements.models import Placement
from plans.models import Case
from plans.tests import test_browser, test_browser_walk
from plans.tests.test_browser import check
from plans.tests.test_browser_walk import save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The demo county, its users and cases; each person in a browser session of their own.
site = test_browser.site
as_user = test_browser_walk.as_user


def record_examination(nurse, day: str):
    """The district nurse fills in the examination on its form (already open) and saves it."""
    nurse.get_by_label("Undersökt den").fill(day)
    nurse.get_by_label("Undersökt av").fill("Nils Stenlund, distriktssköterska")
    nurse.get_by_label("Utfall").fill("Frisk; behöver astmauppföljning under placeringen.")
    save(nurse)
    expect(nurse.get_by_text("behöver astmauppföljning under placeringen")).to_be_visible()


def test_an_acute_placement_from_decision_to_agreed_costs(site, as_user):
    today = timezone.localdate().isoformat()
    case = Case.objects.get(individual__name="Alva Nordin")
    social = as_user("socialsekreterare")
    social.goto(f"{site}/arenden/{case.pk}/")
    expect(social.get_by_role("heading", name="Vård utanför det egna hemmet")).to_be_visible()
    check(social)
    social.get_by_role("link", name="Registrera en placering", exact=True).click()
    check(social)
    social.get_by_label("Familjehem", exact=True).check()
    social.get_by_label("Med tvång").check()
    social.get_by_label("Akut").check()
    social.get_by_label("Datum för beslutet").fill(today)
    social.get_by_label("Beslutande socialtjänst").select_option(
        label="Socialtjänsten, Luleå kommun"
    )
    social.get_by_label("Placeringen börjar").fill(today)
    save(social)
    expect(social.get_by_role("status").first).to_contain_text("Placeringen är registrerad.")
    placement = Placement.objects.get(case=case)
    due = placement.cost_allocation_due_on.isoformat()
    expect(
        social.get_by_text(f"Senast {due}, 10 arbetsdagar efter beslutet om den akuta placeringen")
    ).to_be_visible()
    expect(social.get_by_text("10 arbetsdagar kvar").first).to_be_visible()
    expect(
        social.get_by_text("Nästa steg: revidera planen så att socialtjänsten blir samordnare.")
    ).to_be_visible()
    check(social)

    # Primary care is asked; BUP is not offered, since it is not primary care.
    social.get_by_role("link", name="Be primärvården om hälsoundersökningen").click()
    check(social)
    expect(social.get_by_label("Primärvårdsenhet som undersöker").locator("option")).to_have_count(
        2
    )
    social.get_by_label("Primärvårdsenhet som undersöker").select_option(
        label="Division Närsjukvård, Region Norrbotten"
    )
    save(social)
    expect(social.get_by_text("Begärd hos Division Närsjukvård, Region Norrbotten")).to_be_visible()

    # The district nurse of the health centre records the examination.
    nurse = as_user("sjukskoterska")
    nurse.goto(f"{site}/arenden/{case.pk}/")
    nurse.get_by_role("link", name="Registrera hälsoundersökningen").click()
    check(nurse)
    record_examination(nurse, today)
    check(nurse)

    # The split must add up; nothing typed is lost when it does not.
    social.reload()
    social.get_by_role("link", name="Registrera kostnadsfördelningen").click()
    check(social)
    social.get_by_label("Luleå kommun: andel i procent").fill("60")
    social.get_by_label("Luleå kommun: vad andelen omfattar").fill("Familjehemmet och skolan")
    social.get_by_label("Region Norrbotten: andel i procent").fill("30")
    save(social)
    expect(social.get_by_role("alert").first).to_contain_text("90 procent")
    expect(social.get_by_label("Luleå kommun: vad andelen omfattar")).to_have_value(
        "Familjehemmet och skolan"
    )
    check(social)
    social.get_by_label("Luleå kommun: andel i procent").fill("70")
    save(social)
    expect(social.get_by_role("status").first).to_contain_text(
        "Kostnadsfördelningen är registrerad."
    )
    expect(social.get_by_text(f"Överenskommen {today}")).to_be_visible()
    expect(social.get_by_text("arbetsdagar kvar")).to_have_count(0)  # the deadline is met
    check(social)

    # BUP's inpatient ward: the admission, and leave and discharge planned with the municipality.
    social.get_by_role(
        "link", name="Registrera en inskrivning i barn- och ungdomspsykiatrins slutenvård"
    ).click()
    check(social)
    social.get_by_label("Inskriven den").fill(today)
    social.get_by_label("Remitterad av").select_option(
        label="Barn- och ungdomspsykiatri/barnmedicin/barnhabilitering, Region Norrbotten"
    )
    save(social)
    expect(
        social.get_by_text("De sociala och pedagogiska insatserna fortsätter under vistelsen:")
    ).to_be_visible()
    social.get_by_role("link", name="Planera permissioner och utskrivning").click()
    social.get_by_label("Planering av permissioner").fill("Hem varannan helg.")
    social.get_by_label("Planering av utskrivningen").fill(
        "Skolan och socialtjänsten planerar återgången."
    )
    save(social)
    expect(social.get_by_text("Hem varannan helg.")).to_be_visible()
    check(social)
