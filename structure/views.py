from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agreements import labels, presentation
from agreements.diff import diff
from agreements.presentation import describe_body
from audit.services import history_of

from . import actions, services
from .compliance import ADVICE, ERROR, OK, WARNING, evaluate
from .forms import AppointmentForm, ComplianceFilter, OfficeTermForm
from .keepers import may_keep_structure
from .models import Appointment


@require_GET
def home(request):
    return render(
        request,
        "structure/home.html",
        {
            "counties": services.counties_with_agreements(),
        },
    )


def _county_context(agreement):
    document = agreement.document
    levels = []
    for level in sorted(document.levels, key=lambda lv: lv.rank):
        bodies = [b for b in document.bodies if b.level == level.id]
        if bodies:
            levels.append((level, [describe_body(b, document) for b in bodies]))
    context = {
        "agreement": agreement,
        "document": document,
        "county": agreement.county,
        "levels": levels,
    }
    individual = document.individual
    if individual and individual.network_meeting:
        meeting = individual.network_meeting
        context["notice_rule"] = labels.deadline(meeting.notice)
        context["meeting_rule"] = labels.deadline(meeting.meeting)
        context["notice_start"] = labels.DEADLINE_STARTS[meeting.notice.counted_from]
        context["meeting_start"] = labels.DEADLINE_STARTS[meeting.meeting.counted_from]
    if individual and individual.placement:
        context["cost_rule"] = labels.deadline(individual.placement.cost_allocation)
        context["placement_sector"] = labels.SECTORS[individual.placement.coordination_by]
    if individual:
        context["actors"] = [
            (
                actor,
                labels.PARTY_KINDS[actor.party_kind] if actor.party_kind else _("both principals"),
            )
            for actor in individual.actors
        ]
    if individual and individual.deviations:
        deviations = individual.deviations
        context["deviation_levels"] = [
            (level, presentation.deviation_level_text(level)) for level in deviations.levels
        ]
        if deviations.recurrence:
            context["deviation_recurrence"] = presentation.recurrence_text(
                deviations.recurrence, document
            )
    if individual and individual.consent:
        context["consent_givers"] = [
            (g, labels.CONSENT_GIVERS[g.giver], labels.ages(g.min_age, g.max_age))
            for g in individual.consent.givers
        ]
    if individual and individual.plan_owner:
        context["plan_owner_sectors"] = ", ".join(
            str(labels.SECTORS[s]) for s in individual.plan_owner.from_sectors
        )
    return context


@require_GET
def county(request, county):
    agreement = services.structure_agreement(county)
    context = _county_context(agreement)
    context["others"] = [
        a for a in services.county_documents(county) if a.in_force and a.pk != agreement.pk
    ]
    return render(request, "structure/county.html", context)


@require_GET
def body(request, county, body):
    agreement = services.structure_agreement(county)
    document = agreement.document
    found = document.body(body)
    if found is None:
        raise Http404(_("No such body."))
    return render(
        request,
        "structure/body.html",
        {
            "agreement": agreement,
            "document": document,
            "county": agreement.county,
            "described": describe_body(found, document),
            "level": document.level(found.level),
            "areas": _areas(document) if found.instances == "per_area" else [],
            "can_manage": may_keep_structure(request.user),
        },
    )


def _areas(document):
    return [(area, [document.party(m) for m in area.municipalities]) for area in document.areas]


@require_GET
def areas(request, county):
    agreement = services.structure_agreement(county)
    document = agreement.document
    return render(
        request,
        "structure/areas.html",
        {
            "agreement": agreement,
            "document": document,
            "county": agreement.county,
            "areas": _areas(document),
            "unassigned": [m for m in document.municipalities if document.area_of(m.id) is None],
        },
    )


@require_GET
def diagram(request, county):
    agreement = services.structure_agreement(county)
    context = _county_context(agreement)
    context["svg"] = services.diagram_svg(agreement)
    context["relations"] = [
        (document_body.name, labels.RELATIONS[r.kind], other.name)
        for r in context["document"].relations
        for document_body, other in [
            (context["document"].body(r.source_body), context["document"].body(r.target_body))
        ]
    ]
    return render(request, "structure/diagram.html", context)


@require_GET
def diagram_svg(request, county):
    agreement = services.structure_agreement(county)
    return HttpResponse(services.diagram_svg(agreement), content_type="image/svg+xml")


@require_GET
def documents(request, county):
    documents = services.county_documents(county)
    grouped = {}
    for agreement in documents:
        grouped.setdefault(agreement.document_id, []).append(agreement)
    return render(
        request,
        "structure/documents.html",
        {
            "county": documents[0].county,
            "documents": grouped,
        },
    )


