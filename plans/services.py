"""The steps of a case, each a named action that checks the step is allowed, records who and
when, and writes the audit trail in the same transaction (004 "Arbetsmodell för samverkan")."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import schema
from audit.services import record
from structure.actions import ConflictError
from structure.models import Organisation

from . import events, identity
from .access import keep_visibility, may_decide_to_call
from .deadlines import refresh_pending
from .establishment import missing_for_establishment
from .models import (
    CONSENT_END_TOO_EARLY,
    Case,
    Consent,
    Guardian,
    Individual,
    Intervention,
    NetworkMeeting,
    NoFurtherAction,
    Plan,
)
from .recipients import consent_recipients
from .rules import consent_rules, givers_on, individual_rules

State = Case.State
OPEN_STATES = [s for s in State if s != State.CLOSED]


def _require(case: Case, *states: str) -> None:
    if case.state not in states:
        raise ValidationError(
            _("The case is %(state)s: this step cannot be taken now.")
            % {"state": case.get_state_display()},
            code="state",
        )


def _advance(actor, case: Case, state: str, kind, **fields) -> Case:
    """Move the case to its next step, with the step's facts, a new version and the audit."""
    for name, value in fields.items():
        setattr(case, name, value)
    case.state = state
    case.version += 1
    case.save(update_fields=["state", "version", *fields])
    _keep_in_step(case)
    record(actor, kind, case)
    return case


def _keep_in_step(case: Case) -> None:
    """What is kept with the case for the lists, after each change of it: its pending
    deadlines, and who sees it with its deadlines in brief."""
    refresh_pending(case, individual_rules(case.individual.county)[0])
    keep_visibility(case)


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
    representative: str = "",
    representative_kind: str = Guardian.Kind.TRUSTEE,
    name_conflict_checked: bool = False,
) -> Case:
    """A professional who notices needs that call for several actors opens a case.

    The guardians of a child, or the legal representative (god man, förvaltare) where there is
    one, each where the county's consent rules give them a say at the individual's age today.

    The name and guardians typed are kept on the case as typed. A number the platform already
    knows is not overwritten and its registered details are not shown to the opener
    (`plans.access.shown_identity`); when the typed name differs from the registered one, the
    user is told and checks the number first (`name_conflict_checked`)."""
    found = identity.parse_identity_number(identity_number)
    if not name.strip():
        raise ValidationError({"name": _("Give the individual's name.")})
    if not concern.strip():
        raise ValidationError({"concern": _("Describe the needs you have noticed.")})
    _check_target_group(organisation, found.birth_date)
    typed_guardians = [g.strip() for g in guardians if g.strip()]
    representative = representative.strip()
    _check_speakers(organisation, found.birth_date, typed_guardians, representative)
    if representative and representative_kind not in Guardian.REPRESENTATIVES:
        raise ValidationError(
            {"representative_kind": _("Say whether it is a god man or förvaltare.")}
        )
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
    speakers = [Guardian(individual=individual, name=g) for g in typed_guardians]
    if representative:
        speakers.append(
            Guardian(individual=individual, name=representative, kind=representative_kind)
        )
    if created:
        Guardian.objects.bulk_create(speakers)
        record(actor, events.INDIVIDUAL_REGISTERED, individual)
    elif not name_conflict_checked and not identity.same_name(name, individual.name):
        raise identity.NameConflict(
            {
                "name": _(
                    "The platform already knows this identity number, under another name. "
                    "Check the number with the individual or the guardians. If it is right, "
                    "confirm below: the case keeps the name you gave, and what others "
                    "registered stays hidden until consent covers it."
                )
            }
        )
    case = Case.objects.create(
        individual=individual,
        opening_organisation=organisation,
        opened_by=actor,
        opened_at=timezone.now(),
        acute=acute,
        concern=concern.strip(),
        name_as_given=name.strip(),
        guardians_as_given="\n".join(str(g) for g in speakers),
    )
    keep_visibility(case)
    record(actor, events.CASE_OPENED, case, changes={"acute": [None, acute]})
    return case


