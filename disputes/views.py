"""The dispute pages: raising one from a case, a dispute with both sides' statements and its
path, escalating to the path's next step and resolving it, each confirmed first.

Thin: each view parses its form, calls one action (disputes.actions) and renders. A dispute or
case the user may not see answers 404, the attempt logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.two_factor import verified_required
from audit.services import record
from matters import access as matter_access
from matters import actions as matter_actions
from matters import flow
from meetings.steps import refuse
from plans import events as case_events
from plans.access import can_see, organisation_of, reach_case
from structure.actions import ConflictError, agreement_in_force
from structure.models import Organisation

from . import access, actions, events, forms
from .answer import answer_of
from .models import Dispute


def _dispute(request, pk: int) -> Dispute:
    found = (
        Dispute.objects.select_related(
            "case__individual__county", "matter", "raised_by", "respondent"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not access.may_see(request.user, found):
        refused = found or Dispute(pk=pk)
        record(request.user, events.DISPUTE_REFUSED, refused, reason=request.path)
        raise Http404(_("No such dispute."))
    return found


def _url(dispute: Dispute) -> str:
    return reverse("disputes:dispute", kwargs={"pk": dispute.pk})


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def raise_dispute(request, case_pk):
    case, basis = reach_case(request.user, case_pk, case_events.CASE_REFUSED, request.path)
    if basis is None:
        raise Http404(_("No such case."))
    organisation = organisation_of(request.user)
    parties = actions.parties(case)
    if organisation not in parties:
        raise PermissionDenied(_("Only a party of the case raises a dispute on it."))
    others = Organisation.objects.filter(pk__in=[p.pk for p in parties if p != organisation])
    form = forms.RaiseForm(request.POST or None, organisations=others.order_by("name"))
    path = actions.dispute_path(case)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.do_raise_dispute(
                request.user,
                case,
                subject=form.cleaned_data["subject"],
                respondent=form.cleaned_data["respondent"],
                statement=form.cleaned_data["statement"],
            )
        except ValidationError as error:
            refuse(form, error)
        else:
            messages.success(
                request,
                _("The dispute is raised. Next: %(party)s states its side.")
                % {"party": made.respondent.name},
            )
            return redirect(_url(made))
    return render(
        request,
        "disputes/raise.html",
        {"case": case, "form": form, "path": path},
    )


def _steps(dispute: Dispute, agreement) -> list[dict]:
    """The path's steps, each with the date it was reached and what it concluded."""
    path = matter_actions.dispute_path_of(dispute.matter)
    if path is None:
        return []
    escalations = list(
        dispute.matter.handlings.filter(outcome__in=["escalated", "closed"]).order_by("at", "pk")
    )
    matter = dispute.matter
    rows = []
    reached = dispute.raised_on
    for index, step in enumerate(path.path.steps):
        place = flow.step_place(agreement, step, matter.origin_body, matter.origin_instance)
        done = (
            escalations[index]
            if index < len(escalations) and index <= matter.dispute_step
            else None
        )
        rows.append(
            {
                "index": index,
                "name": place.name if place else step,
                "reached": reached if index <= matter.dispute_step else None,
                "left": done,
                "now": index == matter.dispute_step and dispute.state == Dispute.State.OPEN,
            }
        )
        if done is not None:
            reached = done.on
    return rows


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def dispute(request, pk):
    found = _dispute(request, pk)
    sees_case = can_see(request.user, found.case)
    record(request.user, events.DISPUTE_READ, found, {"number": str(found.pk)})
    may_state = access.may_state(request.user, found)
    form = forms.StatementForm(request.POST or None) if may_state else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.do_state_side(request.user, found, text=form.cleaned_data["text"])
            except ValidationError as error:
                refuse(form, error)
            else:
                messages.success(
                    request, _("Your side is stated. Next: the body handles the dispute.")
                )
                return redirect(_url(found))
    agreement = agreement_in_force(found.case.individual.county_id)
    names = {p.id: p.name for p in agreement.parties}
    may_handle = found.state == Dispute.State.OPEN and matter_access.may_handle(
        request.user, found.matter
    )
    path = matter_actions.dispute_path_of(found.matter)
    return render(
        request,
        "disputes/dispute.html",
        {
            "dispute": found,
            "sees_case": sees_case,
            "statements": found.statements.select_related("organisation"),
            "steps": _steps(found, agreement),
            "path": path,
            "answer": answer_of(found, agreement, timezone.localdate()),
            "form": form,
            "may_handle": may_handle,
            "both_stated": found.statements.count() >= 2,
            "is_last": path is not None and found.matter.dispute_step + 1 >= len(path.path.steps),
            "responsible": names.get(found.responsible_principal, found.responsible_principal),
            "shares": [
                (names.get(s.principal, s.principal), s.percent) for s in found.shares.all()
            ],
        },
    )


