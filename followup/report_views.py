"""The annual report's page, its PDF and each chart's data as CSV: the county's coordinators,
chairs and auditors, after the second factor. A year outside the calendar's range is not found;
a year without data is a report that says so."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.two_factor import verified_required
from agreements.models import County
from workdays.calendar import MAX_YEAR, MIN_YEAR

from .access import may_read_follow_up
from .report import AnnualReport, annual_report
from .report_pdf import filename, report_pdf


def report_page(view):
    @login_required
    @verified_required
    @wraps(view)
    def wrapped(request, county: str, year: int, **kwargs):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise Http404
        found = get_object_or_404(County, slug=county)
        if not may_read_follow_up(request.user, found):
            raise PermissionDenied
        return view(request, annual_report(found, year), **kwargs)

    return wrapped


def drawn(report: AnnualReport) -> dict:
    """Each chart with its SVG drawn once, by key, for the templates."""
    return {chart.key: {"chart": chart, "uri": chart.data_uri()} for chart in report.charts}


@report_page
def page(request, report: AnnualReport):
    return render(request, "followup/report.html", {"report": report, "charts": drawn(report)})


@report_page
def pdf(request, report: AnnualReport):
    content = report_pdf(report, drawn(report), request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename(report)}"'
    return response


@report_page
def chart_csv(request, report: AnnualReport, chart: str):
    found = report.chart(chart)
    if found is None:
        raise Http404
    response = HttpResponse(found.csv(), content_type="text/csv; charset=utf-8")
    name = f"arsrapport-{report.county.slug}-{report.year}-{found.key}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