def _check_target_group(organisation: Organisation, birth_date: datetime.date) -> None:
    """A case is opened only for someone of the ages the county's rules are for (Norrbus: "Alla
    barn och unga, upp till och med 20 års ålder", 004 "Målgrupp"); rules without target groups
    leave every age open."""
    try:
        rules, document = individual_rules(organisation.county)
    except LookupError:
        return
    age = identity.age_on(birth_date, _today())
    if not rules.target_groups or rules.target_group_at(age) is not None:
        return
    raise ValidationError(
        {
            "identity_number": _(
                "The individual is %(age)s years old, outside the target group of %(title)s "
                "(section “%(section)s”): %(groups)s A case cannot be opened here."
            )
            % {
                "age": age,
                "title": document.title,
                "section": rules.target_groups[0].source.section,
                "groups": " ".join(g.description.strip() for g in rules.target_groups),
            }
        }
    )


def _check_speakers(
    organisation: Organisation, birth_date: datetime.date, guardians: list[str], representative: str
) -> None:
    """Guardians only for an individual they speak for by the county's rules (a child), a legal
    representative only where the rules let one consent."""
    kinds = {g.giver for g in givers_on(consent_rules(organisation.county), birth_date, _today())}
    if not kinds:
        return
    if guardians and schema.ConsentGiverKind.GUARDIANS not in kinds:
        raise ValidationError(
            {
                "guardians": _(
                    "The individual is an adult and has no guardians: give their legal "
                    "representative (god man or förvaltare) instead, if there is one."
                )
            }
        )
    if representative and schema.ConsentGiverKind.LEGAL_REPRESENTATIVE not in kinds:
        raise ValidationError(
            {"representative": _("The county's rules give no legal representative a say here.")}
        )


def _today() -> datetime.date:
    return timezone.localdate()


def _given_as(case: Case, given_as: str | None, given_on: datetime.date) -> str:
    """Who gives the consent, checked against the county's rules for the individual's age on the
    day (guardians for a child, the individual from 18, a legal representative where there is
    one); without it, the first the rules name for the age. Blank where the rules are silent."""
    individual = case.individual
    givers = givers_on(consent_rules(individual.county), individual.birth_date, given_on)
    if not givers:
        return ""
    kinds = [g.giver.value for g in givers]
    if not given_as:
        return kinds[0]
    if given_as not in kinds:
        raise ValidationError(
            {
                "given_as": _("On that day, consent is given by: %(who)s.")
                % {"who": ", ".join(str(Consent.GivenAs(k).label) for k in kinds)}
            }
        )
    if (
        given_as == Consent.GivenAs.LEGAL_REPRESENTATIVE
        and not individual.guardians.filter(kind__in=Guardian.REPRESENTATIVES).exists()
    ):
        raise ValidationError(
            {"given_as": _("No legal representative (god man or förvaltare) is recorded.")}
        )
    return given_as


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
    given_as: str | None = None,
    valid_until: datetime.date | None = None,
) -> Consent:
    """Consent from the individual, the guardians for a child, or a legal representative, as
    the county's rules say for the individual's age (`given_as`); no consent, no SIP.
    `child_view` is the individual's own view, recorded when someone else consents.
    `valid_until`: the last day it holds, when given for a limited time. A further consent
    may be recorded at any step of an open case: one that expired or was withdrawn is renewed
    so."""
    _require(case, *(s for s in State if s != State.CLOSED))
    _not_before(given_on, timezone.localdate(case.opened_at), "given_on", _("the case was opened"))
    if valid_until is not None and valid_until <= given_on:
        raise ValidationError({"valid_until": CONSENT_END_TOO_EARLY})
    if not organisations:
        raise ValidationError({"organisations": _("Name the organisations it may be shared with.")})
    # The same choice for the pages and the API: units that work with individuals, never the
    # politicians' board or the county's office (plans.recipients).
    eligible = set(consent_recipients(case.individual.county).values_list("pk", flat=True)) | {
        case.opening_organisation_id
    }
    outside = [o.name for o in organisations if o.pk not in eligible]
    if outside:
        raise ValidationError(
            {
                "organisations": _("A consent cannot name: %(names)s.")
                % {"names": ", ".join(outside)}
            }
        )
    given_as = _given_as(case, given_as, given_on)
    consent = Consent.objects.create(
        case=case,
        given_by=given_by.strip(),
        given_as=given_as,
        given_how=given_how,
        given_on=given_on,
        valid_until=valid_until,
        child_view=child_view.strip(),
        recorded_by=actor,
    )
    consent.organisations.set([case.opening_organisation, *organisations])
    if case.state == State.OPENED:
        case.state, case.consent_on = State.CONSENTED, given_on
        case.version += 1
        case.save(update_fields=["state", "consent_on", "version"])
    _keep_in_step(case)
    record(
        actor,
        events.CONSENT_RECORDED,
        consent,
        changes={
            "given_on": [None, given_on],
            "given_as": [None, given_as],
            "valid_until": [None, valid_until],
        },
    )
    return consent