@require_GET
def document(request, county, document_id, version):
    agreement = services.document_version(county, document_id, version)
    context = _county_context(agreement)
    document = context["document"]
    # The parts the text form (`samverkan agreement show`) also says, in the same words.
    context["relations"] = presentation.relation_rows(document)
    context["matter_flow"] = presentation.page_items(presentation.matter_flow_lines(document))
    context["costs"] = presentation.page_items(presentation.cost_lines(document))
    context["follow_up"] = presentation.page_items(presentation.follow_up_lines(document))
    context["validity"] = presentation.page_items(presentation.validity_lines(document))
    return render(request, "structure/document.html", context)


@require_GET
def compare(request, county, document_id):
    versions = [a for a in services.county_documents(county) if a.document_id == document_id]
    if not versions:
        raise Http404(_("No such document."))
    numbers = [a.version for a in versions]
    error = ""
    try:
        old = int(request.GET.get("from", numbers[0]))
        new = int(request.GET.get("to", numbers[-1]))
    except ValueError:
        old, new, error = numbers[0], numbers[-1], _("Choose two versions from the lists.")
    changes = None
    if old not in numbers or new not in numbers:
        error = _("Choose two versions from the lists.")
    else:
        before = services.document_version(county, document_id, old)
        after = services.document_version(county, document_id, new)
        changes = diff(before.document, after.document)
    context = {
        "county": versions[0].county,
        "document_id": document_id,
        "versions": versions,
        "title": versions[-1].title,
        "old": old,
        "new": new,
        "changes": changes,
        "error": error,
    }
    template = "structure/_changes.html" if request.htmx else "structure/compare.html"
    return render(request, template, context)


@login_required
@require_GET
def compliance(request, county, body=None):
    """Where the live structure breaks the agreement: findings first, then what holds."""
    agreement = services.structure_agreement(county)
    document = agreement.document
    if body is not None and document.body(body) is None:
        raise Http404(_("No such body."))
    form = ComplianceFilter(request.GET or None, document=document)
    filters = form.cleaned_data if form.is_valid() else {}
    on = filters.get("on") or timezone.localdate()
    report = evaluate(county, on=on)
    shown = report.filtered(
        body=body or filters.get("body", ""),
        rule=filters.get("rule", ""),
        severity=filters.get("severity", ""),
    )
    names = {b.id: b.name for b in document.bodies}
    context = {
        "agreement": agreement,
        "document": document,
        "county": agreement.county,
        "body": document.body(body) if body else None,
        "form": form,
        "on": on,
        "problems": [
            (f, names.get(f.body, f.body)) for f in shown if f.severity in (ERROR, WARNING)
        ],
        "advice": [(f, names.get(f.body, f.body)) for f in shown if f.severity == ADVICE],
        "holds": [(f, names.get(f.body, f.body)) for f in shown if f.severity == OK],
        "errors": sum(f.severity == ERROR for f in shown),
        "warnings": sum(f.severity == WARNING for f in shown),
    }
    return render(request, "structure/compliance.html", context)


def _instance_choices(document, body):
    return [(key, name or body.name) for key, name in document.instances_of(body)]


def _manageable_body(request, county, body):
    if not may_keep_structure(request.user):
        raise PermissionDenied
    agreement = services.structure_agreement(county)
    found = agreement.document.body(body)
    if found is None:
        raise Http404(_("No such body."))
    return agreement, found


@login_required
@require_GET
def members(request, county, body):
    """Who holds the body's seats, now and before, for the coordinators who keep it."""
    agreement, found = _manageable_body(request, county, body)
    today = timezone.localdate()
    appointments = (
        Appointment.objects.filter(county=agreement.county, body=found.id)
        .select_related("person", "organisation", "substitute_for__person")
        .order_by("instance", "seat", "role", "starts")
    )
    seats = {s.id: s.role for s in found.seats}
    names = dict(_instance_choices(agreement.document, found))
    current, earlier = [], []
    for appointment in appointments:
        row = (appointment, names.get(appointment.instance, ""), seats.get(appointment.seat, ""))
        (current if appointment.ends is None or appointment.ends >= today else earlier).append(row)
    return render(
        request,
        "structure/members.html",
        {
            "agreement": agreement,
            "county": agreement.county,
            "body": found,
            "current": current,
            "earlier": earlier,
        },
    )


