"""Every change to a deviation report, as a named action: one transaction, one audit event, an
optimistic lock (a stale `version` raises ConflictError).

The routine is the county's (`deviations.routine`): the levels that handle a report, their
times in working days (lag 1930:173), and when recurring deviations between two parties become
a matter of the structure (matters.actions).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.roles import can_manage_structure
from agreements import schema
from audit.services import changes_between, record
from inputs import rules
from matters import actions as matter_actions
from matters import flow
from matters.access import organisation_of
from outbox.services import queue_mail
from plans.models import Case
from structure.actions import ConflictError, agreement_in_force
from structure.models import Organisation
from workdays.calendar import add_working_days

from . import access, events, mails, routine
from .models import Deviation, HandOver

State = Deviation.State


class Warned(ValidationError):
    """The report may be sent, but only once the reporter has seen these warnings."""


@dataclass(frozen=True)
class Report:
    clause: str  # routine.Clause.key: "document:section"
    party: Organisation
    happened_on: datetime.date
    what: str


def pair_of(a: str, b: str) -> str:
    return "|".join(sorted((a, b)))


def _number(deviation: Deviation) -> str:
    return str(deviation.pk)


def _url(deviation: Deviation) -> str:
    return reverse("deviations:deviation", kwargs={"pk": deviation.pk})


def _handler_addresses(deviation: Deviation) -> list[str]:
    members = Membership.objects.exclude(user__email="")
    if deviation.handled_by == Deviation.HandledBy.UNIT:
        members = members.filter(
            organisation=deviation.handler_organisation_id, role=Membership.Role.UNIT_MANAGER
        )
    else:
        members = members.filter(
            organisation__county_id=deviation.county_id,
            organisation__principal=deviation.handler_principal,
            role=Membership.Role.COORDINATOR,
        )
    return list(members.values_list("user__email", flat=True))


def _level_fields(level: schema.DeviationLevel, index: int, party: Organisation, on) -> dict:
    """Who handles the report at the level, and by when, counted from its arrival there."""
    acknowledge_by = add_working_days(on, level.acknowledge_working_days)
    return {
        "level": index,
        "level_id": level.id,
        "handled_by": level.handled_by.value,
        "handler_organisation": party if level.handled_by == schema.DeviationHandler.UNIT else None,
        "handler_principal": party.principal,
        "level_since": on,
        "acknowledge_by": acknowledge_by,
        "close_by": add_working_days(on, level.close_working_days),
        "due_on": acknowledge_by,
    }


def _tell_handlers(deviation: Deviation, level: schema.DeviationLevel) -> None:
    queue_mail(
        mails.DEVIATION_RECEIVED,
        _handler_addresses(deviation),
        {
            "number": _number(deviation),
            "section": deviation.section,
            "level": level.name,
            "acknowledge_by": deviation.acknowledge_by.isoformat(),
            "close_by": deviation.close_by.isoformat(),
            "url": _url(deviation),
        },
        regarding=deviation,
    )


def works_with(organisation: Organisation, party: Organisation, case: Case | None) -> bool:
    """Whether the reporting organisation works with the party: on the case where one is
    linked, else on any case both take part in (opened or named as taking part)."""
    if organisation.pk == party.pk:
        return True
    if case is not None:
        return (
            case.opening_organisation_id == party.pk
            or case.participants.filter(pk=party.pk).exists()
        )
    theirs = Case.objects.filter(Q(opening_organisation=party) | Q(participants=party))
    return (
        theirs.filter(Q(opening_organisation=organisation) | Q(participants=organisation))
        .order_by()
        .exists()
    )


def warnings_for(
    actor, deviation_rules: schema.DeviationRules, report: Report, case: Case | None
) -> dict[str, list[str]]:
    """What the reporter is warned of before the report is sent: a text that seems to name the
    individual when the routine does not ask for it, a party the reporter does not work with."""
    found: dict[str, list[str]] = {}
    names = [case.individual.name] if case is not None else []
    if not deviation_rules.names_individual and routine.seems_to_name_individual(
        report.what, names
    ):
        found["what"] = [
            _(
                "The text seems to name the individual (an identity number or a name). The "
                "routine does not need it: describe what happened without it."
            )
        ]
    organisation = organisation_of(actor)
    if organisation is not None and not works_with(organisation, report.party, case):
        found["party"] = [
            _(
                "Your organisation takes part in no case with %(party)s. Check that it is the "
                "party that deviated."
            )
            % {"party": report.party.name}
        ]
    return found


@transaction.atomic
def do_report_deviation(
    actor,
    *,
    report: Report,
    case: Case | None = None,
    confirm_warnings: bool = False,
    on: datetime.date | None = None,
) -> Deviation:
    """Anyone working in a case or in the structure reports that a party deviated from a
    routine; the first level of the county's routine receives it and is told by mail."""
    organisation = organisation_of(actor)
    if organisation is None:
        raise PermissionDenied(_("Only someone of the county's organisations reports a deviation."))
    on = on or timezone.localdate()
    county_id = organisation.county_id
    try:
        deviation_rules, _row = routine.rules_for(county_id)
    except LookupError:
        raise ValidationError(
            _("No governing document in force in the county states a routine for deviations.")
        ) from None
    errors: dict[str, list[str]] = {}
    clause = {c.key: c for c in routine.clauses(county_id)}.get(report.clause)
    if clause is None:
        errors["clause"] = [_("Choose the routine and the clause from the county's documents.")]
    if report.party.county_id != county_id:
        errors["party"] = [_("Choose an organisation of the county.")]
    what = report.what.strip()
    if not what:
        errors["what"] = [_("Describe what happened.")]
    problem = rules.text_problem(what, limit=rules.TEXT, multiline=True)
    if problem:
        errors.setdefault("what", []).append(problem)
    if report.happened_on > on:
        errors["happened_on"] = [_("A deviation is reported once it has happened.")]
    elif rules.CASE_STEP.problem(report.happened_on):
        errors["happened_on"] = [rules.CASE_STEP.problem(report.happened_on)]
    if case is not None and case.individual.county_id != county_id:
        errors["case"] = [_("The case is not one of the county's.")]
    if errors:
        raise ValidationError(errors)
    warned = warnings_for(actor, deviation_rules, report, case)
    if warned and not confirm_warnings:
        raise Warned(warned)
    level = deviation_rules.levels[0]
    deviation = Deviation.objects.create(
        county_id=county_id,
        document=clause.document,
        document_version=clause.version,
        section=clause.section,
        reported_by=actor,
        reporting_organisation=organisation,
        party=report.party,
        pair=pair_of(organisation.principal, report.party.principal),
        happened_on=report.happened_on,
        what=what,
        case=case,
        reported_on=on,
        warned=sorted(warned),
        **_level_fields(level, 0, report.party, on),
    )
    record(
        actor,
        events.DEVIATION_REPORTED,
        deviation,
        {"number": _number(deviation)},
        changes=changes_between(
            {},
            {
                "document": clause.document,
                "section": clause.section,
                "party": report.party.pk,
                "case": case.pk if case else None,
                "level": level.id,
                "warned": sorted(warned),
            },
        ),
    )
    _tell_handlers(deviation, level)
    return deviation