@transaction.atomic
def do_withdraw_consent(actor, consent: Consent, on: datetime.date) -> Consent:
    """Sharing stops from the day; the record of what was shared stays, as the law requires."""
    _not_before(on, consent.given_on, "withdrawn_on", _("the consent was given"))
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    # The case changed with it: a step prepared before the withdrawal is stale.
    Case.objects.filter(pk=consent.case_id).update(version=models.F("version") + 1)
    keep_visibility(consent.case)
    record(actor, events.CONSENT_WITHDRAWN, consent, changes={"withdrawn_on": [None, on]})
    return consent


@transaction.atomic
def do_decide_to_call(
    actor,
    case: Case,
    *,
    decided_on: datetime.date,
    participants: list[Organisation] = (),
    relatives: str = "",
    relatives_suitable: bool = False,
) -> Case:
    """The unit manager (or someone they appoint) decides to call a network meeting, and who
    takes part besides the child and the parents (004 "Samordnad planering – nätverksmöte")."""
    if not may_decide_to_call(actor, case):
        raise PermissionDenied(
            _("The unit manager, or the one they appoint, decides to call a network meeting.")
        )
    _require(case, State.CONSENTED)
    # "om det är lämpligt och den enskilde inte motsätter sig det" (004 "Samordnad individuell
    # plan (SIP)").
    if relatives.strip() and not relatives_suitable:
        raise ValidationError(
            {
                "relatives": _(
                    "Relatives take part only when it is suitable and the individual does not "
                    "oppose it: confirm both."
                )
            }
        )
    _not_before(decided_on, case.consent_on, "decided_on", _("the consent"))
    consent = case.consent_in_force(decided_on)
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
        events.CASE_CALL_DECIDED,
        decided_on=decided_on,
        decided_by=actor,
        relatives=relatives.strip(),
    )


@transaction.atomic
def do_send_notice(actor, case: Case, *, sent_on: datetime.date) -> Case:
    _require(case, State.CALLED)
    _not_before(sent_on, case.decided_on, "sent_on", _("the decision to call"))
    # The notice tells the participants about the individual: only under a consent in force.
    if case.consent_in_force(sent_on) is None:
        raise ValidationError(_("The consent has been withdrawn: the notice cannot be sent."))
    return _advance(actor, case, State.NOTIFIED, events.CASE_NOTICE_SENT, notice_sent_on=sent_on)


@transaction.atomic
def do_record_meeting(
    actor, case: Case, *, held_on: datetime.date, attended: str = "", picture: str = ""
) -> Case:
    """The network meeting held: who attended and the joint picture of needs and resources."""
    _require(case, State.NOTIFIED)
    _not_before(held_on, case.notice_sent_on, "held_on", _("the notice"))
    if case.consent_in_force(held_on) is None:
        raise ValidationError(_("The consent has been withdrawn: the meeting cannot be recorded."))
    NetworkMeeting.objects.create(
        case=case,
        kind=NetworkMeeting.Kind.FIRST,
        called_on=case.decided_on,
        called_by=case.decided_by,
        held_on=held_on,
        attended=attended.strip(),
        picture=picture.strip(),
    )
    return _advance(actor, case, State.MET, events.CASE_MEETING_HELD, meeting_on=held_on)


