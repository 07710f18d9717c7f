"""Every change to a dispute, as a named action: one transaction, one audit event, an
optimistic lock (a stale `version` raises ConflictError). The dispute's path is the matter's
(matters.actions), which moves one step at a time; this app refuses any other step first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from agreements.models import Agreement
from audit.services import changes_between, record
from inputs import rules
from matters import access as matter_access
from matters import actions as matter_actions
from matters import flow
from matters.models import Handling, Matter
from outbox.services import queue_mail
from placements.actions import do_record_cost_allocation
from plans.access import can_see, organisation_of
from plans.models import Case
from plans.rules import individual_rules
from structure.actions import ConflictError, agreement_in_force
from structure.models import Organisation

from . import events, mails
from .models import Dispute, Share, Statement


def parties(case: Case) -> list[Organisation]:
    """The organisations taking part in the case, the opening one first."""
    others = list(case.participants.exclude(pk=case.opening_organisation_id).order_by("name"))
    return [case.opening_organisation, *others]


def dispute_path(case: Case) -> flow.DisputePath:
    """The dispute path of the guideline the case's rules come from (Norrbus' in Norrbotten)."""
    _rules, document = individual_rules(case.individual.county)
    county_paths = flow.dispute_paths(matter_actions.county_documents(case.individual.county_id))
    ordered = sorted(county_paths, key=lambda p: p.document != document.document_id)
    if not ordered:
        raise ValidationError(
            _("No governing document in force in the county states a dispute path.")
        )
    return ordered[0]


def _municipality(agreement, organisations: Iterable[Organisation]) -> str:
    """The municipality whose municipal level a dispute starts at: the first party's that is a
    municipality of the agreement."""
    for organisation in organisations:
        party = agreement.party(organisation.principal)
        if party is not None and party.kind == "municipality":
            return party.id
    return ""


def _text(value: str, field: str, missing: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: missing})
    problem = rules.text_problem(value, limit=rules.TEXT, multiline=True)
    if problem:
        raise ValidationError({field: problem})
    return value


def _day(on: datetime.date, earliest: datetime.date, field: str = "on") -> None:
    problem = rules.CASE_STEP.problem(on)
    if problem:
        raise ValidationError({field: problem})
    if on > timezone.localdate():
        raise ValidationError({field: _("Give a day that has come.")})
    if on < earliest:
        raise ValidationError(
            {field: _("Give a day from %(day)s on.") % {"day": earliest.isoformat()}}
        )


def _url(dispute: Dispute) -> str:
    return reverse("disputes:dispute", kwargs={"pk": dispute.pk})


@transaction.atomic
def do_raise_dispute(
    actor,
    case: Case,
    *,
    subject: str,
    respondent: Organisation,
    statement: str,
    on: datetime.date | None = None,
) -> Dispute:
    """A party of the case raises a dispute with another: a matter at the first step of the
    guideline's path, at the municipal level of the case's municipality, and the raising side's
    statement. The other party is told by mail."""
    organisation = organisation_of(actor)
    if organisation is None or not can_see(actor, case):
        raise PermissionDenied(_("Only a party of the case raises a dispute on it."))
    taking_part = parties(case)
    if organisation not in taking_part:
        raise PermissionDenied(_("Only a party of the case raises a dispute on it."))
    on = on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if subject not in Dispute.Subject.values:
        errors["subject"] = [_("Choose what the dispute is about.")]
    if respondent not in taking_part or respondent == organisation:
        errors["respondent"] = [_("Choose another organisation taking part in the case.")]
    try:
        statement = _text(statement, "statement", _("State your side of the dispute."))
        _day(on, timezone.localdate(case.opened_at))
    except ValidationError as error:
        for field, texts in error.message_dict.items():
            errors.setdefault(field, []).extend(texts)
    if errors:
        raise ValidationError(errors)
    path = dispute_path(case)
    agreement = agreement_in_force(case.individual.county_id)
    place = flow.step_place(
        agreement,
        path.path.steps[0],
        "",
        _municipality(agreement, [organisation, respondent, *taking_part]),
    )
    if place is None:
        raise ValidationError(
            _("The first step of the dispute path is not a body of the structure.")
        )
    subject_name = Dispute.Subject(subject).label
    # The matter names the parties and the subject, never the case or the individual: the
    # dispute row below is the only link between them.
    matter = matter_actions.do_raise_matter(
        actor,
        organisation=organisation,
        raised=matter_actions.Raised(
            title=_("Dispute on %(subject)s between %(a)s and %(b)s")
            % {"subject": subject_name, "a": organisation.name, "b": respondent.name},
            question=_(
                "%(a)s and %(b)s disagree on %(subject)s in a case of the individual level. "
                "Each side's statement is on the dispute's page."
            )
            % {"subject": subject_name, "a": organisation.name, "b": respondent.name},
            body=place.body,
            instance=place.instance,
            kind=Matter.Kind.DISPUTE,
            dispute=path.key,
        ),
        on=on,
    )
    dispute = Dispute.objects.create(
        case=case,
        matter=matter,
        subject=subject,
        raised_by=organisation,
        respondent=respondent,
        raised_on=on,
        raised_by_user=actor,
    )
    Statement.objects.create(
        dispute=dispute, organisation=organisation, text=statement, stated_on=on, stated_by=actor
    )
    record(
        actor,
        events.DISPUTE_RAISED,
        dispute,
        {"number": str(dispute.pk)},
        changes=changes_between(
            {},
            {
                "subject": subject,
                "respondent": respondent.pk,
                "matter": matter.pk,
                "body": place.key,
            },
        ),
    )
    queue_mail(
        mails.STATEMENT_AWAITED,
        Membership.objects.filter(organisation=respondent, role=Membership.Role.UNIT_MANAGER)
        .exclude(user__email="")
        .values_list("user__email", flat=True),
        {
            "number": str(dispute.pk),
            "party": organisation.name,
            "subject": str(subject_name),
            "body": place.name,
            "url": _url(dispute),
        },
        regarding=dispute,
        county=case.individual.county,
    )
    return dispute


@transaction.atomic
def do_state_side(
    actor, dispute: Dispute, *, text: str, on: datetime.date | None = None
) -> Statement:
    """The other side states its view; each side states once."""
    organisation = organisation_of(actor)
    if organisation is None or organisation.pk not in (dispute.raised_by_id, dispute.respondent_id):
        raise PermissionDenied(_("Only the two sides of the dispute state their view."))
    if dispute.state != Dispute.State.OPEN:
        raise ValidationError(_("The dispute is resolved."))
    if dispute.statements.filter(organisation=organisation).exists():
        raise ValidationError(_("Your side has already stated its view."))
    text = _text(text, "text", _("State your side of the dispute."))
    on = on or timezone.localdate()
    _day(on, dispute.raised_on)
    statement = Statement.objects.create(
        dispute=dispute, organisation=organisation, text=text, stated_on=on, stated_by=actor
    )
    record(actor, events.DISPUTE_STATED, dispute, {"number": str(dispute.pk)})
    return statement


def _require_handler(actor, dispute: Dispute) -> None:
    if not matter_access.may_handle(actor, dispute.matter):
        raise PermissionDenied(
            _("Only the body the dispute is with, or the structure's coordinators, take this step.")
        )
    if dispute.state != Dispute.State.OPEN:
        raise ValidationError(_("The dispute is resolved."))
    if dispute.statements.count() < 2:
        raise ValidationError(_("Both sides state their view before the dispute is handled."))


def _save(dispute: Dispute, expected_version: int | None, **fields) -> Dispute:
    version = dispute.version if expected_version is None else expected_version
    updated = Dispute.objects.filter(pk=dispute.pk, version=version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise ConflictError(
            _("Someone else changed this dispute after you opened it. Your change is not saved.")
        )
    dispute.refresh_from_db()
    return dispute


@transaction.atomic
def do_escalate_dispute(
    actor,
    dispute: Dispute,
    *,
    to_step: int,
    text: str,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Dispute:
    """The step could not resolve the dispute: it goes to the path's next step, never further
    (a skipped step is refused), with the date and what this step concluded."""
    _require_handler(actor, dispute)
    matter = dispute.matter
    if to_step != matter.dispute_step + 1:
        raise ValidationError(
            {"to_step": _("A dispute goes to the path's next step only: no step may be skipped.")}
        )
    text = _text(text, "text", _("Write what this step concluded and why it could not resolve it."))
    on = on or timezone.localdate()
    _day(on, dispute.raised_on)
    dispute = _save(dispute, expected_version)
    matter = matter_actions.do_escalate_matter(actor, matter, text=text, on=on)
    place = flow.place_name(agreement_in_force(matter.county_id), matter.body, matter.instance)
    record(
        actor,
        events.DISPUTE_ESCALATED,
        dispute,
        {"number": str(dispute.pk), "body": place},
        changes={"step": [to_step - 1, to_step]},
    )
    return dispute


def _placement_of(case: Case):
    """The case's latest placement, if it has one."""
    return case.placements.order_by("-decided_on", "-pk").first()


