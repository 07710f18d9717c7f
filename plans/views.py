"""The individual level's pages. Every read of a case is audited; a case the user may not see
answers 404 as if it did not exist, and the attempt is logged for the log review. The rules live
in the services; these views turn forms into calls and errors into messages."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET

from accounts.two_factor import verified_required
from audit.events import EventKind
from audit.services import record
from structure.actions import ConflictError

from . import confirmations, conflicts, events, identity, sections, services, sip_pdf, steps
from .access import (
    Basis,
    access_basis,
    can_act,
    may_decide_to_call,
    organisation_of,
    reach_case,
    shown_identity,
    visible_cases,
)
from .compare import compare, compare_typed
from .deadlines import case_deadlines
from .emergency import may_use_emergency_access
from .establishment import missing_for_establishment
from .forms import (
    EstablishForm,
    FindForm,
    InterventionFormSet,
    NoFurtherActionFormSet,
    OpenCaseForm,
    PlanForm,
    principal_choices,
)
from .models import Case, Guardian, Plan
from .rules import case_speaks_as_child, individual_rules, speaks_as_child
from .sip import read_sip
from .steps import CASE_STEPS, CaseStep, NextStep, next_step, waiting_step
from .worklist import OpenDeadline, worklist_window

State = Case.State


def _form_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where the form has the field."""
    for field, texts in getattr(error, "message_dict", {None: error.messages}).items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _visible_case(request, pk: int) -> tuple[Case, Basis]:
    """The case and why the user may see it; otherwise 404, the attempt logged."""
    case, basis = reach_case(request.user, pk, events.CASE_REFUSED, request.path)
    if basis is None:
        raise Http404(_("No such case."))
    return case, basis


def _read(request, case: Case, basis: Basis, kind: EventKind, params: dict | None = None) -> None:
    record(request.user, kind, case, params, emergency=basis == Basis.EMERGENCY)


def _acting_case(request, pk: int) -> Case:
    """A case the user may take steps on: visible, and their organisation acts on it."""
    case, _basis = _visible_case(request, pk)
    if not can_act(request.user, case):
        raise PermissionDenied
    return case


@login_required
@verified_required
@require_GET
def worklist(request):
    """Every open deadline in the user's organisation, most urgent first."""
    today = timezone.localdate()
    page = worklist_window(request.user, today, request.GET.get("sida"), 50)
    return render(
        request,
        "plans/worklist.html",
        {
            "organisation": organisation_of(request.user),
            "may_use_emergency": may_use_emergency_access(request.user),
            "deadlines": page.rows,
            "page": page,
            "today": today,
        },
    )


def step_form(step: CaseStep, case: Case, data=None, **initial):
    """A declared step's form for the case, carrying its version and what it looked like."""
    initial = {"version": case.version, "seen": conflicts.seen(case), **initial}
    return step.form(data, initial=initial, case=case)