def _confirmed(request, found, form, *, act, question, consequence, button, summary, heading, done):
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") and not request.POST.get("change"):
            try:
                act(form)
            except ConflictError as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                refuse(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done)
                return redirect(_url(found))
        elif not request.POST.get("change"):
            return render(
                request,
                "disputes/confirm.html",
                {
                    "dispute": found,
                    "form": form,
                    "question": question,
                    "consequence": consequence,
                    "button": button,
                    "summary": summary(form.cleaned_data),
                },
            )
    return render(
        request, "disputes/step.html", {"dispute": found, "form": form, "heading": heading}
    )


def _handler(request, pk) -> Dispute:
    found = _dispute(request, pk)
    if found.state != Dispute.State.OPEN or not matter_access.may_handle(
        request.user, found.matter
    ):
        raise PermissionDenied
    return found


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def escalate(request, pk):
    found = _handler(request, pk)
    path = matter_actions.dispute_path_of(found.matter)
    following = found.matter.dispute_step + 1
    if path is None or following >= len(path.path.steps):
        raise Http404(_("The dispute is at the last step of its path."))
    agreement = agreement_in_force(found.matter.county_id)
    place = flow.step_place(
        agreement, path.path.steps[following], found.matter.body, found.matter.instance
    )
    form = forms.EscalateForm(
        request.POST or None,
        initial={"on": timezone.localdate(), "to_step": following, "version": found.version},
    )

    def act(form):
        data = form.cleaned_data
        actions.do_escalate_dispute(
            request.user,
            found,
            to_step=data["to_step"],
            text=data["text"],
            on=data["on"],
            expected_version=data.get("version") or found.version,
        )

    return _confirmed(
        request,
        found,
        form,
        act=act,
        question=_("Escalate the dispute to %(body)s?") % {"body": place.name if place else ""},
        consequence=_(
            "The dispute leaves this step with what it concluded; %(body)s handles it next. The "
            "child's interventions continue meanwhile."
        )
        % {"body": place.name if place else ""},
        button=_("Escalate"),
        summary=lambda data: [(_("Date"), data["on"].isoformat()), (_("Concluded"), data["text"])],
        heading=_("Escalate the dispute to %(body)s") % {"body": place.name if place else ""},
        done=_("The dispute is escalated. Next: %(body)s handles it.")
        % {"body": place.name if place else ""},
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def resolve(request, pk):
    found = _handler(request, pk)
    names = actions.principal_names(found.case.individual.county_id)
    principals = sorted({o.principal for o in actions.parties(found.case)})
    form = forms.ResolveForm(
        request.POST or None,
        dispute=found,
        principals=[(p, names.get(p, p)) for p in principals],
        initial={"on": timezone.localdate(), "version": found.version},
    )

    def act(form):
        data = form.cleaned_data
        actions.do_resolve_dispute(
            request.user,
            found,
            outcome=data["outcome"],
            responsible_principal=data.get("responsible_principal", ""),
            shares=form.shares(),
            on=data["on"],
            expected_version=data.get("version") or found.version,
        )

    def summary(data):
        lines = [(_("Date"), data["on"].isoformat()), (_("Outcome"), data["outcome"])]
        if data.get("responsible_principal"):
            lines.append((_("Responsible principal"), names.get(data["responsible_principal"], "")))
        lines += [
            (names.get(s["principal"], s["principal"]), f"{s['percent']} %") for s in form.shares()
        ]
        return lines

    return _confirmed(
        request,
        found,
        form,
        act=act,
        question=_("Record the outcome of dispute %(n)s?") % {"n": found.pk},
        consequence=_(
            "The dispute is resolved and its matter closed; the outcome is shown on the case and, "
            "for cost, recorded as the placement's cost allocation."
        ),
        button=_("Record the outcome"),
        summary=summary,
        heading=_("Record the outcome of the dispute"),
        done=_("The outcome is recorded on the case."),
    )
