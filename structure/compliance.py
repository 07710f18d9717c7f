"""The compliance engine: where the live structure departs from the agreement in force.

`evaluate(county, on=date)` reads the agreement in force and the appointments and office terms of
that day, runs every registered rule and returns its findings. A rule is a function of a
`Context` that yields `Finding`s, registered here with `@rule(id, name)`; the rules themselves
live in `structure.rules`, one module per family (composition, substitutes, offices, rotation,
terms). Each finding names the clause it comes from (document and section) and says in a
sentence a chair understands what is wrong, what is advised, or what holds.

Severities: an error breaks what the agreement requires ("ska"); a warning is something about to
break; advice departs from what the agreement only recommends ("bör", "förslagsvis"); ok holds.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from agreements import citation, schema
from agreements.models import Agreement

from .models import Appointment, OfficeTerm, Organisation

ERROR, WARNING, ADVICE, OK = "error", "warning", "advice", "ok"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, ADVICE: 2, OK: 3}

# The sentences already translated in the evaluation under way; None outside one.
_texts: ContextVar[dict[str, str] | None] = ContextVar("compliance_texts", default=None)


def gettext(message: str) -> str:
    """Django's gettext, kept for the evaluation under way: a county's thousands of findings
    say a few dozen sentences, and each call of Django's reads the active language anew (a
    quarter of a county's check). The rules import it as `_`, so their sentences are found
    for the catalogue as before."""
    texts = _texts.get()
    if texts is None:
        return _(message)
    found = texts.get(message)
    if found is None:
        found = texts[message] = _(message)
    return found


@dataclass(frozen=True)
class Finding:
    severity: str
    rule: str
    seed: str
    section: str
    message: str
    body: str = ""
    instance: str = ""
    seat: str = ""
    # The cited document's title and version, as a reader knows it.
    document: str = ""
    # Where the clause is the encoding's reading of the words, that reading: a finding that
    # rests on an interpretation says so.
    interpretation: str = ""

    @property
    def citation(self) -> str:
        return _("%(document)s, section “%(section)s”") % {
            "document": self.document,
            "section": self.section,
        }


@dataclass
class Context:
    """What a rule reads: the agreement in force and the live state on one day."""

    agreement_row: Agreement
    on: datetime.date
    appointments: list[Appointment]
    organisations: dict[int, Organisation]
    office_terms: list[OfficeTerm] = field(default_factory=list)
    # Start days of appointments that begin after the day, per (body, instance, seat).
    successors: dict[tuple[str, str, str], list[datetime.date]] = field(default_factory=dict)
    # What rules registered by the apps above (meetings, matters) read once per evaluation and
    # share between their rules, under a key of their own: one query per kind of row.
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def agreement(self) -> schema.Agreement:
        return self.agreement_row.document

    @cached_property
    def by_seat(self) -> dict[tuple[str, str, str, str], list[Appointment]]:
        """Appointments by (body, instance, seat, role)."""
        grouped = defaultdict(list)
        for appointment in self.appointments:
            key = (appointment.body, appointment.instance, appointment.seat, appointment.role)
            grouped[key].append(appointment)
        return grouped

    def members(self, body: str, instance: str, seat: str) -> list[Appointment]:
        return self.by_seat.get((body, instance, seat, Appointment.Role.MEMBER), [])

    def substitutes(self, body: str, instance: str, seat: str) -> list[Appointment]:
        return self.by_seat.get((body, instance, seat, Appointment.Role.SUBSTITUTE), [])

    @cached_property
    def terms_by_office(self) -> dict[tuple[str, str, str], list[OfficeTerm]]:
        """Office terms by (body, instance, role), in the order of their start: a county's
        rules ask once per office of every body instance, so a walk over every term each time
        grew with the square of the county's size."""
        grouped = defaultdict(list)
        for term in self.office_terms:
            grouped[(term.body, term.instance, term.role)].append(term)
        return grouped

    def terms(self, body: str, instance: str, role: str) -> list[OfficeTerm]:
        return self.terms_by_office.get((body, instance, role), [])

    def principal(self, appointment: Appointment) -> str:
        return self.organisations[appointment.organisation_id].principal

    @cached_property
    def _areas(self) -> dict[str, schema.Area]:
        """Each municipality's area, found once rather than by a walk over the areas per
        holder."""
        return {
            municipality: area
            for area in reversed(self.agreement.areas)
            for municipality in area.municipalities
        }

    def area_of(self, appointment: Appointment) -> schema.Area | None:
        return self._areas.get(self.principal(appointment))

    @cached_property
    def _instances(self) -> dict[str, list[tuple[str, str]]]:
        return {body.id: self.agreement.instances_of(body) for body in self.agreement.bodies}

    def instances(self, body: schema.Body) -> list[tuple[str, str]]:
        """The body's instances as (id, name), listed once per evaluation."""
        found = self._instances.get(body.id)
        return found if found is not None else self.agreement.instances_of(body)

    @cached_property
    def _documents(self) -> dict[tuple[str | None, str | None], str]:
        """The cited documents' titles by (document, seed): a county's thousands of findings
        cite a handful of documents."""
        return {}

    def finding(self, severity, rule_id, element, message, **where) -> Finding:
        source = element.source
        key = (source.document, source.seed)
        if key not in self._documents:
            self._documents[key] = citation.source_document(source, self.agreement)
        return Finding(
            severity=severity,
            rule=rule_id,
            seed=source.seed or self.agreement.document.seed,
            section=source.section,
            message=message,
            document=self._documents[key],
            interpretation=source.interpretation or "",
            **where,
        )