@login_required
@verified_required
@require_GET
def case_detail(request, pk: int):
    case, basis = _visible_case(request, pk)
    _read(request, case, basis, events.CASE_READ)
    # Read once for every part of the page that shows them (the deadlines, the form's summary,
    # the sections, the plan's exports), each of which reads them through `.all()`.
    prefetch_related_objects([case], "plans__interventions", "meetings", "consents__organisations")
    today = timezone.localdate()
    rules, document = individual_rules(case.individual.county)
    plans = sorted(case.plans.all(), key=lambda plan: plan.number, reverse=True)
    latest = plans[0] if plans else None
    in_force = next((p for p in plans if p.established_on), None)
    draft = latest if latest and not latest.established_on else None
    missing = missing_for_establishment(draft, rules, today) if draft else []
    acting = can_act(request.user, case)
    # Once the first consent is given, the case rests on one in force: when none is (expired
    # or withdrawn), a new consent is the next step, before any other.
    without_consent = (
        case.state not in (State.OPENED, State.CLOSED) and case.consent_in_force(today) is None
    )
    coming = (
        NextStep(
            str(
                _("Record a new consent: the one the case rested on has expired or been withdrawn.")
            )
        )
        if without_consent
        else next_step(case, latest, missing)
    )
    step = coming.step if coming else None
    may_step = step is not None and acting and step.may(request.user, case)
    deciding = case.state == State.CONSENTED and may_decide_to_call(request.user, case)
    return render(
        request,
        "plans/case.html",
        {
            "case": case,
            "basis": basis,
            "individual": case.individual,
            "shown": shown_identity(request.user, case, basis, today),
            "age": identity.age_on(case.individual.birth_date, today),
            # The county's words for the individual's age: a child's case or an adult's.
            "as_child": speaks_as_child(rules.consent, case.individual.birth_date, today),
            "target_group": rules.target_group_at(
                identity.age_on(case.individual.birth_date, today)
            ),
            "deadlines": [
                OpenDeadline(case, due, due.working_days_left(today))
                for due in case_deadlines(case, rules)
            ],
            "consents": case.consents.all(),
            "without_consent": without_consent,
            "meetings": case.meetings.all(),
            "participants": case.participants.all(),
            "plans": plans,
            "in_force": in_force,
            "draft": draft,
            "missing": missing,
            "document": document,
            "rules": rules,
            "today": today,
            "next_step": coming,
            "step_form": step_form(step, case) if may_step else None,
            "step_title": step.title if may_step else "",
            "may_decide_not_to_call": deciding,
            "can_act": acting,
            "may_plan": acting and case.state in PLANNING_STATES,
            "sections": sections.shown(sections.CaseView(request.user, case, basis, today, acting)),
        },
    )


PLANNING_STATES = {State.MET, State.PLANNED, State.FOLLOWED_UP, State.REVISING}


@sensitive_post_parameters("identity_number")
@sensitive_variables()
@login_required
@verified_required
def cases(request):
    """Every case the user's organisation sees, without names, newest first; and a case found
    by the individual's identity number, which reads their name and is audited."""
    today = timezone.localdate()
    listed = (
        visible_cases(request.user, today)
        .select_related("opening_organisation")
        .order_by("-opened_at")
    )
    page = Paginator(listed, 50).get_page(request.GET.get("sida"))
    form = FindForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        try:
            number = identity.parse_identity_number(form.cleaned_data["identity_number"])
        except ValidationError as error:
            form.add_error("identity_number", error)
        else:
            found = list(
                listed.filter(
                    individual__identity_index=identity.blind_index(number)
                ).select_related("individual")
            )
            for case in found:
                basis = access_basis(request.user, case, today)
                _read(request, case, basis, events.CASE_FOUND)
                case.shown = shown_identity(request.user, case, basis, today)
            form = FindForm()  # the number is not written back into the page
    return render(
        request,
        "plans/cases.html",
        {"page": page, "form": form, "found": found, "organisation": organisation_of(request.user)},
    )


@sensitive_post_parameters("identity_number")
@sensitive_variables()
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
                representative=data["representative"],
                representative_kind=data["representative_kind"] or Guardian.Kind.TRUSTEE,
                name_conflict_checked=data["name_checked"],
            )
        except identity.NameConflict as error:
            # Shown, not resolved: the user checks the number and confirms, or corrects it.
            _form_errors(form, error)
            form.fields["name_checked"].widget = forms.CheckboxInput()
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                _form_errors(form, error)
            else:
                form.add_error("identity_number", error.messages[0])
        else:
            messages.success(
                request,
                _("The case is opened. Only your organisation sees it until consent is given."),
            )
            return redirect("plans:case", case.pk)
    return render(request, "plans/open_case.html", {"form": form, "organisation": organisation})


