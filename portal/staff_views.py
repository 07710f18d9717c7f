"""The staff's side of My pages: on the case, which guardians can log in, and a page where the
case's staff record a guardian's identity number and when custody ends. Only those who act on
the case (plans.access.can_act), and only guardians the viewer may see by name
(plans.access.shown_identity)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts.two_factor import verified_required
from audit.services import record
from plans import events as case_events
from plans.access import can_act, reach_case, shown_identity
from structure.actions import ConflictError

from . import events
from .actions import do_note_withdrawal, do_record_guardian_identity
from .forms import GuardianIdentityForm
from .models import GuardianIdentity, WithdrawalNotice


def _custodies(case) -> list[tuple]:
    """Each guardian of the individual with their login's record, if any."""
    guardians = list(case.individual.guardians.order_by("pk"))
    recorded = {
        c.guardian_id: c
        for c in GuardianIdentity.objects.filter(guardian__in=[g.pk for g in guardians])
    }
    return [(g, recorded.get(g.pk)) for g in guardians]


def _notices(case):
    return list(
        WithdrawalNotice.objects.filter(case=case, acknowledged_at__isnull=True).order_by("pk")
    )


def guardians_section(view):
    """The case page's section, for those who act: consents withdrawn on My pages not yet
    noted, and how many guardians can log in."""
    if not view.can_act:
        return None
    shown = shown_identity(view.user, view.case, view.basis, view.today)
    custodies = [] if shown.withheld else _custodies(view.case)
    return {
        "case": view.case,
        "notices": _notices(view.case),
        "withheld": shown.withheld,
        "guardians": len(custodies),
        "with_login": sum(
            1 for _g, c in custodies if c is not None and c.custody_ends_on > view.today
        ),
    }


@login_required
@verified_required
@sensitive_post_parameters("identity_number")
@require_http_methods(["GET", "POST"])
def guardians(request, pk: int):
    case, basis = reach_case(request.user, pk, case_events.CASE_REFUSED, request.path)
    if basis is None:
        raise Http404(_("No such case."))
    if not can_act(request.user, case):
        raise PermissionDenied
    today = timezone.localdate()
    shown = shown_identity(request.user, case, basis, today)
    custodies = [] if shown.withheld else _custodies(case)
    chosen = request.GET.get("vardnadshavare") or request.POST.get("guardian")
    current = next((c for g, c in custodies if c is not None and str(g.pk) == chosen), None)
    form = GuardianIdentityForm(
        request.POST if request.method == "POST" else None,
        guardians=[g for g, _c in custodies],
        initial={
            "guardian": chosen,
            "version": current.version if current else None,
            "custody_ends_on": current.custody_ends_on if current else None,
        },
    )
    if request.method == "POST" and custodies and form.is_valid():
        data = form.cleaned_data
        guardian = next(g for g, _c in custodies if g.pk == data["guardian"])
        try:
            do_record_guardian_identity(
                request.user,
                case,
                guardian,
                identity_number=data["identity_number"],
                custody_ends_on=data["custody_ends_on"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
        except ConflictError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The guardian's login to My pages is recorded."))
            return redirect("portal_staff:guardians", case.pk)
    if request.method == "GET":
        record(request.user, events.GUARDIANS_READ, case)
    return render(
        request,
        "portal/guardians.html",
        {
            "case": case,
            "custodies": custodies,
            "withheld": shown.withheld,
            "form": form,
            "today": today,
        },
    )


@login_required
@verified_required
@require_POST
def note_withdrawal(request, pk: int, notice_pk: int):
    case, basis = reach_case(request.user, pk, case_events.CASE_REFUSED, request.path)
    if basis is None:
        raise Http404(_("No such case."))
    if not can_act(request.user, case):
        raise PermissionDenied
    notice = WithdrawalNotice.objects.filter(pk=notice_pk, case=case).first()
    if notice is None:
        raise Http404(_("No such consent."))
    try:
        do_note_withdrawal(request.user, notice)
    except ConflictError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("Noted: the withdrawal leaves the inbox."))
    return redirect("plans:case", case.pk)