Rule = Callable[[Context], Iterable[Finding]]
RULES: dict[str, Rule] = {}
# The rules' names for the filters of the pages and the API, in the order they are registered.
RULE_NAMES: dict[str, Promise] = {}


def rule(rule_id: str, name: Promise) -> Callable[[Rule], Rule]:
    """Register a rule under its id, with the name a reader filters by."""

    def register(function: Rule) -> Rule:
        RULES[rule_id] = function
        RULE_NAMES[rule_id] = name
        return function

    return register


@dataclass
class Report:
    county: str
    on: datetime.date
    findings: list[Finding] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != OK]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def filtered(self, *, body: str = "", rule: str = "", severity: str = "") -> list[Finding]:
        return [
            f
            for f in self.findings
            if (not body or f.body == body)
            and (not rule or f.rule == rule)
            and (not severity or f.severity == severity)
        ]


def evaluate(county: str, on: datetime.date | None = None) -> Report:
    """Every rule's findings for the county's structure agreement in force on the day."""
    on = on or timezone.localdate()
    agreement_row = Agreement.objects.structure_in_force(county__slug=county)
    if agreement_row is None:
        raise LookupError(
            _("No agreement in force for the county '%(county)s'.") % {"county": county}
        )
    return _run(agreement_row, county, on)


def evaluate_document(
    county: str, document: schema.Agreement, on: datetime.date | None = None
) -> Report:
    """Every rule's findings as if `document` were the county's structure agreement in force:
    what a proposed revision would find in today's live structure, before anyone decides."""
    on = on or timezone.localdate()
    in_force = Agreement.objects.structure_in_force(county__slug=county)
    if in_force is None:
        raise LookupError(
            _("No agreement in force for the county '%(county)s'.") % {"county": county}
        )
    proposed = Agreement(
        county=in_force.county,
        document_id=document.document.id,
        kind=document.document.kind.value,
        title=document.document.title,
        version=document.document.version,
        seed=document.document.seed,
        content=document.model_dump(mode="json", by_alias=True, exclude_none=True),
    )
    # The validated document as given, not read back from its JSON.
    proposed.__dict__["document"] = document
    return _run(proposed, county, on)


def _run(agreement_row: Agreement, county: str, on: datetime.date) -> Report:
    appointments = list(
        Appointment.objects.filter(county=agreement_row.county).on(on).select_related("person")
    )
    organisations = {o.id: o for o in Organisation.objects.filter(county=agreement_row.county)}
    successors: dict[tuple[str, str, str], list[datetime.date]] = defaultdict(list)
    for body, instance, seat, starts in Appointment.objects.filter(
        county=agreement_row.county, starts__gt=on, role=Appointment.Role.MEMBER
    ).values_list("body", "instance", "seat", "starts"):
        successors[(body, instance, seat)].append(starts)
    # Every office term, not only the day's: the rotation is judged from the history.
    office_terms = list(OfficeTerm.objects.filter(county=agreement_row.county).order_by("starts"))
    context = Context(agreement_row, on, appointments, organisations, office_terms, successors)
    report = Report(county=county, on=on)
    token = _texts.set({})
    try:
        for function in RULES.values():
            report.findings.extend(function(context))
    finally:
        _texts.reset(token)
    report.findings.sort(
        key=lambda f: (SEVERITY_ORDER[f.severity], f.body, f.instance, f.seat, f.rule)
    )
    return report


# The rule modules register themselves with `@rule` when imported; importing them here, after
# the registry exists, means every caller of `evaluate` runs every rule.
from . import rules  # noqa: E402, F401