def _step_page(request, case: Case, step: CaseStep, title=None, target=None, **initial):
    """A declared step's page. Its form carries the case's version: a stale one answers 409,
    keeps what was typed, lists what changed meanwhile, and carries the new version, so that
    saving again takes the step on the case as it is now."""
    form = step_form(step, case, request.POST or None, **initial)
    status, changes = 200, []
    # Back from a confirmation to change what was typed: the form again, nothing taken.
    if request.method == "POST" and form.is_valid() and confirmations.CHANGE not in request.POST:
        confirmation = confirmations.needed(step.key, form.cleaned_data, request.POST)
        try:
            with confirmations.undone_unless_confirmed(confirmation):
                steps.take(step, request.user, case, form.cleaned_data, target)
        except confirmations.Unconfirmed:
            return confirmations.page(request, case, form, confirmation, title or step.title)
        except steps.StaleCase as error:
            changes = conflicts.changed_since(form.cleaned_data.get("seen"), error.case)
            data = request.POST.copy()
            data["version"], data["seen"] = error.case.version, conflicts.seen(error.case)
            form = step_form(step, error.case, data)
            form.is_valid()
            form.add_error(
                None,
                _("Someone else took a step on this case after you opened it.")
                + " "
                + _("What you typed is kept below: see what changed, then save again or leave."),
            )
            status = 409
        except ValidationError as error:
            _form_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not take this step."))
            status = 403
        else:
            messages.success(request, step.done)
            if access_basis(request.user, case) is None:
                # A withdrawn consent ends the view of those who saw the case only through it,
                # the one who recorded it included: their start page, not a page not there.
                messages.info(
                    request,
                    _(
                        "Your organisation no longer sees case %(n)s: it saw it only through "
                        "the consent."
                    )
                    % {"n": case.pk},
                )
                return redirect("plans:mine")
            return redirect("plans:case", case.pk)
    return render(
        request,
        "plans/step.html",
        {
            "case": case,
            "form": form,
            "title": title or step.title,
            "action": request.path,
            "changes": changes,
            "button": confirmations.form_button(step.key),
        },
        status=status,
    )


@login_required
@verified_required
def take_step(request, pk: int):
    """The next step of a case, by someone of an organisation that acts on it."""
    case = _acting_case(request, pk)
    step = waiting_step(case)
    if step is None:
        raise Http404(_("No such case."))
    return _step_page(request, case, step)


@login_required
@verified_required
def decide_not_to_call(request, pk: int):
    """The decision not to call a network meeting, with its reason; it closes the case."""
    case = _acting_case(request, pk)
    if case.state != State.CONSENTED:
        raise Http404(_("No such case."))
    return _step_page(request, case, CASE_STEPS["no_call"], decided_on=timezone.localdate())


@login_required
@verified_required
def new_consent(request, pk: int):
    """A further consent on an open case: renewing one that has expired or was withdrawn, or
    widening who may share."""
    case = _acting_case(request, pk)
    if case.state == State.CLOSED:
        raise Http404(_("No such case."))
    title = _("Record a new consent")
    return _step_page(request, case, CASE_STEPS["consent"], title, given_on=timezone.localdate())


@login_required
@verified_required
def close_case(request, pk: int):
    """Close the case with a reason, at any step."""
    case = _acting_case(request, pk)
    if case.state == State.CLOSED:
        raise Http404(_("No such case."))
    return _step_page(request, case, CASE_STEPS["closing"], closed_on=timezone.localdate())


@login_required
@verified_required
def withdraw_consent(request, pk: int, consent_pk: int):
    """The individual or the guardians withdraw their consent; sharing stops from the day."""
    case = _acting_case(request, pk)
    consent = case.consents.filter(pk=consent_pk, withdrawn_on__isnull=True).first()
    if consent is None:
        raise Http404(_("No such consent."))
    # The page names who gave the consent.
    record(request.user, events.CONSENT_READ, consent)
    return _step_page(
        request,
        case,
        CASE_STEPS["withdrawal"],
        _("Withdraw the consent given by %(who)s on %(day)s")
        % {"who": consent.given_by, "day": consent.given_on.isoformat()},
        consent,
        withdrawn_on=timezone.localdate(),
    )


