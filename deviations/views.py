"""The deviation pages: a county's deviations without a case, reporting one (from a case or
not), a report with its handling, each irreversible step confirmed first, and handing recurring
deviations over to the structure.

Thin: each view parses its form, calls one action (deviations.actions) and renders. A report the
user may not see answers 404, the attempt logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import can_manage_structure
from accounts.two_factor import verified_required
from agreements.models import Agreement, County
from audit.services import record
from matters.access import organisation_of
from meetings.steps import refuse
from plans import events as case_events
from plans.access import can_see, reach_case
from structure.actions import ConflictError
from structure.models import Organisation

from . import access, actions, events, forms, queries, routine
from .models import Deviation


def _county(slug: str) -> County:
    return get_object_or_404(County, slug=slug)


def _deviation(request, pk: int) -> Deviation:
    """The report, if the user may see it; otherwise 404, the attempt logged."""
    found = (
        Deviation.objects.select_related(
            "county", "party", "reporting_organisation", "case", "reported_by"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not access.may_see(request.user, found):
        refused = found or Deviation(pk=pk)
        record(request.user, events.DEVIATION_REFUSED, refused, reason=request.path)
        raise Http404(_("No such deviation report."))
    return found


@require_GET
@login_required
@verified_required
def county_list(request, county):
    found = _county(county)
    today = timezone.localdate()
    coordinator = can_manage_structure(request.user)
    return render(
        request,
        "deviations/list.html",
        {
            "county": found,
            "deviations": queries.structure_level(request.user, found.pk)[:500],
            "waiting": queries.waiting_for(request.user, today)[:100],
            "recurring": actions.recurring_in(found.pk, today) if coordinator else [],
            "may_report": access.may_report(request.user),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def report(request, county):
    found = _county(county)
    organisation = organisation_of(request.user)
    if organisation is None or organisation.county_id != found.pk:
        raise PermissionDenied(_("Only someone of the county's organisations reports a deviation."))
    case = None
    case_pk = request.GET.get("arende", "")
    if case_pk:
        if not case_pk.isdigit():
            raise Http404(_("No such case."))
        case, basis = reach_case(request.user, int(case_pk), case_events.CASE_REFUSED, request.path)
        if basis is None:
            raise Http404(_("No such case."))
    try:
        deviation_rules, document = routine.rules_for(found.pk)
    except LookupError:
        deviation_rules = document = None
    organisations = Organisation.objects.filter(county=found).order_by("name")
    form = forms.ReportForm(
        request.POST or None,
        clauses=routine.clauses(found.pk),
        organisations=organisations,
        initial={"happened_on": timezone.localdate()},
    )
    warnings: dict = {}
    if request.method == "POST" and deviation_rules is not None and form.is_valid():
        data = form.cleaned_data
        try:
            made = actions.do_report_deviation(
                request.user,
                report=actions.Report(
                    clause=data["clause"],
                    party=data["party"],
                    happened_on=data["happened_on"],
                    what=data["what"],
                ),
                case=case,
                # The button under the warnings: the reporter has read them.
                confirm_warnings=request.POST.get("confirm_warnings") == "1",
            )
        except actions.Warned as warned:
            warnings = warned.message_dict
        except ValidationError as error:
            refuse(form, error)
        else:
            messages.success(
                request,
                _("Deviation %(n)s is reported. Next: %(party)s acknowledges it.")
                % {"n": made.pk, "party": made.party.name},
            )
            return redirect(reverse("deviations:deviation", kwargs={"pk": made.pk}))
    return render(
        request,
        "deviations/report.html",
        {
            "county": found,
            "form": form,
            "case": case,
            "rules": deviation_rules,
            "document": document,
            "warnings": [text for texts in warnings.values() for text in texts],
        },
    )


def _document(deviation: Deviation) -> Agreement | None:
    return Agreement.objects.filter(
        county_id=deviation.county_id,
        document_id=deviation.document,
        version=deviation.document_version,
    ).first()


def _level_name(deviation: Deviation) -> str:
    try:
        deviation_rules, _document = routine.rules_for(deviation.county_id)
    except LookupError:
        return deviation.level_id
    levels = {level.id: level.name for level in deviation_rules.levels}
    return levels.get(deviation.level_id, deviation.level_id)


def _has_next_level(deviation: Deviation) -> bool:
    try:
        deviation_rules, _document = routine.rules_for(deviation.county_id)
    except LookupError:
        return False
    return deviation.level + 1 < len(deviation_rules.levels)


@require_GET
@login_required
@verified_required
def deviation(request, pk):
    found = _deviation(request, pk)
    if found.case_id:
        # A report on a case holds its data: the read is the case's, audited as one.
        record(request.user, events.DEVIATION_READ, found, {"number": str(found.pk)})
    may_handle = access.may_handle(request.user, found)
    document = _document(found)
    return render(
        request,
        "deviations/deviation.html",
        {
            "deviation": found,
            "county": found.county,
            "document": document,
            "level_name": _level_name(found),
            "may_handle": may_handle,
            "has_next_level": _has_next_level(found),
            "sees_case": found.case_id is not None and can_see(request.user, found.case),
            "investigation_form": forms.InvestigationForm(
                initial={
                    "investigation": found.investigation,
                    "measures": found.measures,
                    "version": found.version,
                }
            )
            if may_handle and found.state == Deviation.State.ACKNOWLEDGED
            else None,
            "today": timezone.localdate(),
        },
    )


@require_POST
@login_required
@verified_required
def investigation(request, pk):
    found = _deviation(request, pk)
    if not access.may_handle(request.user, found):
        raise PermissionDenied
    form = forms.InvestigationForm(request.POST)
    if form.is_valid():
        try:
            actions.do_record_investigation(
                request.user,
                found,
                investigation=form.cleaned_data["investigation"],
                measures=form.cleaned_data["measures"],
                expected_version=form.cleaned_data.get("version") or found.version,
            )
        except ConflictError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            refuse(form, error)
        else:
            messages.success(
                request,
                _("The investigation is recorded. Next: close the deviation with its outcome."),
            )
            return redirect(reverse("deviations:deviation", kwargs={"pk": found.pk}))
    return render(
        request,
        "deviations/step.html",
        {"deviation": found, "form": form, "heading": _("Record the investigation")},
    )


@dataclass(frozen=True)
class Step:
    heading: Any
    text_label: Any
    text_help: Any
    question: Any
    consequence: Any
    button: Any
    done: Any


STEPS = {
    "kvittera": Step(
        gettext_lazy("Acknowledge the deviation"),
        None,
        "",
        gettext_lazy("Acknowledge deviation %(n)s?"),
        gettext_lazy("Your organisation takes the deviation on; it is to be closed by %(day)s."),
        gettext_lazy("Acknowledge"),
        gettext_lazy(
            "The deviation is acknowledged. Next: investigate it and record the measures."
        ),
    ),
    "lamna-vidare": Step(
        gettext_lazy("Pass the deviation on to the next level"),
        gettext_lazy("Why it cannot be resolved at this level"),
        "",
        gettext_lazy("Pass deviation %(n)s on?"),
        gettext_lazy(
            "The next level of the routine receives it with its own times; this level no longer "
            "handles it."
        ),
        gettext_lazy("Pass on"),
        gettext_lazy("The deviation is passed on. Next: the next level acknowledges it."),
    ),
    "avsluta": Step(
        gettext_lazy("Close the deviation"),
        gettext_lazy("Outcome"),
        gettext_lazy("What was found and done: the reporter reads it on this page."),
        gettext_lazy("Close deviation %(n)s?"),
        gettext_lazy(
            "The deviation is closed and cannot be opened again; the reporter is told by mail."
        ),
        gettext_lazy("Close the deviation"),
        gettext_lazy("The deviation is closed and the reporter is told."),
    ),
}


def _act(user, deviation: Deviation, name: str, data: dict) -> None:
    version = data.get("version") or deviation.version
    if name == "kvittera":
        actions.do_acknowledge_deviation(user, deviation, on=data["on"], expected_version=version)
    elif name == "lamna-vidare":
        actions.do_pass_deviation_on(
            user, deviation, reason=data["text"], on=data["on"], expected_version=version
        )
    else:
        actions.do_close_deviation(
            user, deviation, outcome=data["text"], on=data["on"], expected_version=version
        )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def step(request, pk, name):
    found = _deviation(request, pk)
    declared = STEPS.get(name)
    if declared is None:
        raise Http404
    if not access.may_handle(request.user, found):
        raise PermissionDenied
    form = forms.StepForm(
        request.POST or None,
        text_label=declared.text_label,
        text_help=declared.text_help,
        initial={"on": timezone.localdate(), "version": found.version},
    )
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") and not request.POST.get("change"):
            try:
                _act(request.user, found, name, form.cleaned_data)
            except ConflictError as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                refuse(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, str(declared.done))
                return redirect(reverse("deviations:deviation", kwargs={"pk": found.pk}))
        elif not request.POST.get("change"):
            return render(
                request,
                "deviations/confirm.html",
                {
                    "deviation": found,
                    "form": form,
                    "question": declared.question % {"n": found.pk},
                    "consequence": declared.consequence % {"day": found.close_by.isoformat()},
                    "button": declared.button,
                    "summary": [
                        (_("Date"), form.cleaned_data["on"].isoformat()),
                        (declared.text_label, form.cleaned_data.get("text", "")),
                    ],
                },
            )
    return render(
        request,
        "deviations/step.html",
        {"deviation": found, "form": form, "heading": declared.heading},
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def hand_over(request, county, a, b):
    found = _county(county)
    if not can_manage_structure(request.user):
        raise PermissionDenied
    pair = actions.pair_of(a, b)
    recurring = {r.pair: r for r in actions.recurring_in(found.pk)}.get(pair)
    if recurring is None:
        raise Http404(_("These parties have no recurring deviations to hand over."))
    deviation_rules, _document = routine.rules_for(found.pk)
    form = forms.HandOverForm(
        request.POST or None,
        initial={
            "title": _("Recurring deviations between %(a)s and %(b)s")
            % {"a": recurring.names[0], "b": recurring.names[1]},
            "question": _(
                "%(count)s deviations from agreed routines between %(a)s and %(b)s within "
                "%(months)s months. What do the parties do so that the routines are followed?"
            )
            % {
                "count": recurring.count,
                "a": recurring.names[0],
                "b": recurring.names[1],
                "months": deviation_rules.recurrence.months,
            },
        },
    )
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") and not request.POST.get("change"):
            try:
                made = actions.do_hand_over_recurring(
                    request.user,
                    county_id=found.pk,
                    pair=pair,
                    title=form.cleaned_data["title"],
                    question=form.cleaned_data["question"],
                )
            except ValidationError as error:
                refuse(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("The deviations are handed over as a matter. Next: %(body)s handles it.")
                    % {"body": recurring.place.name},
                )
                return redirect(
                    reverse("matters:matter", kwargs={"county": found.slug, "pk": made.matter_id})
                )
        elif not request.POST.get("change"):
            return render(
                request,
                "deviations/hand_over_confirm.html",
                {
                    "county": found,
                    "recurring": recurring,
                    "form": form,
                    "summary": [
                        (_("Title"), form.cleaned_data["title"]),
                        (_("The question"), form.cleaned_data["question"]),
                    ],
                    "consequence": ngettext(
                        "The matter is raised and the %(n)s deviation is handed over with it; "
                        "it no longer counts towards the threshold.",
                        "The matter is raised and the %(n)s deviations are handed over with "
                        "it; they no longer count towards the threshold.",
                        recurring.count,
                    )
                    % {"n": recurring.count},
                    "button": _("Raise the matter"),
                },
            )
    return render(
        request,
        "deviations/hand_over.html",
        {"county": found, "recurring": recurring, "form": form, "rules": deviation_rules},
    )
