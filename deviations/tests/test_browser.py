"""A deviation reported and handled in Debian's Chromium at phone width, axe on every page:
the school counsellor reports from a demo case that social services missed the network meeting,
is warned that the text names the child and reports without the name; Luleå's unit manager of
social services acknowledges it, records the investigation and closes it after confirming; the
counsellor reads the outcome. Then the structure's coordinator hands the region's recurring
deviations over to the area's group."""

import pytest
from playwright.sync_api import expect

from deviations.demo import ensure_demo_deviations
from deviations.models import Deviation
from plans.models import Case
from plans.tests.test_browser import check, log_in
from plans.tests.test_browser import site as site  # noqa: F401, the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_deviation_reported_handled_and_closed(site, browser):  # noqa: F811
    case = Case.objects.get(individual__name="Elsa Lantto")
    counsellor = browser.new_context(locale="sv-SE").new_page()
    log_in(counsellor, site, "kurator")
    counsellor.goto(f"{site}/arenden/{case.pk}/")
    counsellor.get_by_role("link", name="Rapportera en avvikelse från en rutin i ärendet").click()
    check(counsellor)
    counsellor.get_by_label("Rutin och avsnitt").select_option(
        label="Norrbus – gemensamma riktlinjer för samverkan för barn och unga, version 1: "
        "Samordnad planering – nätverksmöte"
    )
    counsellor.get_by_label("Part som avvek").select_option(label="Socialtjänsten, Luleå kommun")
    counsellor.get_by_label("Vad som hände").fill(
        "Elsa Lantto fick vänta, socialtjänsten kom inte."
    )
    counsellor.get_by_role("button", name="Rapportera avvikelsen").click()
    expect(counsellor.get_by_role("alert").first).to_contain_text(
        "Kontrollera innan du rapporterar"
    )
    check(counsellor)
    counsellor.get_by_label("Vad som hände").fill("Socialtjänsten kom inte till nätverksmötet.")
    counsellor.get_by_role("button", name="Kontrollera igen").click()
    expect(counsellor.get_by_role("status").first).to_contain_text("är rapporterad")
    check(counsellor)
    deviation = Deviation.objects.get()

    chief = browser.new_context(locale="sv-SE").new_page()
    log_in(chief, site, "ordforande")
    chief.goto(f"{site}/avvikelser/rapport/{deviation.pk}/")
    check(chief)
    chief.get_by_role("link", name="Kvittera avvikelsen").click()
    chief.get_by_role("button", name="Fortsätt").click()
    check(chief)  # the confirmation
    chief.get_by_role("button", name="Kvittera", exact=True).click()
    expect(chief.get_by_role("status").first).to_contain_text("Avvikelsen är kvitterad")
    chief.get_by_label("Vad utredningen kom fram till").fill("Kallelsen gick till fel brevlåda.")
    chief.get_by_label("Åtgärder som vidtagits").fill("Kallelser går till funktionsbrevlådan.")
    chief.get_by_role("button", name="Spara utredningen").click()
    check(chief)
    chief.get_by_role("link", name="Avsluta avvikelsen").click()
    chief.get_by_label("Utfall").fill("Rutinen för kallelser är ändrad.")
    chief.get_by_role("button", name="Fortsätt").click()
    expect(chief.get_by_text("kan inte öppnas igen")).to_be_visible()
    check(chief)
    chief.get_by_role("button", name="Avsluta avvikelsen").click()
    expect(chief.get_by_role("status").first).to_contain_text("rapportören har fått veta")

    counsellor.goto(f"{site}/avvikelser/rapport/{deviation.pk}/")
    expect(counsellor.get_by_text("Rutinen för kallelser är ändrad.")).to_be_visible()
    check(counsellor)


def test_recurring_deviations_handed_over_by_the_coordinator(site, browser):  # noqa: F811
    ensure_demo_deviations()
    coordinator = browser.new_context(locale="sv-SE").new_page()
    log_in(coordinator, site, "samordnare")
    coordinator.goto(f"{site}/avvikelser/norrbotten/")
    check(coordinator)
    coordinator.get_by_role("link", name="Lämna över som samverkansärende").click()
    check(coordinator)
    coordinator.get_by_role("button", name="Fortsätt").click()
    check(coordinator)
    coordinator.get_by_role("button", name="Väck ärendet").click()
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text(
        "Återkommande avvikelser mellan Luleå kommun och Region Norrbotten"
    )
    check(coordinator)