def _plan_initial(plan: Plan | None):
    """The form's start: the draft as saved, or, for a revision, the established version's
    content without its approval, which the individual or guardians give to each version."""
    if plan is None:
        return {}, [], []
    names = list(services.CONTENT)
    if plan.established_on is None:
        names += services.APPROVAL
    fields = {name: getattr(plan, name) for name in names}
    interventions = [
        {name: getattr(i, name) for name in services.INTERVENTION} for i in plan.interventions.all()
    ]
    statements = [
        {"organisation": n.organisation, "statement": n.statement}
        for n in plan.no_further_action.all()
    ]
    return fields, interventions, statements


def _kept_rows(formset) -> list[dict]:
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _with_extra_row(data, prefix: str):
    """The posted data with one more empty row in the formset, to add an intervention or a
    statement without losing what was typed."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    data[key] = str(int(data.get(key, 0)) + 1)
    return data


@login_required
@verified_required
def edit_plan(request, pk: int):
    """Write the plan: the draft is changed in place until it is established; an established
    plan is revised into a new version. The form carries the newest version's number and the
    case's version; a save refused because someone saved or established meanwhile keeps what
    was typed and shows what changed, and saving again saves it on what is there now."""
    case = _acting_case(request, pk)
    if case.state not in PLANNING_STATES:
        messages.info(request, _("The plan is made once the network meeting has been held."))
        return redirect("plans:case", case.pk)
    county = case.individual.county
    as_child = case_speaks_as_child(case, timezone.localdate())
    latest = case.plans.order_by("-number").first()
    kwargs = {"form_kwargs": {"county": county}}
    status, comparison = 200, None
    if request.method == "POST":
        data = request.POST
        for prefix in ("interventions", "statements"):
            if f"add-{prefix}" in data:
                data = _with_extra_row(data, prefix)
        form = PlanForm(data, county=county, as_child=as_child)
        interventions = InterventionFormSet(data, prefix="interventions", **kwargs)
        statements = NoFurtherActionFormSet(data, prefix="statements", **kwargs)
        adding = data is not request.POST
        valid = form.is_valid() & interventions.is_valid() & statements.is_valid()
        if valid and not adding:
            fields = dict(form.cleaned_data)
            rows = _kept_rows(interventions)
            try:
                plan = services.do_draft_plan(
                    request.user,
                    case,
                    interventions=rows,
                    no_further_action=_kept_rows(statements),
                    expected_version=fields.pop("version"),
                    **fields,
                )
            except ConflictError as error:
                case.refresh_from_db()
                latest = case.plans.order_by("-number").first()
                if latest is not None:
                    comparison = compare_typed(latest, fields, rows)
                again = data.copy()
                again["based_on"] = latest.number if latest else 0
                again["version"] = case.version
                form = PlanForm(again, county=county, as_child=as_child)
                form.is_valid()
                form.add_error(
                    None,
                    f"{error} "
                    + _("What you typed is kept below: see what changed, then save again."),
                )
                status = 409
            except ValidationError as error:
                _form_errors(form, error)
            else:
                if plan.approval_removed:
                    messages.warning(
                        request,
                        _(
                            "The content changed, so the approval no longer holds: record it "
                            "again once the individual or the guardians have approved this "
                            "version."
                        ),
                    )
                messages.success(
                    request, _("Version %(n)s of the plan is saved.") % {"n": plan.number}
                )
                return redirect("plans:plan", case.pk, plan.number)
    else:
        fields, rows, statement_rows = _plan_initial(latest)
        form = PlanForm(
            initial={**fields, "based_on": latest.number if latest else 0, "version": case.version},
            county=county,
            as_child=as_child,
        )
        interventions = InterventionFormSet(initial=rows, prefix="interventions", **kwargs)
        statements = NoFurtherActionFormSet(initial=statement_rows, prefix="statements", **kwargs)
    record(request.user, events.PLAN_EDITED, case)
    return render(
        request,
        "plans/plan_form.html",
        {
            "case": case,
            "form": form,
            "interventions": interventions,
            "statements": statements,
            "latest": latest,
            "revising": latest is not None and latest.established_on is not None,
            "comparison": comparison,
            "rules": individual_rules(county)[0],
        },
        status=status,
    )


def _plan_or_404(case: Case, number: int) -> Plan:
    plan = case.plans.select_related("coordinator_organisation", "plan_owner_organisation").filter(
        number=number
    )
    found = plan.first()
    if found is None:
        raise Http404(_("No such version of the plan."))
    return found


@login_required
@verified_required
def plan_version(request, pk: int, number: int):
    """One version of the SIP; the newest, if not yet established, can be established here."""
    case, basis = _visible_case(request, pk)
    plan = _plan_or_404(case, number)
    today = timezone.localdate()
    rules, document = individual_rules(case.individual.county)
    latest = services.latest_plan_number(case)
    establishable = (
        plan.number == latest
        and not plan.established_on
        and can_act(request.user, case)
        and case.state in PLANNING_STATES
    )
    form = EstablishForm(
        request.POST or None, initial={"established_on": today, "version": case.version}
    )
    status = 200
    if request.method == "POST":
        if not establishable:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.do_establish_plan(
                    request.user,
                    plan,
                    on=form.cleaned_data["established_on"],
                    expected_version=form.cleaned_data["version"],
                )
            except ConflictError as error:
                # The page below shows the plan as it is now; establishing it again is a choice
                # made on what it now says.
                case.refresh_from_db()
                plan = _plan_or_404(case, plan.number)
                latest = services.latest_plan_number(case)
                data = request.POST.copy()
                data["version"] = case.version
                form = EstablishForm(data)
                form.is_valid()
                form.add_error(None, str(error))
                status = 409
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The plan is established."))
                return redirect("plans:case", case.pk)
    establishable = establishable and plan.number == latest and not plan.established_on
    _read(request, case, basis, events.PLAN_READ, {"n": plan.number})
    principals = dict(principal_choices(case.individual.county))
    interventions = list(plan.interventions.select_related("organisation"))
    for intervention in interventions:
        intervention.principal_name = principals.get(intervention.principal, intervention.principal)
    return render(
        request,
        "plans/plan.html",
        {
            "case": case,
            "plan": plan,
            "interventions": interventions,
            "overall": principals.get(plan.overall_responsibility, plan.overall_responsibility),
            "statements": plan.no_further_action.select_related("organisation"),
            "missing": [] if plan.established_on else missing_for_establishment(plan, rules, today),
            "latest": latest,
            "establish_form": form if establishable else None,
            "document": document,
            # Whose plan it is, for the printed copy's header.
            "shown": shown_identity(request.user, case, basis, today),
            "today": today,
        },
        status=status,
    )


@login_required
@verified_required
@require_GET
def plan_pdf(request, pk: int, number: int):
    """One version of the SIP as the filled-in form, a draft marked as one; audited as a read."""
    case, basis = _visible_case(request, pk)
    plan = _plan_or_404(case, number)
    today = timezone.localdate()
    sip = read_sip(case, plan, shown_identity(request.user, case, basis, today), today)
    document = sip_pdf.sip_pdf(sip, request.user, request.build_absolute_uri("/"))
    _read(request, case, basis, events.PLAN_PDF_READ, {"n": plan.number})
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{sip_pdf.filename(sip)}"'
    return response


@login_required
@verified_required
@require_GET
def compare_plans(request, pk: int):
    """Two versions side by side: by default the newest and the one before it."""
    case, basis = _visible_case(request, pk)
    latest = services.latest_plan_number(case)
    if latest < 2:
        raise Http404(_("There is only one version of the plan."))
    try:
        newer = int(request.GET.get("till", latest))
        older = int(request.GET.get("fran", newer - 1))
    except ValueError:
        newer, older = latest, latest - 1
    if not 1 <= older < newer <= latest:
        newer, older = latest, latest - 1
        messages.info(request, _("Showing the newest version against the one before it."))
    comparison = compare(_plan_or_404(case, older), _plan_or_404(case, newer))
    _read(request, case, basis, events.PLAN_COMPARED, {"a": older, "b": newer})
    return render(
        request,
        "plans/compare.html",
        {"case": case, "comparison": comparison, "numbers": range(1, latest + 1)},
    )
