"""A case's history page: who changed what on the case, and when. Reached like the case page
(the same refusal, logged, and 404 outside one's reach), and read as an audited access itself."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.two_factor import verified_required
from audit.services import record

from . import events
from .access import Basis, reach_case
from .history import case_history, entries
from .worklist import window

PER_PAGE = 100


@login_required
@verified_required
@require_GET
def case_history_page(request, pk: int):
    case, basis = reach_case(request.user, pk, events.CASE_REFUSED, request.path)
    if basis is None:
        raise Http404(_("No such case."))
    page = window(case_history(case), request.GET.get("sida"), PER_PAGE)
    record(request.user, events.CASE_HISTORY_READ, case, emergency=basis == Basis.EMERGENCY)
    return render(
        request,
        "plans/history.html",
        {"case": case, "basis": basis, "entries": entries(page.rows), "page": page},
    )