def latest_plan_number(case: Case) -> int:
    return case.plans.aggregate(models.Max("number"))["number__max"] or 0


def _locked(case: Case) -> Case:
    """The case row, locked until the transaction ends, so that two saves prepared on the same
    version cannot both pass their checks; the caller's copy may be stale."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("individual__county")
        .get(pk=case.pk)
    )


def _plan_conflict(case: Case, based_on: int | None, expected_version: int | None) -> None:
    """ConflictError when the plan changed since the author read it: a version saved or
    established meanwhile, or the case moved on (`expected_version`: the case's version then)."""
    latest = case.plans.order_by("-number").first()
    number = latest.number if latest else 0
    if based_on is not None and based_on != number:
        raise ConflictError(
            _("Someone else saved version %(n)s of the plan after you opened it.") % {"n": number}
        )
    if expected_version is None or expected_version == case.version:
        return
    if latest is not None and latest.established_on is not None:
        raise ConflictError(
            _(
                "Version %(n)s of the plan was established after you opened it. Saving again "
                "makes version %(next)s, a revision that needs its own approval."
            )
            % {"n": number, "next": number + 1}
        )
    raise ConflictError(_("Someone else changed the case or its plan after you opened it."))


APPROVAL = ("approved_by", "approved_on", "approved_how")
CONTENT = (
    "needs",
    "measures_by_others",
    "overall_responsibility",
    "coordinator_name",
    "coordinator_organisation",
    "plan_owner_name",
    "plan_owner_organisation",
)
INTERVENTION = (
    "description",
    "principal",
    "organisation",
    "scope",
    "performer",
    "follow_up",
    "follow_up_on",
)


def _content(fields: dict, interventions: list[dict], statements: list[dict]) -> tuple:
    """What the individual or guardians approve: everything in the plan but the approval."""

    def key(value):
        # An empty text and a missing value say the same.
        return "" if value is None else getattr(value, "pk", value)

    return (
        tuple(key(fields.get(name)) for name in CONTENT),
        tuple(tuple(key(row.get(name)) for name in INTERVENTION) for row in interventions),
        tuple((key(row.get("organisation")), row.get("statement")) for row in statements),
    )


def _stored_content(plan: Plan) -> tuple:
    return _content(
        {name: getattr(plan, name) for name in CONTENT},
        [{name: getattr(i, name) for name in INTERVENTION} for i in plan.interventions.all()],
        [
            {"organisation": n.organisation, "statement": n.statement}
            for n in plan.no_further_action.all()
        ],
    )


def _check_principals(interventions: list[dict]) -> None:
    """An intervention's organisation belongs to its responsible principal: the principal
    answers for what its own units do (point 2 of the law, 004 "Samordnad individuell plan
    (SIP)")."""
    errors = {}
    for n, item in enumerate(interventions):
        organisation, principal = item.get("organisation"), item.get("principal")
        if organisation is not None and principal and organisation.principal != principal:
            errors[f"interventions.{n}.organisation"] = [
                _("%(organisation)s does not belong to the principal chosen for the intervention.")
                % {"organisation": organisation.name}
            ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_draft_plan(
    actor,
    case: Case,
    *,
    interventions: list[dict],
    based_on: int | None = None,
    expected_version: int | None = None,
    no_further_action: list[dict] = (),
    **fields,
) -> Plan:
    """Save the draft of the case's SIP. A draft is changed in place until it is established;
    revising an established plan starts a new version, the established ones stay as they were.
    A new version starts without approval: the plan is the individual's or guardians' and is not
    established without their approval of it (004 "Samordnad individuell plan (SIP)": "kan inte
    upprättas utan godkännande av dem"). Changing an approved draft removes its approval, unless
    the approval is given anew with the change (`plan.approval_removed` says it was removed).

    `based_on` is the number of the newest version the author started from, `expected_version`
    the case's version then: when someone saved or established meanwhile, ConflictError, and
    nothing is saved.
    """
    callers, case = case, _locked(case)
    _require(case, State.MET, State.PLANNED, State.FOLLOWED_UP, State.REVISING)
    _plan_conflict(case, based_on, expected_version)
    _check_principals(interventions)
    latest = case.plans.order_by("-number").first()
    statements = list(no_further_action)
    if latest is not None and latest.established_on is None:
        plan = latest
        given = tuple(fields.get(name) for name in APPROVAL)
        approved = tuple(getattr(plan, name) for name in APPROVAL)
        changed = _stored_content(plan) != _content(fields, interventions, statements)
        # Who and when make an approval; how it was given is blank on older plans.
        plan.approval_removed = changed and all(approved[:2]) and given == approved
        if plan.approval_removed:
            fields = {**fields, "approved_by": "", "approved_on": None, "approved_how": ""}
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.save()
        plan.interventions.all().delete()
        plan.no_further_action.all().delete()
        kind = events.PLAN_DRAFT_CHANGED
    else:
        number = latest.number + 1 if latest else 1
        plan = Plan.objects.create(case=case, number=number, created_by=actor, **fields)
        plan.approval_removed = False
        kind = events.PLAN_DRAFTED
    Intervention.objects.bulk_create(Intervention(plan=plan, **item) for item in interventions)
    NoFurtherAction.objects.bulk_create(NoFurtherAction(plan=plan, **item) for item in statements)
    # The case changed with its plan: a step or an establishment prepared before is stale.
    case.version += 1
    case.save(update_fields=["version"])
    callers.version = case.version
    plan.case = callers  # so that establishing it moves the caller's copy on too
    record(actor, kind, plan, {"n": plan.number})
    return plan


@transaction.atomic
def do_establish_plan(
    actor, plan: Plan, *, on: datetime.date, expected_version: int | None = None
) -> Plan:
    """Established only when nothing is missing; otherwise the list of what is. Only the newest
    version can be established, and only once; `expected_version` (the case's version when the
    plan was read) refuses to establish a draft someone changed meanwhile."""
    callers, case = plan.case, _locked(plan.case)
    _require(case, State.MET, State.PLANNED, State.FOLLOWED_UP, State.REVISING)
    plan.refresh_from_db()
    if plan.established_on is not None:
        raise ValidationError(_("This version is already established."))
    latest = latest_plan_number(case)
    if plan.number != latest:
        raise ConflictError(
            _("Someone else saved version %(n)s of the plan after you opened it.") % {"n": latest}
        )
    if expected_version is not None and expected_version != case.version:
        raise ConflictError(
            _(
                "Someone else changed the draft after you read it: read it again before you "
                "establish it."
            )
        )
    _not_before(on, case.meeting_on, "on", _("the network meeting"))
    rules, _document = individual_rules(case.individual.county)
    missing = missing_for_establishment(plan, rules, on)
    if missing:
        raise ValidationError(missing, code="incomplete")
    plan.established_on = on
    plan.save(update_fields=["established_on"])
    record(actor, events.PLAN_ESTABLISHED, plan)
    _advance(actor, case, State.PLANNED, events.CASE_PLANNED)
    # The caller's copy of the case moves on with it.
    callers.state, callers.version = case.state, case.version
    return plan


def plan_in_force(case: Case) -> Plan | None:
    """The newest established version of the plan."""
    return case.plans.filter(established_on__isnull=False).order_by("-number").first()


@transaction.atomic
def do_call_follow_up(
    actor, case: Case, *, called_on: datetime.date, meeting_on: datetime.date
) -> NetworkMeeting:
    """The coordinator calls a new network meeting to follow the plan up (004 "Samordnare":
    "kalla till nya nätverksmöten", "säkerställa att uppföljning sker")."""
    _require(case, State.PLANNED, State.FOLLOWED_UP)
    plan = plan_in_force(case)
    _not_before(called_on, plan.established_on if plan else None, "called_on", _("the plan"))
    _not_before(meeting_on, called_on, "meeting_on", _("the day it is called"))
    if case.consent_in_force(called_on) is None:
        raise ValidationError(_("There is no consent in force: no network meeting can be called."))
    meeting = NetworkMeeting.objects.create(
        case=case,
        kind=NetworkMeeting.Kind.FOLLOW_UP,
        called_on=called_on,
        called_by=actor,
        planned_for=meeting_on,
    )
    record(actor, events.FOLLOW_UP_CALLED, meeting)
    _advance(actor, case, State.FOLLOW_UP_CALLED, events.CASE_FOLLOW_UP_CALLED)
    return meeting


@transaction.atomic
def do_record_follow_up(
    actor,
    case: Case,
    *,
    held_on: datetime.date,
    attended: str,
    picture: str,
    outcome: str,
    reason: str = "",
) -> NetworkMeeting:
    """The follow-up meeting held: the plan continues, is revised (a new version follows), or the
    case is closed with a reason."""
    _require(case, State.FOLLOW_UP_CALLED)
    meeting = case.meetings.filter(kind=NetworkMeeting.Kind.FOLLOW_UP, held_on=None).last()
    _not_before(held_on, meeting.called_on, "held_on", _("the day it was called"))
    if outcome not in NetworkMeeting.Outcome.values:
        raise ValidationError({"outcome": _("Say what the meeting decided about the plan.")})
    if outcome == NetworkMeeting.Outcome.CLOSE and not reason.strip():
        raise ValidationError({"reason": _("Say why the case is closed.")})
    meeting.held_on = held_on
    meeting.attended = attended.strip()
    meeting.picture = picture.strip()
    meeting.outcome = outcome
    meeting.save(update_fields=["held_on", "attended", "picture", "outcome"])
    record(actor, events.FOLLOW_UP_HELD, meeting, changes={"outcome": [None, outcome]})
    if outcome == NetworkMeeting.Outcome.CLOSE:
        do_close_case(actor, case, on=held_on, reason=reason, closed_as=Case.ClosedAs.FOLLOW_UP)
    elif outcome == NetworkMeeting.Outcome.REVISE:
        # The revision, approved and established, is the next step; the follow-up meetings go
        # on from the revised plan (004 "Samordnare").
        _advance(actor, case, State.REVISING, events.CASE_TO_REVISE)
    else:
        _advance(actor, case, State.FOLLOWED_UP, events.CASE_FOLLOWED_UP)
    return meeting


@transaction.atomic
def do_close_case(
    actor,
    case: Case,
    *,
    on: datetime.date,
    reason: str,
    closed_as: str = Case.ClosedAs.CLOSED,
) -> Case:
    """Closed with a reason, at any step; the record stays as the law requires."""
    _require(case, *OPEN_STATES)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is closed.")})
    _not_before(on, timezone.localdate(case.opened_at), "closed_on", _("the case was opened"))
    return _advance(
        actor,
        case,
        State.CLOSED,
        events.CASE_CLOSED,
        closed_on=on,
        closed_by=actor,
        closed_reason=reason.strip(),
        closed_as=closed_as,
    )


@transaction.atomic
def do_decide_not_to_call(actor, case: Case, *, decided_on: datetime.date, reason: str) -> Case:
    """The unit manager, or the one they appoint, decides that no network meeting is called.

    The guideline calls a network meeting only "Om behov finns av samverkan med andra aktörer"
    (004 "Samordnad planering – nätverksmöte"), and the working model's steps all lead to it (004
    "Arbetsmodell för samverkan"): without it the case has nothing left to do, so it is closed
    with the decision's reason; a new concern opens a new case.
    """
    if not may_decide_to_call(actor, case):
        raise PermissionDenied(
            _(
                "The unit manager, or the one they appoint, decides whether to call a "
                "network meeting."
            )
        )
    _require(case, State.CONSENTED)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why no network meeting is called.")})
    _not_before(decided_on, case.consent_on, "decided_on", _("the consent"))
    return _advance(
        actor,
        case,
        State.CLOSED,
        events.CASE_NOT_CALLED,
        closed_on=decided_on,
        closed_by=actor,
        closed_reason=reason.strip(),
        closed_as=Case.ClosedAs.NOT_CALLED,
    )
