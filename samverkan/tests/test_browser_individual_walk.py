"""Issue 12's walk in Debian's Chromium on one child's case (Elsa Lantto's, whose plan is in
force), every step through the pages by the person who takes it, every page axe clean and without
sideways scrolling at 320 px.

Luleå's social secretary records an acute placement and sees the cost allocation due in ten
working days, and asks primary care for the health examination; both wait in the inboxes, and
the daily work reminds the district nurse by a mail that names no one; the nurse records the
examination from her inbox, and the social secretary the principals' shares within the time.
The school counsellor reports that social services missed the network meeting and Luleå's unit
manager handles the deviation to its close. Social services disputes the cost with the region,
which states its side; the structure's coordinator lifts the dispute to the länsstyrgrupp and
records its outcome, which the placement keeps beside the first allocation. The counsellor
downloads the plan as a PDF and reads it as a FHIR bundle that validates. Last, a guardian logs
in to My pages, reads the plan and withdraws the consent after the confirmation step."""

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from playwright.sync_api import expect

from deviations.models import Deviation
from disputes.models import Dispute
from outbox.models import Mail
from outbox.tasks import run_daily_jobs
from placements.models import Placement
from placements.tests.test_browser_walk import record_examination
from plans.models import Case, Consent
from plans.tests import test_browser_walk
from plans.tests.test_browser_sip import downloaded
from plans.tests.test_browser_walk import save
from portal.tests import test_browser_walk as portal_walk
from portal.tests.test_browser_walk import check, log_in_as
from workdays.calendar import add_working_days, is_working_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The demo county, its users, cases and guardians (check: axe, and nothing sideways at 320 px).
site = portal_walk.site
as_user = test_browser_walk.as_user
NAME = "Elsa Lantto"
NUMBER = "20140312-2391"
NORRBUS = "Norrbus – gemensamma riktlinjer för samverkan för barn och unga, version 1: "


def said(tab, text):
    """The page's status says it; then the page is checked."""
    expect(tab.get_by_role("status").first).to_contain_text(text)
    check(tab)


