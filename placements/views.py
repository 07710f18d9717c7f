"""The placements' pages: thin, each a form that calls one action. A case the user may not see
answers 404 and the attempt is logged (plans.access.reach_case); one they see but do not act on
answers 403; every page that shows a placement or a stay is an audited read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.two_factor import verified_required
from audit.services import record
from plans import events as case_events
from plans.access import Basis, reach_case
from structure.actions import ConflictError

from . import actions, events
from .access import may_act, may_examine
from .forms import (
    AdmissionForm,
    CostAllocationForm,
    DischargeForm,
    ExaminationForm,
    ExaminationRequestForm,
    PlacementForm,
    placement_initial,
)
from .models import InpatientStay, Placement
from .rules import case_principals, placement_rules, principal_names


def _case(request, pk: int):
    case, basis = reach_case(request.user, pk, case_events.CASE_STEP_REFUSED, request.path)
    if basis is None:
        raise Http404(_("No such case."))
    return case, basis


def _acting(request, case_pk: int, allowed=may_act):
    case, basis = _case(request, case_pk)
    if not allowed(request.user, case, basis):
        raise PermissionDenied
    if placement_rules(case.individual.county)[0] is None:
        raise Http404(_("The county's guideline states no rules for placement."))
    return case, basis


def _read(request, obj, basis) -> None:
    record(request.user, events.PLACEMENT_READ, obj, emergency=basis == Basis.EMERGENCY)


def _errors_onto(form, error: ValidationError) -> None:
    for field, texts in getattr(error, "message_dict", {None: error.messages}).items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _page(request, case, form, title: str, save, *, lead: str = "", read=None, basis=None):
    """A form page: on a valid post, `save(form)` calls the action; a refusal keeps what was
    typed with the reasons; a change saved by someone else meanwhile answers 409 and carries
    the version now, so that saving again saves on what is there."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            _errors_onto(form, error)
        except ConflictError as error:
            form.add_error(
                None, f"{error} " + _("What you typed is kept below: check the case, then save.")
            )
            if read is not None:
                read.refresh_from_db()
                form.data = form.data.copy()
                form.data["version"] = read.version
            status = 409
        else:
            return redirect(reverse("plans:case", args=[case.pk]) + "#placeringar")
    if read is not None:
        _read(request, read, basis)
    return render(
        request,
        "placements/form.html",
        {"case": case, "form": form, "title": title, "lead": lead},
        status=status,
    )


def _done(request, text: str) -> None:
    messages.success(request, text)


@login_required
@verified_required
def new_placement(request, case_pk: int):
    case, _basis = _acting(request, case_pk)
    if case.state == case.State.CLOSED:
        raise Http404(_("No such case."))
    form = PlacementForm(
        request.POST or None,
        case=case,
        initial={"decided_on": timezone.localdate(), "care": "voluntary", "urgency": "planned"},
    )

    def save(form):
        actions.do_record_placement(request.user, case, **form.action_fields())
        _done(request, _("The placement is recorded."))

    return _page(request, case, form, _("Record a placement outside the home"), save)


def _placement(request, pk: int, allowed=may_act):
    placement = get_object_or_404(Placement.objects.select_related("case"), pk=pk)
    case, basis = _acting(request, placement.case_id, allowed)
    placement.case = case
    return placement, case, basis


@login_required
@verified_required
def change_placement(request, pk: int):
    placement, case, basis = _placement(request, pk)
    form = PlacementForm(request.POST or None, case=case, initial=placement_initial(placement))

    def save(form):
        actions.do_change_placement(
            request.user,
            placement,
            expected_version=form.cleaned_data["version"],
            **form.action_fields(),
        )
        _done(request, _("The placement is changed."))

    return _page(
        request,
        case,
        form,
        _("Change the placement or record its end"),
        save,
        read=placement,
        basis=basis,
    )


@login_required
@verified_required
def request_examination(request, pk: int):
    placement, case, basis = _placement(request, pk)
    rules, _document = placement_rules(case.individual.county)
    form = ExaminationRequestForm(
        request.POST or None, case=case, rules=rules, initial={"version": placement.version}
    )

    def save(form):
        actions.do_request_health_examination(
            request.user,
            placement,
            organisation=form.cleaned_data["organisation"],
            expected_version=form.cleaned_data["version"],
        )
        _done(request, _("Primary care is asked to examine the child before the placement."))

    return _page(
        request,
        case,
        form,
        _("Ask primary care for the health examination"),
        save,
        lead=rules.health_examination_by,
        read=placement,
        basis=basis,
    )


