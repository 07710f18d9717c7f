"""Approved minutes as PDF (WeasyPrint): the meeting, who attended and for whom, and per agenda
item what was discussed, recommended and decided, with the action items it gave."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from .models import Minutes


def minutes_pdf(minutes: Minutes, context: dict, base_url: str) -> bytes:
    """The minutes as a PDF document, from the same context as their page."""
    html = render_to_string("meetings/minutes_pdf.html", {**context, "minutes": minutes})
    return HTML(string=html, base_url=base_url).write_pdf()