def test_one_childs_placement_deviation_dispute_exports_and_consent(
    site, as_user, browser, mailoutbox
):
    today = timezone.localdate()
    case = Case.objects.get(individual__name=NAME)
    case_path = f"{site}/arenden/{case.pk}/"

    # The social secretary records the acute placement: the cost allocation's deadline is shown.
    social = as_user("socialsekreterare")
    social.goto(case_path)
    check(social)
    social.get_by_role("link", name="Registrera en placering", exact=True).click()
    check(social)
    social.get_by_label("Familjehem", exact=True).check()
    social.get_by_label("Frivillig").check()
    social.get_by_label("Akut").check()
    social.get_by_label("Datum för beslutet").fill(today.isoformat())
    social.get_by_label("Beslutande socialtjänst").select_option(
        label="Socialtjänsten, Luleå kommun"
    )
    social.get_by_label("Placeringen börjar").fill(today.isoformat())
    save(social)
    said(social, "Placeringen är registrerad.")
    placement = Placement.objects.get(case=case)
    due = placement.cost_allocation_due_on
    expect(
        social.get_by_text(f"Senast {due}, 10 arbetsdagar efter beslutet om den akuta placeringen")
    ).to_be_visible()
    placements = social.locator("#placeringar")
    expect(placements.get_by_text("10 arbetsdagar kvar")).to_be_visible()
    social.get_by_role("link", name="Be primärvården om hälsoundersökningen").click()
    check(social)
    social.get_by_label("Primärvårdsenhet som undersöker").select_option(
        label="Division Närsjukvård, Region Norrbotten"
    )
    save(social)
    expect(social.get_by_text("Begärd hos Division Närsjukvård, Region Norrbotten")).to_be_visible()
    check(social)

    # Both wait in the social secretary's inbox and the nurse's.
    social.goto(f"{site}/inkorg/")
    expect(social.get_by_role("heading", level=1)).to_have_text("Min inkorg")
    cost_row = social.get_by_role("row").filter(
        has_text=f"Ärende {case.pk}: kostnadsfördelning för placeringen"
    )
    expect(cost_row).to_contain_text(due.isoformat())
    check(social)
    nurse = as_user("sjukskoterska")
    nurse.goto(f"{site}/inkorg/")
    examination_row = nurse.get_by_role("row").filter(
        has_text=f"Ärende {case.pk}: hälsoundersökning inför placeringen"
    )
    expect(examination_row).to_be_visible()
    check(nurse)

    # The daily work reminds the nurse by mail: counts and links, nothing about the child.
    day = today if is_working_day(today) else add_working_days(today, 1)
    assert run_daily_jobs(day)["inbox.tasks.send_reminders"] not in ("0", "failed")
    reminder = Mail.objects.get(kind="inbox.reminder", recipient__startswith="sjukskoterska@")
    assert reminder.status == Mail.Status.SENT
    [sent] = [mail for mail in mailoutbox if "sjukskoterska" in mail.to[0]]
    assert "/inkorg/" in sent.body
    # The examination was due the day the placement began.
    assert ("1 sak ska göras i dag" if day == today else "1 sak är försenad") in sent.body
    for personal in (NAME, "Elsa", NUMBER, NUMBER.replace("-", ""), f"Ärende {case.pk}"):
        assert personal not in sent.subject + sent.body
        assert personal not in str(reminder.params)

    # The nurse follows the inbox's next step and records the examination.
    examination_row.get_by_role("link", name="Registrera hälsoundersökningen").click()
    check(nurse)
    record_examination(nurse, today.isoformat())
    check(nurse)

    # The social secretary records the shares from the inbox, within the ten working days.
    social.reload()
    cost_row.get_by_role("link", name="Registrera huvudmännens andelar").click()
    check(social)
    social.get_by_label("Luleå kommun: andel i procent").fill("70")
    social.get_by_label("Luleå kommun: vad andelen omfattar").fill("Familjehemmet och skolan")
    social.get_by_label("Region Norrbotten: andel i procent").fill("30")
    save(social)
    said(social, "Kostnadsfördelningen är registrerad.")
    expect(social.get_by_text(f"Överenskommen {today}")).to_be_visible()
    expect(placements.get_by_text("arbetsdagar kvar")).to_have_count(0)  # the deadline is met
    social.goto(f"{site}/inkorg/")
    expect(social.get_by_text(f"Ärende {case.pk}: kostnadsfördelning")).to_have_count(0)
    check(social)

    # The school counsellor reports a deviation; Luleå's unit manager handles and closes it.
    counsellor = as_user("kurator")
    counsellor.goto(case_path)
    counsellor.get_by_role("link", name="Rapportera en avvikelse från en rutin i ärendet").click()
    check(counsellor)
    counsellor.get_by_label("Rutin och avsnitt").select_option(
        label=f"{NORRBUS}Samordnad planering – nätverksmöte"
    )
    counsellor.get_by_label("Part som avvek").select_option(label="Socialtjänsten, Luleå kommun")
    counsellor.get_by_label("Vad som hände").fill("Socialtjänsten kom inte till nätverksmötet.")
    counsellor.get_by_role("button", name="Rapportera avvikelsen").click()
    said(counsellor, "är rapporterad")
    deviation = Deviation.objects.get()
    chief = as_user("ordforande")
    chief.goto(f"{site}/avvikelser/rapport/{deviation.pk}/")
    check(chief)
    chief.get_by_role("link", name="Kvittera avvikelsen").click()
    chief.get_by_role("button", name="Fortsätt").click()
    check(chief)
    chief.get_by_role("button", name="Kvittera", exact=True).click()
    said(chief, "Avvikelsen är kvitterad")
    chief.get_by_label("Vad utredningen kom fram till").fill("Kallelsen gick till fel brevlåda.")
    chief.get_by_label("Åtgärder som vidtagits").fill("Kallelser går till funktionsbrevlådan.")
    chief.get_by_role("button", name="Spara utredningen").click()
    check(chief)
    chief.get_by_role("link", name="Avsluta avvikelsen").click()
    check(chief)
    chief.get_by_label("Utfall").fill("Rutinen för kallelser är ändrad.")
    chief.get_by_role("button", name="Fortsätt").click()
    expect(chief.get_by_text("kan inte öppnas igen")).to_be_visible()
    check(chief)
    chief.get_by_role("button", name="Avsluta avvikelsen").click()
    said(chief, "rapportören har fått veta")
    counsellor.goto(f"{site}/avvikelser/rapport/{deviation.pk}/")
    expect(counsellor.get_by_text("Rutinen för kallelser är ändrad.")).to_be_visible()
    check(counsellor)

    # Social services disputes the cost with the region, which states its side.
    social.goto(case_path)
    social.get_by_role("link", name="Ta upp en oenighet om ansvar eller kostnader").click()
    check(social)
    social.get_by_label("Vad oenigheten gäller").select_option(label="kostnad")
    social.get_by_label("Den andra parten").select_option(
        label="Division Närsjukvård, Region Norrbotten"
    )
    social.get_by_label("Er ståndpunkt").fill("Astmavården under placeringen är regionens.")
    social.get_by_role("button", name="Ta upp oenigheten").click()
    said(social, "Oenigheten är upptagen")
    dispute = Dispute.objects.get()
    nurse.goto(f"{site}/oenighet/{dispute.pk}/")
    check(nurse)
    nurse.get_by_role("textbox", name="Er ståndpunkt").fill("Regionen står redan för 30 procent.")
    nurse.get_by_role("button", name="Ange er ståndpunkt").click()
    said(nurse, "Er ståndpunkt är angiven")

    # The structure's coordinator lifts it step by step to the länsstyrgrupp and records the
    # outcome, which becomes the placement's cost allocation.
    coordinator = as_user("samordnare")
    coordinator.goto(f"{site}/oenighet/{dispute.pk}/")
    check(coordinator)
    for concluded, heading in (
        ("Kommungruppen kom inte fram till en gemensam syn.", "Länsdelssamverkan (Boden/Luleå)"),
        ("Inte heller länsdelen kom överens.", "Länsstyrgrupp"),
    ):
        coordinator.get_by_role("link", name="Lyft vidare till nästa steg").click()
        expect(coordinator.get_by_role("heading", level=1)).to_contain_text(heading)
        check(coordinator)
        coordinator.get_by_label("Vad steget kom fram till").fill(concluded)
        coordinator.get_by_role("button", name="Fortsätt").click()
        check(coordinator)
        coordinator.get_by_role("button", name="Lyft oenigheten vidare").click()
        said(coordinator, "Oenigheten är lyft")
    coordinator.get_by_role("link", name="För in utfallet").click()
    check(coordinator)
    coordinator.get_by_label("Utfall").fill("Kostnaden delas lika under placeringen.")
    coordinator.get_by_label("Andel för Luleå kommun (procent)").fill("50")
    coordinator.get_by_label("Andel för Region Norrbotten (procent)").fill("50")
    coordinator.get_by_role("button", name="Fortsätt").click()
    check(coordinator)
    coordinator.get_by_role("button", name="För in utfallet").click()
    said(coordinator, "Utfallet är infört")
    social.goto(case_path)
    expect(social.get_by_text("Kostnaden delas lika under placeringen.").first).to_be_visible()
    check(social)
    first, latest = placement.cost_allocations.order_by("number")
    assert first.basis == "agreed" and latest.basis == "dispute"
    assert sorted(latest.shares.values_list("percent", flat=True)) == [50, 50]

    # The counsellor downloads the plan in force and reads it as a FHIR bundle that validates.
    counsellor.goto(case_path)
    exports = counsellor.get_by_role("region", name="Planen att ladda ner")
    check(counsellor)
    text = downloaded(counsellor, exports.get_by_role("link", name="Version 1 som PDF"))
    assert "Samordnad individuell plan (SIP)" in text and NAME in text
    fhir = counsellor.get_by_role("link", name="Den upprättade planen som FHIR", exact=False)
    answer = counsellor.request.get(site + fhir.get_attribute("href"))
    assert answer.status == 200
    Bundle.model_validate(answer.json())

    # A guardian reads the plan on My pages and withdraws the consent after the confirmation.
    guardian = browser.new_context(locale="sv-SE").new_page()
    log_in_as(guardian, site, "Vårdnadshavare till Elsa Lantto (Vårdnadshavare till Elsa)")
    check(guardian)
    guardian.get_by_role("region", name=NAME).get_by_role("link").first.click()
    expect(guardian.get_by_role("heading", level=1)).to_have_text(f"Planen för {NAME}")
    expect(guardian.get_by_text("Särskilt stöd i skolan")).to_be_visible()
    check(guardian)
    guardian.get_by_role("link", name="Återkalla samtycket").first.click()
    check(guardian)
    guardian.get_by_label("Jag förstår vad det innebär och vill återkalla samtycket").check()
    guardian.get_by_role("button", name="Återkalla samtycket").click()
    said(guardian, "Samtycket är återkallat")
    assert Consent.objects.filter(case=case, withdrawn_on__isnull=False).exists()
    guardian.context.close()
