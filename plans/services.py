"""The steps of a case, each a named action that checks the step is allowed, records who and
when, and writes the audit trail in the same transaction (004 "Arbetsmodell för samverkan")."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from structure.models import Organisation

from . import identity
from .establishment import missing_for_establishment
from .models import Case, Consent, Guardian, Individual, Intervention, Plan
from .rules import individual_rules

State = Case.State


def _require(case: Case, *states: str) -> None:
    if case.state not in states:
        raise ValidationError(
            _("The case is %(state)s: this step cannot be taken now.")
            % {"state": case.get_state_display()},
            code="state",
        )


def _advance(actor, case: Case, state: str, summary: str, **fields) -> Case:
    """Move the case to its next step, with the step's facts, a new version and the audit."""
    for name, value in fields.items():
        setattr(case, name, value)
    case.state = state
    case.version += 1
    case.save(update_fields=["state", "version", *fields])
    record(actor, Action.UPDATE, case, summary)
    return case


def _not_before(day: datetime.date, earliest: datetime.date | None, field: str, what: str):
    if earliest is not None and day < earliest:
        raise ValidationError({field: _("The date is before %(what)s.") % {"what": what}})


@transaction.atomic
def do_open_case(
    actor,
    *,
    organisation: Organisation,
    identity_number: str,
    name: str,
    concern: str,
    acute: bool = False,
    guardians: tuple[str, ...] = (),
) -> Case:
    """A professional who notices needs that call for several actors opens a case."""
    found = identity.parse_identity_number(identity_number)
    if not name.strip():
        raise ValidationError({"name": _("Give the individual's name.")})
    if not concern.strip():
        raise ValidationError({"concern": _("Describe the needs you have noticed.")})
    individual, created = Individual.objects.get_or_create(
        identity_index=identity.blind_index(found),
        defaults={
            "county": organisation.county,
            "identity_encrypted": identity.encrypt(found),
            "coordination_number": found.coordination_number,
            "name": name.strip(),
            "birth_date": found.birth_date,
        },
    )
    if created:
        Guardian.objects.bulk_create(
            Guardian(individual=individual, name=g.strip()) for g in guardians if g.strip()
        )
        record(actor, Action.CREATE, individual, _("Registered an individual"))
    case = Case.objects.create(
        individual=individual,
        opening_organisation=organisation,
        opened_by=actor,
        opened_at=timezone.now(),
        acute=acute,
        concern=concern.strip(),
    )
    record(actor, Action.CREATE, case, _("Opened the case"), changes={"acute": [None, acute]})
    return case


@transaction.atomic
def do_record_consent(
    actor,
    case: Case,
    *,
    given_by: str,
    given_how: str,
    given_on: datetime.date,
    organisations: list[Organisation],
    child_view: str = "",
) -> Consent:
    """Consent from the individual, or the guardians for a child; no consent, no SIP."""
    _require(case, State.OPENED, State.CONSENTED, State.CALLED, State.NOTIFIED, State.MET)
    _not_before(given_on, case.opened_at.date(), "given_on", _("the case was opened"))
    if not organisations:
        raise ValidationError({"organisations": _("Name the organisations it may be shared with.")})
    consent = Consent.objects.create(
        case=case,
        given_by=given_by.strip(),
        given_how=given_how,
        given_on=given_on,
        child_view=child_view.strip(),
        recorded_by=actor,
    )
    consent.organisations.set([case.opening_organisation, *organisations])
    if case.state == State.OPENED:
        case.state, case.consent_on = State.CONSENTED, given_on
        case.version += 1
        case.save(update_fields=["state", "consent_on", "version"])
    record(
        actor, Action.CREATE, consent, _("Recorded consent"), changes={"given_on": [None, given_on]}
    )
    return consent


def active_consent(case: Case, on: datetime.date) -> Consent | None:
    return case.consent_in_force(on)


@transaction.atomic
def do_withdraw_consent(actor, consent: Consent, on: datetime.date) -> Consent:
    """Sharing stops from the day; the record of what was shared stays, as the law requires."""
    _not_before(on, consent.given_on, "withdrawn_on", _("the consent was given"))
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    record(actor, Action.END, consent, _("Consent withdrawn"), changes={"withdrawn_on": [None, on]})
    return consent


@transaction.atomic
def do_decide_to_call(
    actor,
    case: Case,
    *,
    decided_on: datetime.date,
    participants: list[Organisation] = (),
) -> Case:
    """The unit manager (or someone they appoint) decides to call a network meeting, and who
    takes part besides the child and the parents."""
    _require(case, State.CONSENTED)
    _not_before(decided_on, case.consent_on, "decided_on", _("the consent"))
    consent = active_consent(case, decided_on)
    if consent is None:
        raise ValidationError(_("There is no consent in force: no network meeting can be called."))
    covered = set(consent.organisations.values_list("pk", flat=True))
    outside = [o.name for o in participants if o.pk not in covered]
    if outside:
        raise ValidationError(
            {
                "participants": _("The consent does not cover: %(names)s.")
                % {"names": ", ".join(outside)}
            }
        )
    case.participants.set(participants)
    return _advance(
        actor,
        case,
        State.CALLED,
        _("Decided to call a network meeting"),
        decided_on=decided_on,
        decided_by=actor,
    )


@transaction.atomic
def do_send_notice(actor, case: Case, *, sent_on: datetime.date) -> Case:
    _require(case, State.CALLED)
    _not_before(sent_on, case.decided_on, "sent_on", _("the decision to call"))
    return _advance(actor, case, State.NOTIFIED, _("Sent the notice"), notice_sent_on=sent_on)


@transaction.atomic
def do_record_meeting(actor, case: Case, *, held_on: datetime.date) -> Case:
    _require(case, State.NOTIFIED)
    _not_before(held_on, case.notice_sent_on, "held_on", _("the notice"))
    if active_consent(case, held_on) is None:
        raise ValidationError(_("The consent has been withdrawn: the meeting cannot be recorded."))
    return _advance(actor, case, State.MET, _("Recorded the network meeting"), meeting_on=held_on)


@transaction.atomic
def do_draft_plan(actor, case: Case, *, interventions: list[dict], **fields) -> Plan:
    """A new version of the case's SIP; the earlier versions stay as they were."""
    _require(case, State.MET, State.PLANNED)
    number = (case.plans.aggregate(models.Max("number"))["number__max"] or 0) + 1
    plan = Plan.objects.create(case=case, number=number, created_by=actor, **fields)
    Intervention.objects.bulk_create(Intervention(plan=plan, **item) for item in interventions)
    record(actor, Action.CREATE, plan, _("Drafted version %(n)s of the plan") % {"n": number})
    return plan


@transaction.atomic
def do_establish_plan(actor, plan: Plan, *, on: datetime.date) -> Plan:
    """Established only when nothing is missing; otherwise the list of what is."""
    rules, _document = individual_rules(plan.case.individual.county)
    missing = missing_for_establishment(plan, rules, on)
    if missing:
        raise ValidationError(missing, code="incomplete")
    plan.established_on = on
    plan.save(update_fields=["established_on"])
    record(actor, Action.UPDATE, plan, _("Established the plan"))
    _advance(actor, plan.case, State.PLANNED, _("The plan is established"))
    return plan