def _changed_meanwhile(form, appointment: Appointment) -> list[tuple[str, str, str]]:
    """The appointment's fields that now differ from what the user typed: label, now, typed."""
    rows = []
    for name in ("person", "organisation", "instance", "seat", "role", "substitute_for"):
        now, typed = getattr(appointment, name), form.cleaned_data.get(name)
        if (getattr(now, "pk", now) or "") != (getattr(typed, "pk", typed) or ""):
            field = form.fields[name]
            rows.append((str(field.label), _shown(field, now), _shown(field, typed)))
    for name in ("starts", "ends"):
        now, typed = getattr(appointment, name), form.cleaned_data.get(name)
        if now != typed:
            rows.append(
                (
                    str(form.fields[name].label),
                    now.isoformat() if now else "",
                    typed.isoformat() if typed else "",
                )
            )
    return rows


def _shown(field, value) -> str:
    if value in (None, ""):
        return ""
    if hasattr(value, "pk"):
        return str(value)
    return str(dict(field.choices).get(value, value))


@login_required
def appointment_form(request, county, body, pk=None):
    """Appoint someone, or change an appointment; a stale change is refused (409)."""
    agreement, found = _manageable_body(request, county, body)
    appointment = None
    if pk is not None:
        appointment = get_object_or_404(
            Appointment.objects.select_related("person", "organisation"),
            pk=pk,
            county=agreement.county,
            body=found.id,
        )
    form_args = {
        "county": agreement.county,
        "body": found,
        "instances": _instance_choices(agreement.document, found),
        "changing": appointment is not None,
    }
    status, changed = 200, []
    if request.method == "POST":
        form = AppointmentForm(request.POST, **form_args)
        if appointment is not None and "version" in form.errors:
            form.add_error(None, _("The form is out of date: open the appointment again."))
        if form.is_valid():
            try:
                actions.save_appointment_form(
                    request.user, found.id, form.cleaned_data, appointment
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    for message in messages_:
                        form.add_error(field if field in form.fields else None, message)
            except actions.ConflictError as error:
                # What the user typed stays; the page shows the appointment as it is now and
                # the form carries its new version, so that saving again is a choice made on it.
                appointment.refresh_from_db()
                changed = _changed_meanwhile(form, appointment)
                data = request.POST.copy()
                data["version"] = appointment.version
                form = AppointmentForm(data, **form_args)
                form.is_valid()
                form.add_error(
                    None,
                    f"{error} "
                    + _("What you typed is kept below: see what changed, then save again."),
                )
                status = 409
            else:
                messages.success(request, _("The appointment is saved."))
                return redirect("structure:members", county, found.id)
    else:
        initial = {"role": Appointment.Role.MEMBER, "starts": timezone.localdate()}
        if appointment is not None:
            initial = {
                "person": appointment.person,
                "organisation": appointment.organisation,
                "instance": appointment.instance,
                "seat": appointment.seat,
                "role": appointment.role,
                "substitute_for": appointment.substitute_for,
                "starts": appointment.starts,
                "ends": appointment.ends,
                "version": appointment.version,
            }
        form = AppointmentForm(initial=initial, **form_args)
    return render(
        request,
        "structure/appointment_form.html",
        {
            "agreement": agreement,
            "county": agreement.county,
            "body": found,
            "form": form,
            "appointment": appointment,
            "changed": changed,
            "history": history_of(appointment) if appointment else [],
        },
        status=status if request.method == "POST" else 200,
    )


@login_required
def offices(request, county, body):
    """The body's offices: who held them, who holds them, and whose turn the rotation gives."""
    agreement = services.structure_agreement(county)
    document = agreement.document
    found = document.body(body)
    if found is None:
        raise Http404(_("No such body."))
    can_manage = may_keep_structure(request.user)
    instances = _instance_choices(document, found)
    form_args = {
        "county": agreement.county,
        "body": found,
        "instances": instances,
        "office_names": labels.OFFICES,
    }
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = OfficeTermForm(request.POST, **form_args)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.do_record_office_term(
                    request.user,
                    person=data["person"],
                    body=found.id,
                    role=data["role"],
                    instance=data.get("instance") or "",
                    starts=data["starts"],
                    ends=data.get("ends"),
                    exception=data.get("exception", ""),
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    for message in messages_:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("The office term is recorded."))
                return redirect("structure:offices", county, found.id)
    else:
        form = OfficeTermForm(initial={"starts": timezone.localdate()}, **form_args)
    schedule = services.office_schedule(agreement, found, until_years=3)
    return render(
        request,
        "structure/offices.html",
        {
            "agreement": agreement,
            "county": agreement.county,
            "body": found,
            "schedule": schedule,
            "form": form if can_manage else None,
        },
    )