@transaction.atomic
def do_resolve_dispute(
    actor,
    dispute: Dispute,
    *,
    outcome: str,
    responsible_principal: str = "",
    shares: Iterable[Mapping] = (),
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Dispute:
    """The step resolves the dispute: the outcome is recorded on the dispute (and shown on the
    case), the matter is closed, and for cost the shares become the placement's cost
    allocation, with the dispute as its basis."""
    _require_handler(actor, dispute)
    outcome = _text(outcome, "outcome", _("Write the outcome."))
    on = on or timezone.localdate()
    _day(on, dispute.raised_on)
    case = dispute.case
    principals = {o.principal for o in parties(case)}
    shares = [dict(share) for share in shares]
    errors: dict[str, list[str]] = {}
    if dispute.subject == Dispute.Subject.RESPONSIBILITY:
        if responsible_principal not in principals:
            errors["responsible_principal"] = [
                _("Choose the principal that the outcome makes responsible.")
            ]
    else:
        given = [s.get("principal") for s in shares]
        if not shares:
            errors["shares"] = [_("Give each principal's share of the costs.")]
        elif len(set(given)) != len(given) or not set(given) <= principals:
            errors["shares"] = [_("Give each principal taking part in the case once.")]
        elif (
            any(
                not isinstance(s.get("percent"), int) or not 0 <= s["percent"] <= 100
                for s in shares
            )
            or sum(s["percent"] for s in shares) != 100
        ):
            errors["shares"] = [_("The shares are whole percents that add up to 100.")]
    if errors:
        raise ValidationError(errors)
    allocation_number = None
    placement = _placement_of(case) if dispute.subject == Dispute.Subject.COST else None
    if placement is not None:
        allocation = do_record_cost_allocation(
            actor,
            placement,
            shares=[{"principal": s["principal"], "percent": s["percent"]} for s in shares],
            agreed_on=on,
            basis="dispute",
            note=_("The outcome of dispute %(number)s.") % {"number": dispute.pk},
        )
        allocation_number = allocation.number
    dispute = _save(
        dispute,
        expected_version,
        state=Dispute.State.RESOLVED,
        outcome=outcome,
        responsible_principal=responsible_principal
        if dispute.subject == Dispute.Subject.RESPONSIBILITY
        else "",
        resolved_on=on,
        resolved_by=actor,
        allocation_number=allocation_number,
    )
    Share.objects.bulk_create(
        Share(dispute=dispute, principal=s["principal"], percent=s["percent"]) for s in shares
    )
    # The matter's lineage says that the body resolved it; the outcome stays with the dispute,
    # which alone links to the case.
    matter_actions.do_handle_matter(
        actor,
        dispute.matter,
        outcome=Handling.Outcome.CLOSED,
        text=_("The dispute is resolved; the outcome is recorded on the dispute."),
        on=on,
    )
    record(
        actor,
        events.DISPUTE_RESOLVED,
        dispute,
        {"number": str(dispute.pk)},
        changes={
            "state": [Dispute.State.OPEN, Dispute.State.RESOLVED],
            **({"responsible": [None, responsible_principal]} if responsible_principal else {}),
            **(
                {"shares": [None, {s["principal"]: s["percent"] for s in shares}]} if shares else {}
            ),
            **({"allocation": [None, allocation_number]} if allocation_number else {}),
        },
    )
    return dispute


def principal_names(county_id: int) -> dict[str, str]:
    row = Agreement.objects.structure_in_force(county_id=county_id)
    return {p.id: p.name for p in row.document.parties} if row else {}
