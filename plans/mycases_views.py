"""The worker's start page, "Mina ärenden". The list names no individual; what it shows of the
cases (their numbers, steps and deadlines) is logged as one read of the page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.two_factor import verified_required
from audit.services import record

from . import events
from .access import organisation_of
from .emergency import may_use_emergency_access
from .mycases import my_open_cases, rows_of
from .worklist import window

PER_PAGE = 50


@login_required
@verified_required
@require_GET
def my_cases(request):
    today = timezone.localdate()
    organisation = organisation_of(request.user)
    page = window(my_open_cases(request.user, today), request.GET.get("sida"), PER_PAGE)
    rows = rows_of(request.user, page.rows, today)
    if rows:
        record(
            request.user,
            events.CASES_LISTED,
            organisation,
            changes={"cases": [row.case.pk for row in rows]},
        )
    return render(
        request,
        "plans/mycases.html",
        {
            "organisation": organisation,
            "rows": rows,
            "page": page,
            "overdue": sum(1 for row in rows if row.overdue_by),
            "may_use_emergency": may_use_emergency_access(request.user),
        },
    )