@login_required
@verified_required
def record_examination(request, pk: int):
    placement = get_object_or_404(Placement.objects.select_related("health_examination"), pk=pk)
    examination = getattr(placement, "health_examination", None)
    case, basis = _acting(
        request,
        placement.case_id,
        lambda user, case, basis: (
            may_act(user, case, basis) or may_examine(user, examination, basis)
        ),
    )
    if examination is None:
        raise Http404(_("No health examination is asked for."))
    placement.case = case
    form = ExaminationForm(
        request.POST or None,
        initial={
            "version": placement.version,
            "examined_on": examination.examined_on or timezone.localdate(),
            "examiner": examination.examiner,
            "outcome": examination.outcome,
        },
    )

    def save(form):
        data = form.cleaned_data
        actions.do_record_health_examination(
            request.user,
            placement,
            examined_on=data["examined_on"],
            examiner=data["examiner"],
            outcome=data["outcome"],
            expected_version=data["version"],
        )
        _done(request, _("The health examination is recorded."))

    return _page(
        request,
        case,
        form,
        _("Record the health examination before the placement"),
        save,
        read=placement,
        basis=basis,
    )


@login_required
@verified_required
def cost_allocation(request, pk: int):
    placement, case, basis = _placement(request, pk)
    names = principal_names(case.individual.county)
    taking = case_principals(case)
    principals = {key: names.get(key, key) for key in sorted(taking, key=lambda k: names.get(k, k))}
    latest = placement.cost_allocations.prefetch_related("shares").first()
    initial = {"version": placement.version, "agreed_on": timezone.localdate()}
    if latest is not None:
        for share in latest.shares.all():
            initial[f"percent-{share.principal}"] = share.percent
            initial[f"covers-{share.principal}"] = share.covers
    form = CostAllocationForm(request.POST or None, principals=principals, initial=initial)

    def save(form):
        actions.do_record_cost_allocation(
            request.user,
            placement,
            shares=form.shares(),
            agreed_on=form.cleaned_data["agreed_on"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
        _done(request, _("The cost allocation is recorded."))

    rules, _document = placement_rules(case.individual.county)
    return _page(
        request,
        case,
        form,
        _("Record the cost allocation"),
        save,
        lead=rules.cost_allocation.text or "",
        read=placement,
        basis=basis,
    )


@login_required
@verified_required
def new_admission(request, case_pk: int):
    case, _basis = _acting(request, case_pk)
    if case.state == case.State.CLOSED:
        raise Http404(_("No such case."))
    form = AdmissionForm(
        request.POST or None,
        case=case,
        initial={"admitted_on": timezone.localdate(), "care": "voluntary"},
    )

    def save(form):
        data = form.cleaned_data
        actions.do_record_admission(
            request.user,
            case,
            admitted_on=data["admitted_on"],
            compulsory=data["care"] == "compulsory",
            referred_by=data["referred_by"],
        )
        _done(request, _("The admission is recorded."))

    return _page(
        request, case, form, _("Record an admission to the children's psychiatric ward"), save
    )


@login_required
@verified_required
def plan_discharge(request, pk: int):
    stay = get_object_or_404(InpatientStay, pk=pk)
    case, basis = _acting(request, stay.case_id)
    stay.case = case
    form = DischargeForm(
        request.POST or None,
        initial={
            "version": stay.version,
            "leave_planning": stay.leave_planning,
            "discharge_planning": stay.discharge_planning,
            "discharge_planned_for": stay.discharge_planned_for,
            "discharged_on": stay.discharged_on,
        },
    )

    def save(form):
        data = form.cleaned_data
        actions.do_plan_discharge(
            request.user,
            stay,
            leave_planning=data["leave_planning"],
            discharge_planning=data["discharge_planning"],
            discharge_planned_for=data["discharge_planned_for"],
            discharged_on=data["discharged_on"],
            expected_version=data["version"],
        )
        _done(request, _("The planning of leave and discharge is saved."))

    return _page(
        request,
        case,
        form,
        _("Plan leave and discharge"),
        save,
        read=stay,
        basis=basis,
    )
