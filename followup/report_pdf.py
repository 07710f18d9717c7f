"""The annual report as a PDF (WeasyPrint), tagged PDF/UA-1 as the SIP is: a screen reader reads
its headings, tables and the charts' text alternatives, under the report's title, in the
reader's language."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from plans.sip_pdf import _page_numbers

from .report import AnnualReport


def filename(report: AnnualReport) -> str:
    return f"arsrapport-{report.county.slug}-{report.year}.pdf"


def report_pdf(report: AnnualReport, charts: dict, base_url: str) -> bytes:
    html = render_to_string(
        "followup/report_pdf.html",
        {
            "report": report,
            "charts": charts,
            "made": timezone.localdate(),
            "page_numbers": _page_numbers(),
        },
    )
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")