def _save(deviation: Deviation, expected_version: int | None, **fields) -> Deviation:
    version = deviation.version if expected_version is None else expected_version
    updated = Deviation.objects.filter(pk=deviation.pk, version=version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise ConflictError(
            _(
                "Someone else changed this deviation report after you opened it. Your change is "
                "not saved."
            )
        )
    deviation.refresh_from_db()
    return deviation


def _require_handler(actor, deviation: Deviation) -> None:
    if not access.may_handle(actor, deviation):
        raise PermissionDenied(
            _("Only the handlers the routine names at this level handle the deviation.")
        )


def _check_day(on: datetime.date, deviation: Deviation, field: str = "on") -> None:
    if on < deviation.level_since:
        raise ValidationError(
            {
                field: _("The date cannot be before the deviation reached this level (%(day)s).")
                % {"day": deviation.level_since.isoformat()}
            }
        )
    problem = rules.CASE_STEP.problem(on)
    if problem:
        raise ValidationError({field: problem})


def _text(value: str, field: str, missing: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: missing})
    problem = rules.text_problem(value, limit=rules.TEXT, multiline=True)
    if problem:
        raise ValidationError({field: problem})
    return value


@transaction.atomic
def do_acknowledge_deviation(
    actor,
    deviation: Deviation,
    *,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Deviation:
    """The handler acknowledges the report; the due date becomes the closing date."""
    _require_handler(actor, deviation)
    if deviation.state != State.REPORTED:
        raise ValidationError(_("The deviation is already acknowledged."))
    on = on or timezone.localdate()
    _check_day(on, deviation)
    deviation = _save(
        deviation,
        expected_version,
        state=State.ACKNOWLEDGED,
        acknowledged_on=on,
        acknowledged_by=actor,
        due_on=deviation.close_by,
    )
    record(actor, events.DEVIATION_ACKNOWLEDGED, deviation, {"number": _number(deviation)})
    return deviation


@transaction.atomic
def do_record_investigation(
    actor,
    deviation: Deviation,
    *,
    investigation: str,
    measures: str = "",
    expected_version: int | None = None,
) -> Deviation:
    """What the investigation found and the measures taken, written over as it proceeds."""
    _require_handler(actor, deviation)
    if deviation.state != State.ACKNOWLEDGED:
        raise ValidationError(_("Acknowledge the deviation before you record the investigation."))
    investigation = _text(investigation, "investigation", _("Write what the investigation found."))
    measures = measures.strip()
    problem = rules.text_problem(measures, limit=rules.TEXT, multiline=True)
    if problem:
        raise ValidationError({"measures": problem})
    # The audit keeps that the texts changed, not the texts: they may describe people.
    changed = {
        name: [bool(old), bool(new)]
        for name, old, new in (
            ("investigation", deviation.investigation, investigation),
            ("measures", deviation.measures, measures),
        )
        if old != new
    }
    deviation = _save(deviation, expected_version, investigation=investigation, measures=measures)
    record(
        actor,
        events.DEVIATION_INVESTIGATED,
        deviation,
        {"number": _number(deviation)},
        changes=changed,
    )
    return deviation


@transaction.atomic
def do_pass_deviation_on(
    actor,
    deviation: Deviation,
    *,
    reason: str,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Deviation:
    """A level that cannot resolve the deviation passes it to the routine's next level, which
    receives it with its own times."""
    _require_handler(actor, deviation)
    deviation_rules, _row = routine.rules_for(deviation.county_id)
    following = deviation.level + 1
    if following >= len(deviation_rules.levels):
        raise ValidationError(_("This is the routine's last level: the deviation is closed here."))
    reason = _text(reason, "reason", _("Write why the deviation is passed on."))
    on = on or timezone.localdate()
    _check_day(on, deviation)
    level = deviation_rules.levels[following]
    before = deviation.level_id
    deviation = _save(
        deviation,
        expected_version,
        state=State.REPORTED,
        acknowledged_on=None,
        acknowledged_by=None,
        passed_on_reason=reason,
        **_level_fields(level, following, deviation.party, on),
    )
    record(
        actor,
        events.DEVIATION_PASSED_ON,
        deviation,
        {"number": _number(deviation), "level": level.name},
        changes={"level": [before, level.id]},
    )
    _tell_handlers(deviation, level)
    return deviation


@transaction.atomic
def do_close_deviation(
    actor,
    deviation: Deviation,
    *,
    outcome: str,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Deviation:
    """The handler closes the deviation with its outcome; the reporter is told by mail (a
    number, dates and a link: the outcome itself stays on the page)."""
    _require_handler(actor, deviation)
    if deviation.state != State.ACKNOWLEDGED:
        raise ValidationError(_("Acknowledge the deviation before you close it."))
    if not deviation.investigation:
        raise ValidationError(_("Record the investigation before you close the deviation."))
    outcome = _text(outcome, "outcome", _("Write the outcome the reporter is told."))
    on = on or timezone.localdate()
    _check_day(on, deviation)
    deviation = _save(
        deviation,
        expected_version,
        state=State.CLOSED,
        outcome=outcome,
        closed_on=on,
        closed_by=actor,
        due_on=None,
    )
    record(
        actor,
        events.DEVIATION_CLOSED,
        deviation,
        {"number": _number(deviation)},
        changes={"state": [State.ACKNOWLEDGED, State.CLOSED]},
    )
    queue_mail(
        mails.DEVIATION_CLOSED,
        [deviation.reported_by.email],
        {
            "number": _number(deviation),
            "reported_on": deviation.reported_on.isoformat(),
            "closed_on": on.isoformat(),
            "url": _url(deviation),
        },
        regarding=deviation,
    )
    return deviation


# Recurring deviations


@dataclass(frozen=True)
class Recurring:
    """Deviations between two parties that have reached the county's threshold."""

    pair: str
    principals: tuple[str, str]
    names: tuple[str, str]
    count: int
    place: flow.Place | None


def _since(on: datetime.date, rule: schema.DeviationRecurrence) -> datetime.date:
    """The day `rule.months` months before `on` (the month's last day where it is shorter)."""
    year, month = divmod(on.year * 12 + on.month - 1 - rule.months, 12)
    return datetime.date(year, month + 1, min(on.day, calendar.monthrange(year, month + 1)[1]))


def recurring_in(county_id: int, on: datetime.date | None = None) -> list[Recurring]:
    """The pairs of parties whose deviations not yet handed over reach the threshold within the
    routine's months, and the body each goes to: one query and the agreement."""
    try:
        deviation_rules, _row = routine.rules_for(county_id)
    except LookupError:
        return []
    rule = deviation_rules.recurrence
    if rule is None:
        return []
    on = on or timezone.localdate()
    counted = (
        Deviation.objects.filter(
            county_id=county_id, hand_over__isnull=True, reported_on__gt=_since(on, rule)
        )
        .values("pair")
        .annotate(n=Count("pk"))
        .filter(n__gte=rule.count)
        .order_by("-n", "pair")
    )
    agreement = agreement_in_force(county_id)
    found = []
    for row in counted:
        a, _bar, b = row["pair"].partition("|")
        names = tuple(_party_name(agreement, p) for p in (a, b))
        place = body_for(agreement, rule, a, b)
        found.append(Recurring(row["pair"], (a, b), names, row["n"], place))
    return found


def _party_name(agreement: schema.Agreement, principal: str) -> str:
    party = agreement.party(principal)
    return party.name if party else principal


def body_for(
    agreement: schema.Agreement, rule: schema.DeviationRecurrence, a: str, b: str
) -> flow.Place | None:
    """The area's body where the two parties' municipalities lie in one area (the region lies
    in every area), else the county's body."""
    municipalities = {
        p
        for p in (a, b)
        if (party := agreement.party(p)) and party.kind == schema.PartyKind.MUNICIPALITY
    }
    areas = {getattr(agreement.area_of(m), "id", None) for m in municipalities}
    if len(areas) == 1 and None not in areas:
        return flow.step_place(agreement, rule.area_body, "", sorted(municipalities)[0])
    return flow.step_place(agreement, rule.county_body, "", "")


@transaction.atomic
def do_hand_over_recurring(
    actor,
    *,
    county_id: int,
    pair: str,
    title: str,
    question: str,
    on: datetime.date | None = None,
) -> HandOver:
    """A coordinator hands recurring deviations between two parties over to the area's or the
    county's body as a matter; the matter names the parties and the count, never a case."""
    if not can_manage_structure(actor):
        raise PermissionDenied(_("Only the structure's coordinators hand deviations over."))
    organisation = organisation_of(actor)
    if organisation is None or organisation.county_id != county_id:
        raise PermissionDenied(_("Only the structure's coordinators hand deviations over."))
    on = on or timezone.localdate()
    recurring = {r.pair: r for r in recurring_in(county_id, on)}.get(pair)
    if recurring is None:
        raise ValidationError(
            _("These parties' deviations do not reach the routine's threshold, or are handed over.")
        )
    if recurring.place is None:
        raise ValidationError(_("The agreement in force has no body to hand them over to."))
    matter = matter_actions.do_raise_matter(
        actor,
        organisation=organisation,
        raised=matter_actions.Raised(
            title=title,
            question=question,
            body=recurring.place.body,
            instance=recurring.place.instance,
        ),
        on=on,
    )
    rule = routine.rules_for(county_id)[0].recurrence
    hand_over = HandOver.objects.create(
        county_id=county_id, pair=pair, matter=matter, handed_over_on=on, handed_over_by=actor
    )
    count = Deviation.objects.filter(
        county_id=county_id, pair=pair, hand_over__isnull=True, reported_on__gt=_since(on, rule)
    ).update(hand_over=hand_over)
    record(
        actor,
        events.DEVIATIONS_HANDED_OVER,
        hand_over,
        {"count": count},
        changes={"matter": [None, matter.pk], "pair": [None, pair]},
    )
    return hand_over
