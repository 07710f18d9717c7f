from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agreements import labels
from agreements.diff import diff
from agreements.presentation import describe_body

from . import services
from .compliance import ERROR, OK, WARNING, evaluate
from .forms import ComplianceFilter


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
        context["notice_rule"] = labels.deadline(individual.network_meeting.notice)
        context["meeting_rule"] = labels.deadline(individual.network_meeting.meeting)
    if individual and individual.placement:
        context["cost_rule"] = labels.deadline(individual.placement.cost_allocation)
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
    context["versions"] = [
        a for a in services.county_documents(county) if a.document_id == document_id
    ]
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
        "problems": [(f, names.get(f.body, f.body)) for f in shown if f.severity != OK],
        "holds": [(f, names.get(f.body, f.body)) for f in shown if f.severity == OK],
        "errors": sum(f.severity == ERROR for f in shown),
        "warnings": sum(f.severity == WARNING for f in shown),
    }
    return render(request, "structure/compliance.html", context)
