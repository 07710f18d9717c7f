"""The cost statement pages: a county's year, one party's own statement, and the CSV for the
finance departments. Only the county's coordinators, chairs and auditors, after the second
factor; the statements hold no personal data."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.two_factor import verified_required
from agreements.models import County

from . import costs
from .access import may_read_follow_up


def _readable_county(request, slug: str) -> County:
    found = get_object_or_404(County, slug=slug)
    if not may_read_follow_up(request.user, found):
        raise PermissionDenied
    return found


def cost_page(view):
    """Login, second factor, a year in range, and access to the county's costs."""

    @login_required
    @verified_required
    @wraps(view)
    def wrapped(request, county: str, year: int, **kwargs):
        if not costs.FIRST_YEAR <= year <= costs.LAST_YEAR:
            raise Http404
        found = _readable_county(request, county)
        return view(request, costs.statement(found, year), **kwargs)

    return wrapped


@login_required
@verified_required
def this_year(request, county: str):
    found = _readable_county(request, county)
    return redirect("followup:costs", found.slug, timezone.localdate().year)


@cost_page
def county_statement(request, statement):
    year = statement.year
    return render(
        request,
        "followup/cost_statement.html",
        {
            "previous_year": year - 1 if year > costs.FIRST_YEAR else None,
            "next_year": year + 1 if year < costs.LAST_YEAR else None,
            "statement": statement,
            "parties": statement.agreement.parties if statement.agreement else [],
        },
    )


@cost_page
def party_statement(request, statement, party: str):
    found = statement.agreement.party(party) if statement.agreement else None
    if found is None:
        raise Http404
    return render(
        request,
        "followup/cost_party.html",
        {
            "statement": statement,
            "party": found,
            "lines": costs.party_lines(statement, party),
            "placement": next((p for p in statement.placements if p.principal == party), None),
        },
    )


@cost_page
def statement_csv(request, statement):
    name = f"kostnader-{statement.county.slug}-{statement.year}.csv"
    return HttpResponse(
        # A byte-order mark, so that a spreadsheet opens the file as UTF-8.
        "\ufeff" + costs.csv_text(statement),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
