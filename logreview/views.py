"""The auditor's pages: the log review, the emergency accesses waiting for review, and the
individual's extract. Only auditors see them, after the second factor, and every look is itself
audited: the review reads many individuals' events at once, so its own event names the auditor's
account as the object and keeps the filters; the extract names the individual."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from accounts.two_factor import verified_required
from audit.services import record
from plans.emergency import do_review_emergency_access
from plans.models import EmergencyAccess, Individual

from . import events, review
from . import extract as extracts
from .forms import EmergencyReviewForm, ExtractForm, ReviewFilterForm

PER_PAGE = 50


def auditor_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not review.may_review(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _filter_form(request) -> ReviewFilterForm:
    # Always bound: with no filters, every field is empty and the form is valid.
    return ReviewFilterForm(request.GET, organisations=review.organisation_names())


def _logged_filters(filters: dict) -> dict:
    return {key: value for key, value in filters.items() if value not in (None, "")}


def _csv_response(lines, filename: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        lines,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@verified_required
@auditor_required
@require_GET
def log_review(request):
    """The accesses to individuals' data, newest first, filtered and counted by kind."""
    form = _filter_form(request)
    page = rows = counts = None
    if form.is_valid():
        filters = form.cleaned_data
        page = Paginator(review.accesses(**filters), PER_PAGE).get_page(request.GET.get("page"))
        rows = list(review.rows(page.object_list))
        counts = review.counts(**filters)
        record(
            request.user,
            events.LOG_REVIEWED,
            request.user,
            changes={"filters": _logged_filters(filters), "page": page.number},
        )
    return render(
        request,
        "logreview/review.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "counts": counts,
            "waiting": EmergencyAccess.objects.filter(reviewed_at__isnull=True).count(),
        },
    )


@login_required
@verified_required
@auditor_required
@require_GET
def log_review_csv(request):
    """The filtered accesses as CSV; with filters in error, back to the page that says why."""
    form = _filter_form(request)
    if not form.is_valid():
        return redirect(f"{reverse('audit:review')}?{request.GET.urlencode()}")
    filters = form.cleaned_data
    record(
        request.user,
        events.LOG_EXPORTED,
        request.user,
        changes={"filters": _logged_filters(filters)},
    )
    lines = review.review_csv(review.accesses(**filters))
    return _csv_response(lines, f"logg-{timezone.localdate():%Y-%m-%d}.csv")


def _review_form(access, data=None) -> EmergencyReviewForm:
    # One form per access on the page: the prefix keeps their fields' ids apart.
    return EmergencyReviewForm(data, prefix=f"access-{access.pk}")


@login_required
@verified_required
@auditor_required
@require_GET
def emergency_waiting(request):
    """The emergency accesses no auditor has reviewed yet, the longest waiting first."""
    accesses = (
        EmergencyAccess.objects.filter(reviewed_at__isnull=True)
        .select_related("user", "organisation")
        .prefetch_related("individual__cases")
        .order_by("started_at")
    )
    record(request.user, events.EMERGENCY_LISTED, request.user)
    return render(
        request,
        "logreview/emergency.html",
        {"accesses": [(access, _review_form(access)) for access in accesses]},
    )


@login_required
@verified_required
@auditor_required
@require_POST
def review_emergency(request, pk: int):
    access = get_object_or_404(EmergencyAccess, pk=pk)
    form = _review_form(access, request.POST)
    if form.is_valid():
        try:
            do_review_emergency_access(request.user, access, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The emergency access is reviewed."))
    else:
        messages.error(request, " ".join(form.errors["note"]))
    return redirect("audit:emergency")


@sensitive_post_parameters("identity_number")
@sensitive_variables()
@never_cache  # Personal data: not kept in the browser's cache.
@login_required
@verified_required
@auditor_required
def individual_extract(request):
    """Look an individual up by identity number (in the body, never the URL) and show who has
    read their data."""
    form = ExtractForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            individual = extracts.find_individual(form.cleaned_data["identity_number"])
        except ValidationError as error:
            form.add_error("identity_number", error)
        else:
            if individual is None:
                # The look-up itself is logged: it tells whether someone is in the platform.
                record(request.user, events.EXTRACT_NOT_FOUND, Individual())
                context["not_found"] = True
            else:
                reads = extracts.reads(individual)
                record(request.user, events.EXTRACT_READ, individual)
                # A fresh form: the number is not written back into the page.
                context = {
                    "form": ExtractForm(),
                    "individual": individual,
                    "reads": reads,
                    "token": extracts.token_for(individual),
                    "now": timezone.localtime(),
                }
    return render(request, "logreview/extract.html", context)


@never_cache
@login_required
@verified_required
@auditor_required
@require_POST
def individual_extract_csv(request):
    """The extract just shown, as CSV; the page carries a short-lived signed reference."""
    individual = extracts.individual_from_token(request.POST.get("token", ""))
    if individual is None:
        messages.error(request, _("The extract has expired. Look the individual up again."))
        return redirect("audit:extract")
    reads = extracts.reads(individual)
    record(request.user, events.EXTRACT_DOWNLOADED, individual)
    return _csv_response(
        extracts.extract_csv(reads), f"registerutdrag-{timezone.localdate():%Y-%m-%d}.csv"
    )
