"""Every change to a matter or a governing document, as a named action: it checks the change
against the agreement in force, saves it with an optimistic lock (a stale `version` raises
ConflictError) and records one audit event, in one transaction.

The matter flow is the agreement's (`matter_flow`, `relations`): see `matters.flow`.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from agreements import schema
from agreements.models import Agreement, County
from agreements.validation import validate_text
from audit.services import changes_between, record
from meetings.files import check_files
from outbox.services import queue_mail
from structure.actions import ConflictError, agreement_in_force
from structure.models import Appointment, Organisation, Person
from workdays.calendar import add_working_days

from . import access, events, flow, mails
from .models import (
    Attachment,
    Decision,
    DocumentFile,
    GoverningDocument,
    Handling,
    Matter,
    MattersSettings,
    Revision,
)

Outcome = Handling.Outcome
State = Matter.State

# A proposed agreement file: the largest shipped is about 60 kB. At 200 kB even a file of
# characters the API's JSON escapes stays within the request size Django accepts.
MAX_REVISION_BYTES = 200 * 1024


def settings_for(county: County) -> MattersSettings:
    found, _created = MattersSettings.objects.get_or_create(county=county)
    return found


@dataclass(frozen=True)
class AnswerTime:
    """How many working days a step of a dispute path has to answer: the path's own where its
    document states one (`stated`), else the county's setting for matters."""

    working_days: int
    stated: bool


def answer_time(path: flow.DisputePath, county: County) -> AnswerTime:
    stated = path.path.answer_working_days
    if stated is not None:
        return AnswerTime(stated, True)
    return AnswerTime(settings_for(county).dispute_answer_days, False)


def _answer_due(path: flow.DisputePath, county: County, on: datetime.date) -> datetime.date:
    return add_working_days(on, answer_time(path, county).working_days)


def _structure(county_id: int) -> schema.Agreement:
    return agreement_in_force(county_id)


def _place(agreement: schema.Agreement, body: str, instance: str) -> str:
    return flow.place_name(agreement, body, instance)


def _attach(actor, matter: Matter, upload: UploadedFile) -> Attachment:
    attachment = Attachment(matter=matter).keep(upload, actor)
    name = attachment.name
    record(actor, events.FILE_ATTACHED, matter, {"name": name}, changes={"file": [None, name]})
    return attachment


def _save(matter: Matter, expected_version: int | None, **fields) -> Matter:
    """Save the fields if the matter is still at the version read; raise ConflictError if not."""
    version = matter.version if expected_version is None else expected_version
    updated = Matter.objects.filter(pk=matter.pk, version=version).update(
        version=F("version") + 1, changed_at=timezone.now(), **fields
    )
    if not updated:
        raise ConflictError(
            _("Someone else changed this matter after you opened it. Your change is not saved.")
        )
    matter.refresh_from_db()
    return matter


def _require_state(matter: Matter, *states: str) -> None:
    if matter.state not in states:
        raise ValidationError(
            _("The matter is %(state)s: this step cannot be taken now.")
            % {"state": matter.get_state_display()},
            code="state",
        )


def _handling(actor, matter: Matter, outcome: str, on: datetime.date, **fields) -> Handling:
    return Handling.objects.create(
        matter=matter,
        outcome=outcome,
        on=on,
        by=actor if actor and actor.is_authenticated else None,
        **{"body": matter.body, "instance": matter.instance, **fields},
    )


def _meeting_of(meeting, body: str, instance: str):
    if meeting is not None and (meeting.body != body or meeting.instance != instance):
        raise ValidationError({"meeting": _("The meeting is not one of the body handling it.")})
    return meeting


@dataclass(frozen=True)
class Raised:
    title: str
    question: str
    body: str
    instance: str = ""
    kind: str = Matter.Kind.QUESTION
    dispute: str = ""  # a dispute path as "document:index" (flow.DisputePath.key)


def county_documents(county_id: int) -> list[Agreement]:
    return list(
        Agreement.objects.filter(county_id=county_id, in_force=True).order_by("document_id")
    )


