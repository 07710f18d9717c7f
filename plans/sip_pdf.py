"""The SIP as a PDF (WeasyPrint), laid out as Norrbus' completed SIP form (004, Bilaga 2): the
individual, the participants and their organisations, needs, interventions with the responsible
principal and their follow-up, measures by others, decisions that nothing further is needed,
the overall responsibility, coordinator and plan owner, consent, approval, version and
establishment, and page numbers. A draft says on every page that it is one.

The document is tagged PDF/UA-1: a screen reader reads its headings, tables and the order of
the text, in Swedish (the form's language, whatever the reader's page language), under the
document's title."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from weasyprint import HTML

from .sections import CaseView
from .sip import Sip

PARTS = {
    "opening": _("opened the case"),
    "participant": _("takes part"),
    "coordinator": _("the coordinator's organisation"),
    "plan_owner": _("the plan owner's organisation"),
}


def formatted_number(number: str) -> str:
    """Twelve digits as the form writes them: YYYYMMDD-NNNN."""
    return f"{number[:8]}-{number[8:]}"


def filename(sip: Sip) -> str:
    # No name or number of the individual: the file name is seen wherever the file goes.
    return f"SIP-arende-{sip.case.pk}-version-{sip.plan.number}.pdf"


def _page_numbers() -> str:
    """ "Page 1 of 3" as a CSS content value: the sentence translated whole, the counters in
    its place."""
    text = str(_("Page %(page)s of %(pages)s")).replace('"', "")
    quoted = text % {"page": '" counter(page) "', "pages": '" counter(pages) "'}
    return f'"{quoted}"'


def sip_pdf(sip: Sip, reader, base_url: str) -> bytes:
    """The version as a tagged PDF; `reader` is who prints it, named on the form."""
    for intervention in sip.interventions:
        intervention.principal_name = sip.principal_name(intervention.principal)
    with translation.override("sv"):
        html = render_to_string(
            "plans/sip_pdf.html",
            {
                "sip": sip,
                "case": sip.case,
                "plan": sip.plan,
                "interventions": sip.interventions,
                "number": formatted_number(sip.identity_number),
                "actors": [
                    (organisation, principal, [str(PARTS[part]) for part in parts])
                    for organisation, principal, parts in sip.actors()
                ],
                "reader": reader,
                "page_numbers": _page_numbers(),
            },
        )
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")


def exports_section(view: CaseView) -> dict | None:
    """The case page's links: every version as a PDF, newest first, and the established plan
    as FHIR; nothing before there is a plan."""
    versions = sorted(view.case.plans.all(), key=lambda plan: plan.number, reverse=True)
    if not versions:
        return None
    established = any(v.established_on for v in versions)
    return {
        "case_id": view.case.pk,
        "versions": versions,
        "fhir": reverse("api-1.0.0:sip_fhir", args=[view.case.pk]) if established else "",
    }
