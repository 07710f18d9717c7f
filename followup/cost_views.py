"""The cost statement pages: a county's year, one party's own statement, and the CSV for the
finance departments. Only the county's coordinators, chairs and auditors, after the second
factor; the statements hold no personal data."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.two_factor import verified_required
from agreements.models import County

from . import costs
from .access import may_read_follow_up


def cost_page(view):
    """Login, second factor, a year in range, and access to the county's costs."""

    @login_required
    @verified_required
    @wraps(view)
    def wrapped(request, county: str, year: int, **kwargs):
        if not costs.FIRST_YEAR <= year <= costs.LAST_YEAR:
            raise Http404
        found = get_object_or_404(County, slug=county)
        if not may_read_follow_up(request.user, found):
            raise PermissionDenied
        return view(request, costs.statement(found, year), **kwargs)

    return wrapped


@cost_page
def county_statement(request, statement):
    return render(
        request,
        "followup/cost_statement.html",
        {
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