@transaction.atomic
def do_raise_matter(
    actor,
    *,
    organisation: Organisation,
    raised: Raised,
    files=(),
    on: datetime.date | None = None,
) -> Matter:
    """A member or a party raises a matter at a body instance, with its documentation."""
    on = on or timezone.localdate()
    agreement = _structure(organisation.county_id)
    errors: dict[str, list[str]] = {}
    body = agreement.body(raised.body)
    if body is None:
        errors["body"] = [_("The agreement has no such body.")]
    elif raised.instance not in [i for i, _n in agreement.instances_of(body)]:
        errors["body"] = [_("Choose which group of %(body)s.") % {"body": body.name}]
    if not raised.title.strip():
        errors["title"] = [_("Give the matter a title.")]
    if not raised.question.strip():
        # Västerbotten §7: "Frågeställningen skall också dokumenteras".
        errors["question"] = [_("Describe the question: it is prepared from what you write.")]
    fields = {}
    if raised.kind == Matter.Kind.DISPUTE:
        paths = {p.key: p for p in flow.dispute_paths(county_documents(organisation.county_id))}
        path = paths.get(raised.dispute)
        if path is None:
            errors["dispute"] = [_("Choose the agreement's path for the dispute.")]
        else:
            step = path.path.steps.index(raised.body) if raised.body in path.path.steps else 0
            fields = {
                "dispute_document": path.document,
                "dispute_path": path.index,
                "dispute_step": step,
                "answer_due": _answer_due(path, organisation.county, on),
            }
    elif raised.kind not in Matter.Kind.values:
        errors["kind"] = [_("Choose the kind of matter.")]
    if errors:
        raise ValidationError(errors)
    check_files(files)
    matter = Matter.objects.create(
        county_id=organisation.county_id,
        kind=raised.kind,
        title=raised.title.strip(),
        question=raised.question.strip(),
        raised_by=organisation,
        raised_on=on,
        origin_body=raised.body,
        origin_instance=raised.instance,
        body=raised.body,
        instance=raised.instance,
        **fields,
    )
    _handling(actor, matter, Outcome.RAISED, on, text=matter.question)
    record(
        actor,
        events.MATTER_RAISED,
        matter,
        {"title": matter.title},
        changes=changes_between(
            {},
            {"body": matter.body, "instance": matter.instance, "raised_by": organisation.pk},
        ),
    )
    for upload in files:
        _attach(actor, matter, upload)
    return matter


@transaction.atomic
def do_attach_file(actor, matter: Matter, upload: UploadedFile) -> Attachment:
    return _attach(actor, matter, upload)


