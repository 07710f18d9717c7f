"""The matter pages: a county's matters, raising one, a matter with its lineage and decisions,
its steps (each irreversible one confirmed first), and the register of governing documents.

Thin: each view parses its form, calls one action (matters.actions) and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import can_manage_structure
from accounts.two_factor import verified_required
from agreements.models import Agreement
from meetings.models import Meeting
from meetings.steps import attempt, refuse
from structure.actions import ConflictError
from structure.models import Organisation

from . import access, actions, flow, forms, queries, revisions
from .models import Attachment, Decision, DocumentFile, GoverningDocument, Handling, Matter
from .steps import DECIDE, HANDLE, TARGETED, TEXT_STEPS, TextStep

Outcome = Handling.Outcome


def _structure(county: str) -> Agreement:
    row = Agreement.objects.structure_in_force(county__slug=county)
    if row is None:
        raise Http404(_("No agreement in force for this county."))
    return row


def _matter(row: Agreement, pk: int) -> Matter:
    return get_object_or_404(
        Matter.objects.select_related("county", "raised_by"), pk=pk, county=row.county
    )


def _matter_url(matter: Matter) -> str:
    return reverse("matters:matter", kwargs={"county": matter.county.slug, "pk": matter.pk})


@require_GET
@login_required
@verified_required
def matters(request, county):
    row = _structure(county)
    form = forms.FilterForm(request.GET or None, agreement=row.document)
    chosen = form.cleaned_data if form.is_valid() else {}
    found = queries.matters_of(
        row.county, body=chosen.get("body", ""), state=chosen.get("state", "")
    )
    return render(
        request,
        "matters/matters.html",
        {
            "county": row.county,
            "document": row.document,
            "form": form,
            "matters": queries.listed(found, row.document),
            "may_raise": access.may_raise(request.user, row.county_id),
            "may_keep": can_manage_structure(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def raise_matter(request, county):
    row = _structure(county)
    access.require(
        access.may_raise(request.user, row.county_id),
        _("Only someone of the county's organisations raises a matter."),
    )
    own = access.organisation_of(request.user)
    organisations = (
        Organisation.objects.filter(county=row.county)
        if can_manage_structure(request.user) or own is None
        else Organisation.objects.filter(pk=own.pk)
    )
    paths = flow.dispute_paths(actions.county_documents(row.county_id))
    form = forms.RaiseForm(
        request.POST or None,
        request.FILES or None,
        agreement=row.document,
        organisations=organisations,
        paths=paths,
        initial={"organisation": own, "place": request.GET.get("place", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body, _slash, instance = data["place"].partition("/")
        try:
            matter = actions.do_raise_matter(
                request.user,
                organisation=data["organisation"],
                raised=actions.Raised(
                    title=data["title"],
                    question=data["question"],
                    body=body,
                    instance=instance,
                    kind=data["kind"],
                    dispute=data.get("dispute", ""),
                ),
                files=data["files"],
            )
        except ValidationError as error:
            refuse(form, error)
        else:
            messages.success(request, _("The matter is raised. Next: the body handles it."))
            return redirect(_matter_url(matter))
    return render(
        request,
        "matters/raise.html",
        {
            "county": row.county,
            "document": row.document,
            "form": form,
            "matter_flow": row.document.matter_flow,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def matter(request, county, pk):
    row = _structure(county)
    found = _matter(row, pk)
    attach = forms.AttachForm(request.POST or None, request.FILES or None)
    may_handle = access.may_handle(request.user, found)
    if request.method == "POST":
        access.require(may_handle)
        if attach.is_valid() and not attach.cleaned_data["files"]:
            attach.add_error("files", _("Choose the files to add."))
        elif attach.is_valid():
            try:
                for upload in attach.cleaned_data["files"]:
                    actions.do_attach_file(request.user, found, upload)
            except ValidationError as error:
                refuse(attach, error)
            else:
                messages.success(request, _("The documentation is added."))
                return redirect(_matter_url(found))
    context = queries.matter_page(found, row.document, request.user)
    context.update(
        county=row.county,
        document=row.document,
        attach=attach,
        may_handle=may_handle,
        impact=revisions.impact(found),
    )
    return render(request, "matters/matter.html", context)


@require_GET
@login_required
@verified_required
def attachment(request, county, pk, file_pk):
    row = _structure(county)
    found = get_object_or_404(Attachment, pk=file_pk, matter=_matter(row, pk))
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=found.content_type,
    )


def _confirmed_step(
    request,
    *,
    form,
    matter,
    question,
    consequence,
    button,
    summary,
    act,
    template="matters/step.html",
    heading="",
    done="",
):
    """Show the form; once valid, the confirmation; once confirmed, the action. A refusal or a
    stale version shows the form again with what was typed."""
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") and not request.POST.get("change"):
            if attempt(form, lambda: act(form.cleaned_data)):
                messages.success(request, done)
                return redirect(_matter_url(matter))
            matter.refresh_from_db()
        elif not request.POST.get("change"):
            return render(
                request,
                "matters/confirm.html",
                {
                    "county": matter.county,
                    "matter": matter,
                    "form": form,
                    "question": question,
                    "consequence": consequence,
                    "button": button,
                    "summary": summary(form.cleaned_data),
                },
            )
    return render(
        request,
        template,
        {"county": matter.county, "matter": matter, "form": form, "heading": heading},
    )


def _to_handle(request, county, pk) -> tuple[Agreement, Matter]:
    """The county's agreement in force and the matter, which the user must be one to handle."""
    row = _structure(county)
    found = _matter(row, pk)
    HANDLE.require(request.user, found)
    return row, found


