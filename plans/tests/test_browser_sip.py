"""The SIP's exports in Debian's Chromium, axe on every page and at phone width: the school
counsellor downloads the established plan as the filled-in form from the case page and from the
plan's page, and reads it as a FHIR bundle that `fhir.resources` validates; the nurse whose unit
takes no part gets the same 404 for both."""

import io

import pytest
from django.contrib.auth import get_user_model
from fhir.resources.R4B.bundle import Bundle
from playwright.sync_api import expect
from pypdf import PdfReader

from audit.models import AuditEvent
from plans.access import visible_cases
from plans.models import Case

from .test_browser import check, log_in, site  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def downloaded(page, link) -> str:
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    with open(path, "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return " ".join(p.extract_text() for p in reader.pages)


def test_the_counsellor_downloads_the_plan_and_reads_it_as_fhir(site, page):  # noqa: F811
    case = (
        Case.objects.filter(
            opening_organisation__key="lulea-barn-och-utbildning",
            plans__established_on__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    log_in(page, site, "kurator")
    page.goto(f"{site}/arenden/{case.pk}/")
    section = page.get_by_role("region", name="Planen att ladda ner")
    expect(section).to_be_visible()
    check(page)
    text = downloaded(page, section.get_by_role("link", name="Version 1 som PDF"))
    assert "Samordnad individuell plan (SIP)" in text and "Version 1, upprättad" in text

    page.goto(f"{site}/arenden/{case.pk}/plan/1/")
    check(page)
    link = page.get_by_role("link", name="Ladda ner version 1 som PDF (SIP-blanketten)")
    assert "Deltagare och deras organisationer" in downloaded(page, link)

    page.goto(f"{site}/arenden/{case.pk}/")
    fhir_link = page.get_by_role("link", name="Den upprättade planen som FHIR", exact=False)
    answer = page.request.get(site + fhir_link.get_attribute("href"))
    assert answer.status == 200
    bundle = answer.json()
    Bundle.model_validate(bundle)
    assert bundle["entry"][0]["resource"]["resourceType"] == "CarePlan"
    assert AuditEvent.objects.filter(code="plan.pdf_read", object_id=str(case.pk)).count() == 2
    assert AuditEvent.objects.filter(code="plan.fhir_read", object_id=str(case.pk)).exists()


def test_the_nurse_outside_the_case_gets_the_same_404(site, page):  # noqa: F811
    nurse = get_user_model().objects.get(username="sjukskoterska")
    # A case the nurse's unit does not see, whether or not it has a plan: the answer is the same.
    case = Case.objects.exclude(pk__in=visible_cases(nurse)).order_by("pk").first()
    log_in(page, site, "sjukskoterska")
    pdf = page.request.get(f"{site}/arenden/{case.pk}/plan/1/pdf/")
    assert pdf.status == 404 and not pdf.body().startswith(b"%PDF")
    fhir = page.request.get(f"{site}/api/cases/{case.pk}/plan/fhir")
    assert fhir.status == 404 and "CarePlan" not in fhir.text()
    assert AuditEvent.objects.filter(action="refused", object_id=str(case.pk)).count() == 2