@transaction.atomic
def do_prepare_matter(
    actor,
    matter: Matter,
    *,
    preparer: str,
    text: str = "",
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Matter:
    """The body sends the matter to its working committee or a beredning for preparation."""
    _require_state(matter, State.OPEN)
    agreement = _structure(matter.county_id)
    choices = {p.key: p for p in flow.preparers(agreement, matter.body, matter.instance)}
    place = choices.get(preparer)
    if place is None:
        raise ValidationError({"preparer": _("No such body prepares this body's matters.")})
    on = on or timezone.localdate()
    matter = _save(matter, expected_version, state=State.PREPARATION)
    _handling(
        actor,
        matter,
        Outcome.PREPARED,
        on,
        text=text.strip(),
        target_body=place.body,
        target_instance=place.instance,
    )
    record(actor, events.MATTER_PREPARED, matter, {"body": place.name})
    return matter


def principal_contacts(matter: Matter, principal: str) -> list[str]:
    """Who hears that a principal's decision is awaited: the principal's members of the body
    that recommends, and its coordinators on the platform."""
    day = timezone.localdate()
    members = Appointment.objects.filter(
        county_id=matter.county_id,
        body=matter.body,
        instance=matter.instance,
        organisation__principal=principal,
    ).on(day)
    addresses = list(
        Person.objects.filter(appointments__in=members)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    addresses += list(
        Membership.objects.filter(
            organisation__county_id=matter.county_id,
            organisation__principal=principal,
            role=Membership.Role.COORDINATOR,
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(addresses))


def _recommend(actor, matter: Matter, text: str, on: datetime.date, agreement) -> dict:
    """Where principals decide, one pending decision per principal and a mail to each."""
    flow_rules = agreement.matter_flow
    if flow_rules is None or not flow_rules.decisions_by_principals:
        return {"state": State.CLOSED, "recommendation": text, "recommended_on": on}
    due = on + datetime.timedelta(days=settings_for(matter.county).decision_days)
    Decision.objects.bulk_create(
        Decision(matter=matter, principal=p.id, principal_name=p.name)
        for p in flow.principals(agreement)
    )
    body_name = _place(agreement, matter.body, matter.instance)
    url = reverse("matters:matter", kwargs={"county": matter.county.slug, "pk": matter.pk})
    for party in flow.principals(agreement):
        queue_mail(
            mails.DECISION_AWAITED,
            principal_contacts(matter, party.id),
            {
                "title": matter.title,
                "body": body_name,
                "principal": party.name,
                "due": due.isoformat(),
                "url": url,
            },
            regarding=matter,
        )
    return {
        "state": State.PRINCIPALS,
        "recommendation": text,
        "recommended_on": on,
        "decisions_due": due,
    }


@transaction.atomic
def do_handle_matter(
    actor,
    matter: Matter,
    *,
    outcome: str,
    text: str = "",
    target: str = "",
    meeting=None,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Matter:
    """The body handles the matter, at a meeting or between meetings, with its outcome:
    information (closed), a recommendation (to the principals where they decide), sent upward
    to a body above, sent back with a task to a body below, or closed."""
    _require_state(matter, State.OPEN, State.PREPARATION)
    agreement = _structure(matter.county_id)
    on = on or timezone.localdate()
    meeting = _meeting_of(meeting, matter.body, matter.instance)
    text = text.strip()
    here = _place(agreement, matter.body, matter.instance)
    fields: dict = {}
    # The handling is the body's where it was handled, wherever the outcome sends the matter.
    handling: dict = {
        "text": text,
        "meeting": meeting,
        "body": matter.body,
        "instance": matter.instance,
    }
    if outcome in (Outcome.INFORMATION, Outcome.CLOSED):
        fields["state"] = State.CLOSED
    elif outcome == Outcome.RECOMMENDATION:
        if not text:
            raise ValidationError({"text": _("Write the recommendation.")})
        fields.update(_recommend(actor, matter, text, on, agreement))
    elif outcome in (Outcome.UPWARD, Outcome.BACK):
        places = (
            flow.upward(agreement, matter.body, matter.instance)
            if outcome == Outcome.UPWARD
            else flow.downward(agreement, matter.body, matter.instance)
        )
        place = {p.key: p for p in places}.get(target)
        if place is None:
            raise ValidationError(
                {
                    "target": _("Choose a body the agreement lets %(body)s send it to.")
                    % {"body": here}
                }
            )
        handling.update(target_body=place.body, target_instance=place.instance)
        if outcome == Outcome.UPWARD:
            fields.update(body=place.body, instance=place.instance, state=State.OPEN)
        else:
            if not text:
                raise ValidationError({"text": _("Write the task the body is given.")})
            task = Matter.objects.create(
                county_id=matter.county_id,
                kind=Matter.Kind.TASK,
                title=matter.title,
                question=text,
                raised_by=matter.raised_by,
                raised_on=on,
                origin_body=matter.body,
                origin_instance=matter.instance,
                body=place.body,
                instance=place.instance,
                parent=matter,
            )
            _handling(actor, task, Outcome.RAISED, on, text=text, task=matter)
            handling["task"] = task
            fields["state"] = State.TASK_OUT
    else:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    matter = _save(matter, expected_version, **fields)
    _handling(actor, matter, outcome, on, **handling)
    record(
        actor,
        events.MATTER_HANDLED,
        matter,
        {"body": here, "outcome": outcome},
        changes={"state": [None, matter.state], **({"to": [None, target]} if target else {})},
    )
    return matter


@transaction.atomic
def do_report_task(
    actor,
    task: Matter,
    *,
    text: str,
    meeting=None,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Matter:
    """The body given a task reports back; the matter it came from returns to its body."""
    if task.kind != Matter.Kind.TASK or task.parent_id is None:
        raise ValidationError(_("Only a task sent downward is reported back."))
    _require_state(task, State.OPEN, State.PREPARATION)
    if not text.strip():
        raise ValidationError({"text": _("Write the report.")})
    on = on or timezone.localdate()
    meeting = _meeting_of(meeting, task.body, task.instance)
    agreement = _structure(task.county_id)
    parent = task.parent
    task = _save(task, expected_version, state=State.CLOSED)
    _handling(
        actor,
        task,
        Outcome.REPORTED,
        on,
        text=text.strip(),
        meeting=meeting,
        target_body=parent.body,
        target_instance=parent.instance,
    )
    if parent.state == State.TASK_OUT and not parent.tasks.exclude(state=State.CLOSED).exists():
        parent = _save(parent, None, state=State.OPEN)
    _handling(
        actor,
        parent,
        Outcome.REPORTED,
        on,
        text=text.strip(),
        task=task,
        body=task.body,
        instance=task.instance,
    )
    record(
        actor,
        events.TASK_REPORTED,
        task,
        {"body": _place(agreement, parent.body, parent.instance)},
    )
    return task


@transaction.atomic
def do_escalate_matter(
    actor,
    matter: Matter,
    *,
    text: str = "",
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Matter:
    """A dispute the step could not resolve goes to the next step of its path, and only there."""
    if matter.kind != Matter.Kind.DISPUTE:
        raise ValidationError(_("Only a dispute is escalated along the agreement's path."))
    _require_state(matter, State.OPEN, State.PREPARATION)
    path = dispute_path_of(matter)
    if path is None:
        raise ValidationError(_("The agreement in force no longer states this dispute path."))
    following = matter.dispute_step + 1
    if following >= len(path.path.steps):
        raise ValidationError(
            _("The dispute is at the last step of the agreement's path: it is resolved here.")
        )
    agreement = _structure(matter.county_id)
    place = flow.step_place(agreement, path.path.steps[following], matter.body, matter.instance)
    if place is None:
        raise ValidationError(_("The next step of the path is not a body of the structure."))
    on = on or timezone.localdate()
    before = {"body": matter.body, "instance": matter.instance, "step": matter.dispute_step}
    matter = _save(
        matter,
        expected_version,
        body=place.body,
        instance=place.instance,
        dispute_step=following,
        answer_due=_answer_due(path, matter.county, on),
        state=State.OPEN,
    )
    _handling(
        actor,
        matter,
        Outcome.ESCALATED,
        on,
        text=text.strip(),
        body=before["body"],
        instance=before["instance"],
        target_body=place.body,
        target_instance=place.instance,
    )
    record(
        actor,
        events.MATTER_ESCALATED,
        matter,
        {"body": place.name},
        changes=changes_between(
            before, {"body": place.body, "instance": place.instance, "step": following}
        ),
    )
    return matter


def dispute_path_of(matter: Matter) -> flow.DisputePath | None:
    if matter.dispute_path is None:
        return None
    key = f"{matter.dispute_document}:{matter.dispute_path}"
    return next(
        (p for p in flow.dispute_paths(county_documents(matter.county_id)) if p.key == key), None
    )


@transaction.atomic
def do_record_decision(
    actor,
    matter: Matter,
    *,
    principal: str,
    outcome: str,
    decided_on: datetime.date,
    decided_by: str,
    reference: str = "",
    expected_version: int | None = None,
) -> Decision:
    """One principal's decision on the recommendation, recorded once."""
    if not access.may_decide(actor, matter, principal):
        raise PermissionDenied(
            _(
                "Only someone of the principal's own organisation, or a coordinator, records its "
                "decision."
            )
        )
    decision = Decision.objects.filter(matter=matter, principal=principal).first()
    if decision is None:
        raise ValidationError(
            {"principal": _("The recommendation was not made to this principal.")}
        )
    if outcome not in (
        Decision.Outcome.ADOPTED,
        Decision.Outcome.CHANGED,
        Decision.Outcome.REJECTED,
    ):
        raise ValidationError({"outcome": _("Choose adopted, adopted with changes or rejected.")})
    if not decided_by.strip():
        raise ValidationError({"decided_by": _("Name the body that decided.")})
    if matter.recommended_on and decided_on < matter.recommended_on:
        raise ValidationError(
            {
                "decided_on": _("The decision cannot be taken before the recommendation (%(day)s).")
                % {"day": matter.recommended_on.isoformat()}
            }
        )
    query = Decision.objects.filter(pk=decision.pk, outcome=Decision.Outcome.PENDING)
    if expected_version is not None:
        query = query.filter(version=expected_version)
    updated = query.update(
        outcome=outcome,
        decided_on=decided_on,
        decided_by=decided_by.strip(),
        reference=reference.strip(),
        recorded_by=actor if actor and actor.is_authenticated else None,
        version=F("version") + 1,
    )
    if not updated:
        decision.refresh_from_db()
        if decision.outcome != Decision.Outcome.PENDING:
            raise ValidationError(
                _(
                    "%(principal)s has already decided (%(outcome)s, %(day)s): a decision is "
                    "recorded once."
                )
                % {
                    "principal": decision.principal_name,
                    "outcome": decision.get_outcome_display(),
                    "day": decision.decided_on.isoformat() if decision.decided_on else "",
                },
                code="decided",
            )
        raise ConflictError(
            _("Someone else changed this decision after you opened it. Your change is not saved.")
        )
    decision.refresh_from_db()
    if not matter.decisions.filter(outcome=Decision.Outcome.PENDING).exists():
        _save(matter, None, state=State.CLOSED)
        _handling(actor, matter, Outcome.CLOSED, decided_on)
    record(
        actor,
        events.DECISION_RECORDED,
        matter,
        {"principal": decision.principal_name, "outcome": outcome},
        changes={
            "principal": [None, principal],
            "outcome": [Decision.Outcome.PENDING, outcome],
            "decided_on": [None, decided_on.isoformat()],
            "reference": [None, decision.reference],
        },
    )
    return decision


class RevisionInvalid(ValidationError):
    """The proposed file does not validate: `problems` say where (line and place) and why."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            [
                _("line %(line)s, %(path)s: %(message)s")
                % {"line": p.line or "–", "path": p.path or "–", "message": p.message}
                for p in problems
            ]
        )


@transaction.atomic
def do_propose_revision(
    actor, matter: Matter, *, text: str, expected_version: int | None = None
) -> Revision:
    """The matter carries a proposed new version of one of the county's agreement files."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_REVISION_BYTES:
        raise ValidationError({"text": _("The file is larger than 200 kB.")})
    result = validate_text(text, "revision.yaml")
    if not result.valid:
        raise RevisionInvalid(result.errors)
    proposed = result.agreement
    current = {row.document_id: row for row in county_documents(matter.county_id)}
    if proposed.county.slug != matter.county.slug:
        raise ValidationError({"text": _("The file is an agreement of another county.")})
    if proposed.document.id not in current:
        raise ValidationError(
            {
                "text": _("The county has no document %(id)s in force to revise.")
                % {"id": proposed.document.id}
            }
        )
    _save(matter, expected_version)
    revision = Revision.objects.create(
        matter=matter,
        document_id=proposed.document.id,
        text=text,
        proposed_by=actor if actor and actor.is_authenticated else None,
    )
    record(actor, events.REVISION_PROPOSED, matter, {"document": proposed.document.title})
    return revision


def next_revision(adopted_on: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month = adopted_on.month - 1 + months
    year, month = adopted_on.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(adopted_on.day, last))


def revision_interval(
    agreement, owner_body: str, own: int | None, county: County, default: int | None = None
) -> int:
    """Months from a document's adoption to its next revision: its own interval, never longer
    than the owner body's rule where the agreement sets one (Västerbotten 6.2: "minst vartannat
    år"); without its own, the rule's, else the county's (`default`, or its setting)."""
    body = agreement.body(owner_body)
    rule = body.revised_every.every_months if body and body.revised_every else None
    if own and rule:
        return min(own, rule)
    return own or rule or default or settings_for(county).review_months


@dataclass(frozen=True)
class DocumentData:
    kind: str
    title: str
    owner_body: str
    adopted_on: datetime.date
    adopted_by: str
    document_version: str
    review_months: int | None = None
    review_basis: str = ""
    public: bool = False


def _document_fields(county: County, data: DocumentData) -> dict:
    agreement = _structure(county.pk)
    if agreement.body(data.owner_body) is None:
        raise ValidationError({"owner_body": _("The agreement has no such body.")})
    if data.kind not in GoverningDocument.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    if data.review_months is not None and not 1 <= data.review_months <= 120:
        raise ValidationError({"review_months": _("Give 1 to 120 months.")})
    months = revision_interval(agreement, data.owner_body, data.review_months, county)
    return {
        "kind": data.kind,
        "title": data.title.strip(),
        "owner_body": data.owner_body,
        "adopted_on": data.adopted_on,
        "adopted_by": data.adopted_by.strip(),
        "document_version": data.document_version.strip(),
        "review_months": data.review_months,
        "review_basis": data.review_basis.strip(),
        "next_revision": next_revision(data.adopted_on, months),
        "public": data.public,
    }


def _keep_files(actor, document: GoverningDocument, uploads) -> None:
    for upload in uploads:
        DocumentFile(document=document).keep(upload, actor)


@transaction.atomic
def do_register_document(actor, county: County, data: DocumentData, files=()) -> GoverningDocument:
    check_files(files)
    document = GoverningDocument.objects.create(county=county, **_document_fields(county, data))
    _keep_files(actor, document, files)
    record(
        actor,
        events.DOCUMENT_REGISTERED,
        document,
        {"title": document.title},
        changes=changes_between(
            {}, {"version": document.document_version, "public": document.public}
        ),
    )
    return document


@transaction.atomic
def do_change_document(
    actor,
    document: GoverningDocument,
    data: DocumentData,
    files=(),
    expected_version: int | None = None,
) -> GoverningDocument:
    """A new version or a revision: the next revision is counted again from its adoption."""
    check_files(files)
    fields = _document_fields(document.county, data)
    before = {name: str(getattr(document, name)) for name in fields}
    version = document.version if expected_version is None else expected_version
    updated = GoverningDocument.objects.filter(pk=document.pk, version=version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise ConflictError(
            _("Someone else changed this document after you opened it. Your change is not saved.")
        )
    document.refresh_from_db()
    _keep_files(actor, document, files)
    record(
        actor,
        events.DOCUMENT_CHANGED,
        document,
        {"title": document.title},
        changes=changes_between(before, {name: str(getattr(document, name)) for name in fields}),
    )
    return document


@transaction.atomic
def do_change_settings(
    actor,
    county: County,
    *,
    review_months: int,
    decision_days: int,
    dispute_answer_days: int | None = None,
    expected_version: int | None = None,
) -> MattersSettings:
    """`dispute_answer_days` None keeps the county's present value."""
    found = settings_for(county)
    if dispute_answer_days is None:
        dispute_answer_days = found.dispute_answer_days
    if not 1 <= review_months <= 120:
        raise ValidationError({"review_months": _("Give 1 to 120 months.")})
    if not 1 <= decision_days <= 730:
        raise ValidationError({"decision_days": _("Give 1 to 730 days.")})
    if not 1 <= dispute_answer_days <= 250:
        raise ValidationError({"dispute_answer_days": _("Give 1 to 250 working days.")})
    fields = ("review_months", "decision_days", "dispute_answer_days")
    before = {name: getattr(found, name) for name in fields}
    after = {
        "review_months": review_months,
        "decision_days": decision_days,
        "dispute_answer_days": dispute_answer_days,
    }
    version = found.version if expected_version is None else expected_version
    updated = MattersSettings.objects.filter(pk=found.pk, version=version).update(
        version=F("version") + 1, **after
    )
    if not updated:
        raise ConflictError(
            _("Someone else changed the settings after you opened them. Your change is not saved.")
        )
    found.refresh_from_db()
    # Documents without their own interval follow the county's, unless their owner body's
    # rule sets one.
    agreement = _structure(county.pk)
    for document in GoverningDocument.objects.filter(county=county, review_months__isnull=True):
        months = revision_interval(agreement, document.owner_body, None, county, review_months)
        GoverningDocument.objects.filter(pk=document.pk).update(
            next_revision=next_revision(document.adopted_on, months)
        )
    record(actor, events.SETTINGS_CHANGED, found, changes=changes_between(before, after))
    return found