def _initial(matter: Matter) -> dict:
    return {"version": matter.version, "on": timezone.localdate()}


def _version(data: dict, matter: Matter) -> int:
    return data.get("version") or matter.version


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def prepare(request, county, pk):
    row, found = _to_handle(request, county, pk)
    places = flow.preparers(row.document, found.body, found.instance)
    form = forms.PrepareForm(request.POST or None, places=places, initial=_initial(found))
    names = {p.key: p.name for p in places}
    if request.method == "POST" and form.is_valid():
        prepared = attempt(
            form,
            lambda: actions.do_prepare_matter(
                request.user,
                found,
                preparer=form.cleaned_data["preparer"],
                text=form.cleaned_data["text"],
                expected_version=_version(form.cleaned_data, found),
            ),
        )
        if prepared:
            messages.success(
                request,
                _("The matter is sent to %(body)s for preparation. Next: the body handles it.")
                % {"body": names.get(form.cleaned_data["preparer"], "")},
            )
            return redirect(_matter_url(found))
    return render(
        request,
        "matters/step.html",
        {"county": row.county, "matter": found, "form": form, "heading": _("Send for preparation")},
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def handle(request, county, pk):
    row, found = _to_handle(request, county, pk)
    agreement = row.document
    upward = flow.upward(agreement, found.body, found.instance)
    downward = flow.downward(agreement, found.body, found.instance)
    names = {p.key: p.name for p in [*upward, *downward]}
    meetings = (
        Meeting.objects.filter(county=row.county, body=found.body, instance=found.instance)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")[:50]
    )
    form = forms.HandleForm(
        request.POST or None,
        upward=upward,
        downward=downward,
        meetings=Meeting.objects.filter(pk__in=[m.pk for m in meetings]),
        initial=_initial(found),
    )
    principals = flow.principals(agreement)
    decides = agreement.matter_flow is not None and agreement.matter_flow.decisions_by_principals
    consequences = {
        Outcome.INFORMATION: _("The matter is closed as information."),
        Outcome.RECOMMENDATION: (
            _(
                "The recommendation goes to the %(n)s principals, each to decide in its own line; "
                "their contacts are told by mail."
            )
            % {"n": len(principals)}
            if decides
            else _("The recommendation is recorded and the matter closed.")
        ),
        Outcome.UPWARD: _("The matter moves to the body above; it handles it next."),
        Outcome.BACK: _("The body below is given the task; the matter waits for its report."),
        Outcome.CLOSED: _("The matter is closed."),
    }

    def summary(data):
        outcome = dict(forms.HANDLING_OUTCOMES)[data["outcome"]]
        lines = [(_("Outcome"), outcome), (_("Date"), data["on"].isoformat())]
        if data.get("target") and data["outcome"] in TARGETED:
            lines.append((_("To the body"), names.get(data["target"], data["target"])))
        if data.get("text"):
            lines.append((_("Text"), data["text"]))
        if data.get("meeting"):
            lines.append(
                (
                    _("At the meeting"),
                    timezone.localtime(data["meeting"].starts_at).date().isoformat(),
                )
            )
        return lines

    outcome = form.data.get("outcome", "") if form.is_bound else ""
    return _confirmed_step(
        request,
        form=form,
        matter=found,
        question=_("Record the body's handling?"),
        consequence=consequences.get(outcome, ""),
        button=_("Yes, record it"),
        summary=summary,
        act=lambda data: HANDLE.take(request.user, found, data),
        heading=_("Handle the matter"),
        done=_("The handling is recorded."),
    )


def _text_step(request, row: Agreement, found: Matter, step: TextStep, body: str = ""):
    """A declared step that takes a text and a day (matters.steps), with its confirm step."""
    form = forms.TextStepForm(
        request.POST or None, initial=_initial(found), text_required=step.text_required
    )
    return _confirmed_step(
        request,
        form=form,
        matter=found,
        question=step.question % {"body": body},
        consequence=step.consequence,
        button=step.button,
        summary=lambda data: [(_("Date"), data["on"].isoformat()), (step.text_label, data["text"])],
        act=lambda data: step.take(
            request.user, found, text=data["text"], on=data["on"], version=_version(data, found)
        ),
        heading=step.heading,
        done=step.done % {"body": body},
    )


def _stepped(request, county, pk, key: str) -> tuple[Agreement, Matter, TextStep]:
    row, found = _to_handle(request, county, pk)
    step = TEXT_STEPS[key]
    if found.kind != step.kind:
        raise Http404(step.only)
    return row, found, step


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def escalate(request, county, pk):
    row, found, step = _stepped(request, county, pk, "escalation")
    path = actions.dispute_path_of(found)
    if path is None:
        raise Http404(step.only)
    following = found.dispute_step + 1
    if following >= len(path.path.steps):
        messages.error(request, _("The dispute is at the last step of the agreement's path."))
        return redirect(_matter_url(found))
    place = flow.step_place(row.document, path.path.steps[following], found.body, found.instance)
    return _text_step(request, row, found, step, place.name if place else "")


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def report(request, county, pk):
    row, found, step = _stepped(request, county, pk, "report")
    return _text_step(request, row, found, step)


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def decide(request, county, pk, principal):
    row = _structure(county)
    found = _matter(row, pk)
    decision = get_object_or_404(Decision, matter=found, principal=principal)
    DECIDE.require(request.user, found, principal=principal)
    if decision.outcome != Decision.Outcome.PENDING:
        messages.error(
            request,
            _("%(principal)s has already decided: a decision is recorded once.")
            % {"principal": decision.principal_name},
        )
        return redirect(_matter_url(found))
    form = forms.DecisionForm(
        request.POST or None,
        initial={"version": decision.version, "decided_on": timezone.localdate()},
    )
    outcomes = dict(Decision.Outcome.choices)
    return _confirmed_step(
        request,
        form=form,
        matter=found,
        question=_("Record the decision of %(principal)s?")
        % {"principal": decision.principal_name},
        consequence=_("A principal's decision is recorded once and cannot be changed here."),
        button=_("Yes, record the decision"),
        summary=lambda data: [
            (_("Decision"), outcomes[data["outcome"]]),
            (_("Decided on"), data["decided_on"].isoformat()),
            (_("Deciding body"), data["decided_by"]),
            (_("Reference"), data["reference"]),
        ],
        act=lambda data: DECIDE.take(request.user, found, data, principal=principal),
        heading=_("The decision of %(principal)s") % {"principal": decision.principal_name},
        done=_("The decision is recorded."),
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def revision(request, county, pk):
    row, found = _to_handle(request, county, pk)
    latest = found.revisions.first()
    form = forms.RevisionForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": found.version, "text": latest.text if latest else ""},
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_propose_revision(
                request.user,
                found,
                text=form.cleaned_data["text"],
                expected_version=_version(form.cleaned_data, found),
            )
        except actions.RevisionInvalid as error:
            problems = error.problems
            form.add_error(None, _("The file does not validate: see the problems below."))
        except ConflictError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            refuse(form, error)
        else:
            messages.success(
                request, _("The revision is attached. Below: what it would change and break.")
            )
            return redirect(_matter_url(found) + "#revision")
    return render(
        request,
        "matters/revision.html",
        {"county": row.county, "matter": found, "form": form, "problems": problems},
    )


# The register of governing documents.


@require_GET
@login_required
@verified_required
def documents(request, county):
    row = _structure(county)
    return render(
        request,
        "matters/documents.html",
        {
            "county": row.county,
            "document": row.document,
            "documents": queries.register(row.county, row.document),
            "today": timezone.localdate(),
            "may_keep": access.may_keep_register(request.user),
            "settings": actions.settings_for(row.county),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def document_form(request, county, pk=None):
    row = _structure(county)
    access.require(
        access.may_keep_register(request.user),
        _("Only the structure's coordinators keep the register."),
    )
    existing = get_object_or_404(GoverningDocument, pk=pk, county=row.county) if pk else None
    initial = (
        {
            "kind": existing.kind,
            "title": existing.title,
            "owner_body": existing.owner_body,
            "adopted_on": existing.adopted_on,
            "adopted_by": existing.adopted_by,
            "document_version": existing.document_version,
            "review_months": existing.review_months,
            "review_basis": existing.review_basis,
            "public": existing.public,
            "version": existing.version,
        }
        if existing
        else {}
    )
    form = forms.DocumentForm(
        request.POST or None, request.FILES or None, agreement=row.document, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files, version = data.pop("files"), data.pop("version")

        def keep():
            if existing is None:
                actions.do_register_document(
                    request.user, row.county, actions.DocumentData(**data), files
                )
            else:
                actions.do_change_document(
                    request.user,
                    existing,
                    actions.DocumentData(**data),
                    files,
                    expected_version=version or existing.version,
                )

        if attempt(form, keep):
            messages.success(request, _("The register is saved."))
            return redirect("governing:register", county=row.county.slug)
    return render(
        request,
        "matters/document_form.html",
        {"county": row.county, "form": form, "existing": existing},
    )


@require_GET
def public_documents(request, county):
    """The county's public governing documents (no login): what the county chose to publish."""
    row = _structure(county)
    return render(
        request,
        "matters/public_documents.html",
        {
            "county": row.county,
            "documents": queries.register(row.county, row.document, public=True),
        },
    )


@require_GET
def document_file(request, county, pk, file_pk):
    row = _structure(county)
    found = get_object_or_404(
        DocumentFile.objects.select_related("document"),
        pk=file_pk,
        document__pk=pk,
        document__county=row.county,
    )
    if not found.document.public:
        if not request.user.is_authenticated:
            raise Http404(_("No such file."))
        if not request.user.is_verified():
            return redirect(reverse("accounts:two_factor") + "?next=" + request.path)
    return FileResponse(
        found.file.open("rb"),
        as_attachment=not found.content_type.startswith(("application/pdf", "image/", "text/")),
        filename=found.name,
        content_type=found.content_type,
    )


@require_http_methods(["GET", "POST"])
@login_required
@verified_required
def settings_page(request, county):
    row = _structure(county)
    access.require(
        access.may_keep_register(request.user),
        _("Only the structure's coordinators change the settings."),
    )
    current = actions.settings_for(row.county)
    form = forms.SettingsForm(
        request.POST or None,
        initial={
            "review_months": current.review_months,
            "decision_days": current.decision_days,
            "dispute_answer_days": current.dispute_answer_days,
            "version": current.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        changed = attempt(
            form,
            lambda: actions.do_change_settings(
                request.user,
                row.county,
                review_months=form.cleaned_data["review_months"],
                decision_days=form.cleaned_data["decision_days"],
                dispute_answer_days=form.cleaned_data["dispute_answer_days"],
                expected_version=form.cleaned_data.get("version") or current.version,
            ),
        )
        if changed:
            messages.success(request, _("The settings are saved."))
            return redirect("governing:register", county=row.county.slug)
    return render(request, "matters/settings.html", {"county": row.county, "form": form})
