"""The individual level's pages. Every read of a case is audited; a case the user may not see
answers 404 as if it did not exist, and the attempt is logged for the log review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.two_factor import verified_required
from audit.models import Action
from audit.services import record

from . import services
from .access import Basis, access_basis, can_see, organisation_of
from .deadlines import case_deadlines
from .establishment import missing_for_establishment
from .forms import ConsentForm, DayForm, DecisionForm, OpenCaseForm
from .models import Case
from .rules import individual_rules
from .worklist import open_deadlines


@login_required
@verified_required
@require_GET
def worklist(request):
    """Every open deadline in the user's organisation, most urgent first."""
    today = timezone.localdate()
    return render(
        request,
        "plans/worklist.html",
        {
            "organisation": organisation_of(request.user),
            "deadlines": open_deadlines(request.user, today),
            "today": today,
        },
    )


@login_required
@verified_required
@require_GET
def case_detail(request, pk: int):
    today = timezone.localdate()
    case = (
        Case.objects.select_related("individual__county", "opening_organisation")
        .filter(pk=pk)
        .first()
    )
    basis = access_basis(request.user, case, today) if case is not None else None
    if basis is None:
        # The same answer whether the case exists or not; the attempt is logged either way.
        record(
            request.user,
            Action.REFUSED,
            case or Case(pk=pk),
            _("Refused to show a case"),
            reason=request.path,
        )
        raise Http404(_("No such case."))
    record(
        request.user,
        Action.READ,
        case,
        _("Read the case"),
        emergency=basis == Basis.EMERGENCY,
    )
    rules, document = individual_rules(case.individual.county)
    plan = case.plans.order_by("-number").first()
    step_form, step_title = next_step_form(case)
    return render(
        request,
        "plans/case.html",
        {
            "case": case,
            "individual": case.individual,
            "deadlines": case_deadlines(case, rules),
            "consents": case.consents.prefetch_related("organisations"),
            "plan": plan,
            "missing": missing_for_establishment(plan, rules, today) if plan else [],
            "document": document,
            "today": today,
            "step_form": step_form,
            "step_title": step_title,
            "can_act": organisation_of(request.user) == case.opening_organisation,
        },
    )


@login_required
@verified_required
def open_case(request):
    """A professional who notices needs that call for several actors opens a case."""
    organisation = organisation_of(request.user)
    if organisation is None:
        raise PermissionDenied
    form = OpenCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.do_open_case(
                request.user,
                organisation=organisation,
                identity_number=data["identity_number"],
                name=data["name"],
                concern=data["concern"],
                acute=data["acute"],
                guardians=tuple(data["guardians"].splitlines()),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, messages_ in error.message_dict.items():
                    for message in messages_:
                        form.add_error(field if field in form.fields else None, message)
            else:
                form.add_error("identity_number", error.messages[0])
        else:
            messages.success(
                request,
                _("The case is opened. Only your organisation sees it until consent is given."),
            )
            return redirect("plans:case", case.pk)
    return render(request, "plans/open_case.html", {"form": form, "organisation": organisation})


# The form for the step a case is waiting for, and the action that takes it.
STEPS = {
    Case.State.OPENED: (ConsentForm, _("Record consent")),
    Case.State.CONSENTED: (DecisionForm, _("Decide to call a network meeting")),
    Case.State.CALLED: (DayForm, _("Record that the notice was sent")),
    Case.State.NOTIFIED: (DayForm, _("Record the network meeting")),
}


def next_step_form(case, data=None):
    if case.state not in STEPS:
        return None, ""
    form_class, title = STEPS[case.state]
    kwargs = {} if form_class is DayForm else {"case": case}
    return form_class(data, initial={"version": case.version}, **kwargs), title


def _take_step(user, case, data):
    if case.state == Case.State.OPENED:
        return services.do_record_consent(
            user,
            case,
            given_by=data["given_by"],
            given_how=data["given_how"],
            given_on=data["given_on"],
            organisations=list(data["organisations"]),
            child_view=data["child_view"],
        )
    if case.state == Case.State.CONSENTED:
        return services.do_decide_to_call(
            user, case, decided_on=data["decided_on"], participants=list(data["participants"])
        )
    if case.state == Case.State.CALLED:
        return services.do_send_notice(user, case, sent_on=data["day"])
    return services.do_record_meeting(user, case, held_on=data["day"])


@login_required
@verified_required
@require_POST
def take_step(request, pk: int):
    """The next step of a case, by someone of the organisation that opened it."""
    today = timezone.localdate()
    case = Case.objects.select_related("individual__county").filter(pk=pk).first()
    organisation = organisation_of(request.user)
    if case is None or not can_see(request.user, case, today):
        record(request.user, Action.REFUSED, case or Case(pk=pk), _("Refused a step on a case"))
        raise Http404(_("No such case."))
    if organisation is None or organisation.pk != case.opening_organisation_id:
        raise PermissionDenied
    form, _title = next_step_form(case, request.POST)
    if form is None:
        raise Http404(_("No such case."))
    status = 200
    if form.is_valid():
        if form.cleaned_data["version"] != case.version:
            form.add_error(None, _("Someone else took a step on this case after you opened it."))
            status = 409
        else:
            try:
                _take_step(request.user, case, form.cleaned_data)
            except ValidationError as error:
                for field, messages_ in getattr(
                    error, "message_dict", {None: error.messages}
                ).items():
                    for message in messages_:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("Saved."))
                return redirect("plans:case", case.pk)
    return render(request, "plans/step.html", {"case": case, "form": form}, status=status)
