"""What one version of a SIP holds, read once for its two exports: the PDF laid out as Norrbus'
form (plans.sip_pdf) and the FHIR bundle (plans.fhir). The four points the law asks of the plan
(004 "Samordnad individuell plan (SIP)": which interventions are needed, which each principal
answers for, measures by others, who has the overall responsibility) with who takes part, who
coordinates, who approved it and on what consent it rests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements import schema
from agreements.models import Party
from structure.models import Organisation

from . import identity
from .access import ShownIdentity
from .models import Case, Consent, Guardian, Intervention, NetworkMeeting, NoFurtherAction, Plan


@dataclass(frozen=True)
class Sip:
    case: Case
    plan: Plan
    shown: ShownIdentity
    # Twelve digits, YYYYMMDDNNNC: the number the case is about.
    identity_number: str
    # The county's principals by the id its agreement gives them, with their names.
    principals: dict[str, str]
    # The opening organisation first, then those the manager decided should take part.
    participants: list[Organisation]
    interventions: list[Intervention]
    statements: list[NoFurtherAction]
    consents: list[Consent]
    today: datetime.date

    @cached_property
    def latest(self) -> int:
        """The newest version's number: a reader of an older one is told it is not the newest."""
        return self.case.plans.order_by("-number").values_list("number", flat=True).first()

    @cached_property
    def meeting(self) -> NetworkMeeting | None:
        """The network meeting at which this version was drawn up: the last one held by the day
        the version was established (or by today, for a draft)."""
        return (
            self.case.meetings.filter(
                held_on__isnull=False, held_on__lte=self.plan.established_on or self.today
            )
            .order_by("-held_on", "-pk")
            .first()
        )

    @property
    def draft(self) -> bool:
        return self.plan.established_on is None

    @property
    def coordination_number(self) -> bool:
        return self.case.individual.coordination_number

    def principal_name(self, key: str) -> str:
        return self.principals.get(key, key)

    @property
    def guardians_label(self) -> str:
        """What the individual's representatives are called on the form: guardians of a child,
        god man or förvaltare of an adult (`Guardian.kind`); where their kinds are not shown,
        as the latest consent was given (`Consent.given_as`)."""
        kinds = (
            set()
            if self.shown.withheld
            else set(self.case.individual.guardians.values_list("kind", flat=True))
        )
        if len(kinds) == 1 and kinds <= set(Guardian.REPRESENTATIVES):
            return capfirst(Guardian.Kind(next(iter(kinds))).label)
        if kinds and kinds <= set(Guardian.REPRESENTATIVES):
            return _("Legal representative")
        if kinds or not self.consents:
            return _("Guardians")
        given_as = self.consents[-1].given_as
        return (
            _("Guardians")
            if given_as in ("", Consent.GivenAs.GUARDIANS)
            else _("Legal representative")
        )

    @property
    def approved_as(self) -> str:
        """The words of `approved_as_code`: the individual, the guardians, the legal
        representative."""
        code = self.approved_as_code
        return str(Consent.GivenAs(code).label) if code else ""

    @property
    def approved_as_code(self) -> str:
        """Who approved the version, as the consent in force on the day of approval was given
        (the county's rules name the same giver for consent and approval); "" when no consent
        says."""
        day = self.plan.approved_on
        if day is None:
            return ""
        held = [c for c in self.consents if c.holds_on(day) and c.given_as]
        return held[-1].given_as if held else ""

    @property
    def overall(self) -> str:
        return self.principal_name(self.plan.overall_responsibility)

    def actors(self) -> list[tuple[Organisation, str, list[str]]]:
        """Every organisation taking part, with its principal's name and its parts in the plan
        as codes: "opening", "participant", "coordinator", "plan_owner"."""
        parts: dict[int, tuple[Organisation, list[str]]] = {}

        def add(organisation: Organisation | None, part: str) -> None:
            if organisation is not None:
                parts.setdefault(organisation.pk, (organisation, []))[1].append(part)

        opening = self.case.opening_organisation_id
        for organisation in self.participants:
            add(organisation, "opening" if organisation.pk == opening else "participant")
        add(self.plan.coordinator_organisation, "coordinator")
        add(self.plan.plan_owner_organisation, "plan_owner")
        return [(o, self.principal_name(o.principal), found) for o, found in parts.values()]


def principals_of(case: Case) -> dict[str, str]:
    """The principals of the case's county: the parties of its agreement in force, in one
    query (the parsed agreement is not needed for their names)."""
    return dict(
        Party.objects.filter(
            agreement__county_id=case.individual.county_id,
            agreement__in_force=True,
            agreement__kind=schema.DocumentKind.AGREEMENT.value,
        ).values_list("key", "name")
    )


def read_sip(case: Case, plan: Plan, shown: ShownIdentity, today: datetime.date) -> Sip:
    """The version as its exports show it, in a fixed number of queries (two more, for the
    newest version's number and the meeting, when the PDF asks for them). `shown` is what the
    reader may see of the individual's name and guardians (plans.access.shown_identity)."""
    participants = [case.opening_organisation] + [
        o for o in case.participants.order_by("name") if o.pk != case.opening_organisation_id
    ]
    return Sip(
        case=case,
        plan=plan,
        shown=shown,
        identity_number=identity.decrypt(case.individual.identity_encrypted),
        principals=principals_of(case),
        participants=participants,
        interventions=list(plan.interventions.select_related("organisation").order_by("pk")),
        statements=list(plan.no_further_action.select_related("organisation").order_by("pk")),
        consents=list(case.consents.order_by("given_on", "pk").prefetch_related("organisations")),
        today=today,
    )
