"""The schema of a county agreement file: pydantic models for everything the seeds state.

An agreement file (YAML) describes one version of one governing document: an agreement on the
structure of a county's collaboration, or a guideline such as Norrbus. Every element carries
`source`: the section heading of the seed it comes from (and the seed file, which defaults to the
document's own). Where a seed is silent, the field stays empty and the file says so in a comment;
the schema never fills in what a document does not say.

Cross-references (a seat naming a party, an area naming a municipality, a relation naming a body)
are checked by `agreements.validation`, which reports errors with file, line and path.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=80,
        description="lower-case ASCII letters, digits and hyphens",
    ),
]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key in a county's file must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where in which seed (or public document) an element is stated, in the document's words.

    `interpretation` says what the encoding reads into the words where it goes beyond them (a
    deadline's starting event the text leaves open, an evident misprint); the words themselves
    stay in `quote`, so that a reader can judge, and a county can choose otherwise.
    """

    section: str = Field(min_length=1)
    seed: str | None = None
    document: str | None = Field(
        default=None, description="a public document outside the seeds, by its title"
    )
    quote: str | None = None
    interpretation: str | None = None

    @model_validator(mode="before")
    @classmethod
    def from_heading(cls, value: Any) -> Any:
        # Most elements cite a section of the document's own seed: a bare heading is enough.
        if isinstance(value, str):
            return {"section": value}
        return value

    @model_validator(mode="after")
    def honest(self) -> Source:
        if self.interpretation and not self.quote:
            raise ValueError(_("an interpretation needs the document's own words in quote"))
        if self.seed and self.document:
            raise ValueError(_("give seed or document, not both"))
        return self


class Sourced(Strict):
    source: Source


class DocumentKind(StrEnum):
    AGREEMENT = "agreement"
    GUIDELINE = "guideline"


class PartyKind(StrEnum):
    REGION = "region"
    MUNICIPALITY = "municipality"
    ASSOCIATION = "association"


class Sector(StrEnum):
    HEALTH_CARE = "health_care"
    SOCIAL_SERVICES = "social_services"
    SCHOOL = "school"
    ELDERLY_CARE = "elderly_care"
    PUBLIC_HEALTH = "public_health"
    ADMINISTRATION = "administration"
    POLITICAL = "political"


class BodyKind(StrEnum):
    POLITICAL_BOARD = "political_board"
    COUNTY_STEERING_GROUP = "county_steering_group"
    WORKING_COMMITTEE = "working_committee"
    PRESIDIUM = "presidium"
    PREPARATORY_COMMITTEE = "preparatory_committee"
    COUNTY_COORDINATION_GROUP = "county_coordination_group"
    COUNCIL = "council"
    AREA_GROUP = "area_group"
    MUNICIPAL_GROUP = "municipal_group"
    LEADERSHIP_SEMINAR = "leadership_seminar"
    REGION_LEADERSHIP_MEETING = "region_leadership_meeting"
    BILATERAL_CONSULTATION = "bilateral_consultation"
    SUPPORT_FUNCTION = "support_function"


class Instances(StrEnum):
    """How many instances of a body the agreement sets up."""

    SINGLE = "single"
    PER_AREA = "per_area"
    PER_MUNICIPALITY = "per_municipality"
    NAMED = "named"


class OfficeRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECOND_VICE_CHAIR = "second_vice_chair"
    DEPUTY_CHAIR = "deputy_chair"
    SECRETARY = "secretary"
    CONVENER = "convener"
    RAPPORTEUR = "rapporteur"
    MINUTES = "minutes"


class RelationKind(StrEnum):
    STEERS = "steers"
    PREPARES_FOR = "prepares_for"
    REPORTS_TO = "reports_to"
    ESCALATES_TO = "escalates_to"
    CO_OPTS = "co_opts"
    WORKING_COMMITTEE_OF = "working_committee_of"
    MANDATES = "mandates"
    STAFFS = "staffs"
    APPOINTS = "appoints"


# Relations along which a matter travels or authority flows must never loop back.
ACYCLIC_RELATIONS = frozenset(
    {
        RelationKind.STEERS,
        RelationKind.PREPARES_FOR,
        RelationKind.REPORTS_TO,
        RelationKind.ESCALATES_TO,
        RelationKind.WORKING_COMMITTEE_OF,
        RelationKind.MANDATES,
    }
)


class Count(Strict):
    """A number of seats, meetings or people: exact, or a range (`min`/`max`).

    `advice`: the document suggests the number ("förslagsvis", "bör", "rekommenderas") rather
    than requires it; a departure from it is advice, never an error.
    """

    exact: int | None = Field(default=None, ge=0)
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    advice: Literal[True] | None = None

    @model_validator(mode="before")
    @classmethod
    def from_number(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"exact": value}
        return value

    @model_validator(mode="after")
    def consistent(self) -> Count:
        if self.exact is None and self.min is None and self.max is None:
            raise ValueError(_("give exact, min or max"))
        if self.exact is not None and (self.min is not None or self.max is not None):
            raise ValueError(_("exact cannot be combined with min or max"))
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                _("min (%(min)s) is greater than max (%(max)s)")
                % {"min": self.min, "max": self.max}
            )
        return self

    def admits(self, value: int) -> bool:
        if self.exact is not None:
            return value == self.exact
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    @property
    def lower(self) -> int:
        return self.exact if self.exact is not None else (self.min or 0)


class County(Strict):
    slug: Identifier
    name: str
    scb_code: str = Field(pattern=r"^\d{2}$", description="SCB county code (länskod)")
    municipality_count: int | None = Field(
        default=None, ge=1, description="the number of municipalities the document states"
    )
    source: Source | None = None
    codes_source: Source | None = Field(
        default=None,
        description="where the county's and the parties' SCB codes come from (the seeds do not "
        "state them)",
    )


class Document(Strict):
    id: Identifier = Field(description="the document series; versions share it")
    kind: DocumentKind
    title: str
    version: int = Field(ge=1)
    label: str | None = Field(default=None, description="how people refer to this version")
    seed: str = Field(min_length=1, description="the seed file the encoding follows")
    adopted: datetime.date | None = None
    revised: list[str] = Field(default_factory=list)
    signatories: list[str] = Field(default_factory=list)
    note: str | None = None


class Unit(Sourced):
    """A unit of a party as the document names it: a division, an administration, a service."""

    id: Identifier
    name: str
    sector: Sector


class Party(Sourced):
    id: Identifier
    kind: PartyKind
    name: str
    scb_code: str | None = Field(default=None, pattern=r"^\d{4}$")
    units: list[Unit] = Field(default_factory=list)


class Area(Sourced):
    id: Identifier
    name: str
    municipalities: list[Identifier] = Field(min_length=1)
    note: str | None = None


class Level(Sourced):
    id: Identifier
    name: str
    rank: int = Field(ge=0, description="0 is the top (political) level")


class Selector(Strict):
    """Which party, kind of party, sector or seat an office, seat or rotation step refers to."""

    party: Identifier | None = None
    party_kind: PartyKind | None = None
    sector: Sector | None = None
    seat: Identifier | None = None
    body: Identifier | None = None
    label: str | None = None

    @model_validator(mode="after")
    def names_something(self) -> Selector:
        if not any((self.party, self.party_kind, self.sector, self.seat, self.body, self.label)):
            raise ValueError(_("give party, party_kind, sector, seat, body or label"))
        return self


class SeatException(Strict):
    party: Identifier
    count: Count
    substitutes: Count | None = None


class Substitutes(Strict):
    """The rule for substitutes (ersättare) of a seat."""

    count: Count | None = Field(default=None, description="per ordinary member unless stated")
    required: bool = True
    same_area: bool = False
    from_roles: str | None = None
    when: str | None = None
    source: Source | None = None


class SeatConstraint(StrEnum):
    GEOGRAPHIC_SPREAD = "geographic_spread"
    ONE_PER_MUNICIPALITY = "one_per_municipality"
    DIFFERENT_MUNICIPALITIES = "different_municipalities"
    DECISION_MANDATE = "decision_mandate"


class Seat(Sourced):
    """A seat rule: how many members of which role, from which party or kind of party."""

    id: Identifier
    role: str
    party: Identifier | None = None
    party_kind: PartyKind | None = None
    sector: Sector | None = None
    count: Count
    per: Literal["body", "municipality", "party"] = Field(
        default="body",
        description="body: count is the total; municipality/party: count is per each",
    )
    exceptions: list[SeatException] = Field(default_factory=list)
    constraints: list[SeatConstraint] = Field(default_factory=list)
    advice: list[SeatConstraint] = Field(
        default_factory=list,
        description="constraints the document recommends rather than requires: departures are "
        "advice",
    )
    substitutes: Substitutes | None = None
    ex_officio: str | None = Field(default=None, description="held by virtue of another office")
    unit: Identifier | None = Field(default=None, description="the unit the holder comes from")
    note: str | None = None


class CoOpted(Sourced):
    role: str
    when: str | None = None
    from_body: Identifier | None = None


class Term(Strict):
    years: int | None = Field(default=None, ge=1)
    minimum: bool = False
    calendar_year: bool = False
    electoral_period: bool = False
    election: str | None = None
    elected_at_last_meeting: bool = Field(
        default=False, description="the next term's holder is elected at the year's last meeting"
    )
    extension: str | None = None


class Rotation(Strict):
    """How an office passes between parties over terms.

    - alternate: the cycle `between` repeats, one step per term (`starts_with` when stated);
    - fixed: always `holder`;
    - opposite: from the other side than office `of`;
    - follows: goes with office `of`;
    - elected: chosen by the body or named groups, no cycle.
    """

    kind: Literal["alternate", "fixed", "opposite", "follows", "elected"]
    between: list[Selector] = Field(default_factory=list)
    starts_with: int | None = Field(default=None, ge=0, description="index into between")
    either_may_start: bool = False
    holder: Selector | None = None
    of: OfficeRole | None = None
    chosen_by: str | None = None

    @model_validator(mode="after")
    def complete(self) -> Rotation:
        if self.kind == "alternate" and len(self.between) < 2:
            raise ValueError(_("alternate needs at least two steps in between"))
        if self.kind == "fixed" and self.holder is None:
            raise ValueError(_("fixed needs holder"))
        if self.kind in {"opposite", "follows"} and self.of is None:
            raise ValueError(_("%(kind)s needs of") % {"kind": self.kind})
        if self.starts_with is not None and self.starts_with >= max(len(self.between), 1):
            raise ValueError(_("starts_with points outside between"))
        return self


class Office(Sourced):
    role: OfficeRole
    count: int = Field(default=1, ge=1)
    description: str | None = None
    term: Term | None = None
    rotation: Rotation | None = None


class MeetingHours(Strict):
    start: datetime.time
    end: datetime.time

    @model_validator(mode="after")
    def ordered(self) -> MeetingHours:
        # A time with a zone cannot be compared with one without: say so rather than fail.
        if self.start.tzinfo or self.end.tzinfo:
            raise ValueError(_("give the time without a time zone (HH:MM)"))
        if self.end <= self.start:
            raise ValueError(_("the meeting ends before it starts"))
        return self


class ThemeDays(Sourced):
    per_year: Count
    with_body: Identifier


class Preparation(Sourced):
    """A body whose meetings prepare another's, e.g. a working committee's lead time."""

    body: Identifier
    lead_days: int | None = Field(default=None, ge=0)
    lead_days_are_working_days: bool = False
    per_meeting: bool = False


class MeetingEventKind(StrEnum):
    THEME = "theme"
    JOINT = "joint"
    SEMINAR = "seminar"


class MeetingEvent(Sourced):
    """A meeting the rules ask for beside the ordinary ones: a theme meeting on one strategic
    area, a joint meeting of all areas, a seminar."""

    id: Identifier
    name: str
    kind: MeetingEventKind
    per_year: Count
    topic: str | None = None
    agenda: list[str] = Field(default_factory=list, description="standing agenda items")
    note: str | None = None


class MeetingRules(Sourced):
    per_year: Count | None = None
    decided_by: str | None = None
    hours: MeetingHours | None = None
    morning_agenda: str | None = None
    extra_on_request: str | None = None
    theme_days: list[ThemeDays] = Field(default_factory=list)
    events: list[MeetingEvent] = Field(default_factory=list)
    prepared_by: Preparation | None = None
    programme_by: Identifier | None = Field(
        default=None, description="the body that sets the meetings' programme"
    )
    minutes_by: str | None = None
    note: str | None = None


class Duty(Strict):
    text: str
    area: str | None = Field(default=None, description="the heading a duty is grouped under")


class MandateRevision(Sourced):
    """How long at most between revisions of the body's mandate and staffing (Västerbotten 6.2:
    "minst vartannat år"): its governing documents fall due for revision this long after their
    adoption, and the body that gives the mandate (`revised_by`) has the revision on its agenda
    at least this often."""

    every_months: int = Field(ge=1, le=120)
    revised_by: Identifier | None = Field(
        default=None, description="the body that gives the mandate and revises it"
    )


class Body(Sourced):
    id: Identifier
    name: str
    short_name: str | None = None
    kind: BodyKind
    level: Identifier
    instances: Instances = Instances.SINGLE
    named_instances: list[str] = Field(default_factory=list)
    part_of_structure: bool = True
    description: str | None = None
    mandate: list[Duty] = Field(default_factory=list)
    mandate_source: Source | None = None
    seats: list[Seat] = Field(default_factory=list)
    co_opted: list[CoOpted] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    meetings: MeetingRules | None = None
    revised_every: MandateRevision | None = None
    size: Count | None = Field(default=None, description="a total the document states")
    note: str | None = None

    @field_validator("mandate", mode="before")
    @classmethod
    def plain_duties(cls, value: Any) -> Any:
        # A duty is usually just its sentence.
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value


class Relation(Sourced):
    kind: RelationKind
    source_body: Identifier = Field(alias="from")
    target_body: Identifier = Field(alias="to")
    note: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class DisputePath(Sourced):
    subject: str
    steps: list[Identifier] = Field(min_length=1, description="bodies or levels, first to last")
    # Where the document says how soon each step answers; where it does not (Norrbus), the
    # county's setting for matters applies.
    answer_working_days: int | None = Field(default=None, ge=1, le=250)


class MatterFlow(Sourced):
    decisions_by_principals: bool
    principle: str | None = None
    via_line: bool = False
    documented: bool = False
    routines_decided_by: Identifier | None = None
    dispute_paths: list[DisputePath] = Field(default_factory=list)


class DeadlineStart(StrEnum):
    """The step of a case a deadline of the individual level is counted from."""

    CONSENT = "consent"
    DECISION_TO_CALL = "decision_to_call"
    NOTICE = "notice"


class Deadline(Sourced):
    """A deadline in working days (lag 1930:173) from an event, or 'as soon as possible'.

    `from_event` is the event in words; `counted_from` the step of a case it starts at, which
    the plans count from. Where the document leaves the event open, the source says so
    (`interpretation`) and a county may set another step.
    """

    working_days: int | None = Field(default=None, ge=0)
    from_event: str
    counted_from: DeadlineStart | None = None
    acute: Literal["as_soon_as_possible", "same"] | None = None
    acute_working_days: int | None = Field(default=None, ge=0)
    text: str | None = None


class NetworkMeetingRules(Sourced):
    raised_by: str
    decided_by: str
    participants: str
    purpose: str
    notice: Deadline
    meeting: Deadline
    priority: str | None = None

    @model_validator(mode="after")
    def counted(self) -> NetworkMeetingRules:
        # A case's deadlines are computed from these: the step they start at must be stated.
        for name in ("notice", "meeting"):
            if getattr(self, name).counted_from is None:
                raise ValueError(
                    _("%(name)s: give counted_from (consent, decision_to_call, notice)")
                    % {"name": name}
                )
        return self


class SipRules(Sourced):
    legal_basis: list[str]
    required_points: list[str] = Field(min_length=1)
    plan_contents: list[str] = Field(default_factory=list)
    consent_required: bool = True
    approval_required: bool = True
    relatives_may_take_part: str | None = None
    no_further_action_documented: bool = True
    start_without_delay: bool = True
    school_role: str | None = None
    provisions: list[str] = Field(
        default_factory=list, description="further rules the document states about the plan"
    )


class CoordinatorRules(Sourced):
    named_by: str
    duties: list[str]
    preferred_sector: Sector | None = None
    preferred_when: str | None = None
    family_may_express_views: bool = False


class PlanOwnerRules(Sourced):
    required_when_coordinator_outside: list[Sector]
    from_sectors: list[Sector]
    reason: str | None = None


class PlacementSetting(StrEnum):
    """Where a child is cared for outside the home, as Norrbus' table of responsibilities names
    the settings ("Vård utanför det egna hemmet")."""

    FAMILY_HOME = "family_home"
    REINFORCED_FAMILY_HOME = "reinforced_family_home"
    HVB = "hvb"
    SIS = "sis"
    CHILD_PSYCHIATRY_INPATIENT = "child_psychiatry_inpatient"


class PlacementResponsibility(Strict):
    setting: str
    applies_to: list[PlacementSetting] = Field(
        default_factory=list, description="the settings the row's words name"
    )
    municipality: str
    region: str


class ExaminingUnit(Sourced):
    """A unit of the structure in force that does the pre-placement health examination."""

    unit: Identifier


class PlacementRules(Sourced):
    coordination_by: Sector
    health_examination_by: str
    health_examination_units: list[ExaminingUnit] = Field(default_factory=list)
    responsibilities: list[PlacementResponsibility] = Field(default_factory=list)
    cost_allocation: Deadline
    cost_principle: str | None = None
    provisions: list[str] = Field(
        default_factory=list, description="further rules the document states about placement"
    )


class DeviationHandler(StrEnum):
    """Who handles a deviation at a level: the unit managers of the organisation reported, or
    the coordinators of its principal."""

    UNIT = "unit"
    PRINCIPAL = "principal"


class DeviationLevel(Sourced):
    """One level of the handling routine: who handles a deviation there, and in how many
    working days it is acknowledged and closed from its arrival at the level."""

    id: Identifier
    name: str
    handled_by: DeviationHandler
    acknowledge_working_days: int = Field(ge=0)
    close_working_days: int = Field(ge=1)


class DeviationRecurrence(Sourced):
    """Deviations between the same two parties, `count` within `months`, become a matter for
    the area's body (where the parties share an area) or else the county's."""

    count: int = Field(ge=2)
    months: int = Field(ge=1)
    area_body: Identifier
    county_body: Identifier


class DeviationRules(Sourced):
    reported_by: str
    routine: str | None = None
    form: str | None = None
    # Whether the report form asks who the individual is; where it does not, a report that
    # seems to name one is warned.
    names_individual: bool = False
    levels: list[DeviationLevel] = Field(default_factory=list)
    recurrence: DeviationRecurrence | None = None


class Attachment(Strict):
    number: int
    title: str


class TargetGroup(Sourced):
    description: str
    min_age: int | None = Field(default=None, ge=0, description="inclusive")
    max_age: int | None = Field(default=None, ge=0, description="inclusive")

    @model_validator(mode="after")
    def ordered_ages(self) -> TargetGroup:
        _check_ages(self.min_age, self.max_age)
        return self

    def covers(self, age: int) -> bool:
        return _within(age, self.min_age, self.max_age)


def _check_ages(low: int | None, high: int | None) -> None:
    if low is not None and high is not None and low > high:
        raise ValueError(
            _("min_age (%(min)s) is greater than max_age (%(max)s)") % {"min": low, "max": high}
        )


def _within(age: int, low: int | None, high: int | None) -> bool:
    return (low is None or age >= low) and (high is None or age <= high)


class ConsentGiverKind(StrEnum):
    """Who gives consent to a case: the individual, the guardians of a child, or a legal
    representative (god man, förvaltare) where the individual has one."""

    INDIVIDUAL = "individual"
    GUARDIANS = "guardians"
    LEGAL_REPRESENTATIVE = "legal_representative"


class ConsentGiver(Sourced):
    """One who may give consent for an individual of the ages stated (inclusive; none: any)."""

    giver: ConsentGiverKind
    min_age: int | None = Field(default=None, ge=0)
    max_age: int | None = Field(default=None, ge=0)
    # The individual's own view is asked and recorded with this giver's consent.
    own_view: bool = False

    @model_validator(mode="after")
    def ordered_ages(self) -> ConsentGiver:
        _check_ages(self.min_age, self.max_age)
        return self

    def covers(self, age: int) -> bool:
        return _within(age, self.min_age, self.max_age)


class ConsentRules(Sourced):
    """Who consents to a case and approves its plan, by the individual's age: the consent the
    SIP rests on (SoL 2 kap. 7 §, HSL 16 kap. 4 §)."""

    givers: list[ConsentGiver] = Field(min_length=1)

    def givers_at(self, age: int) -> list[ConsentGiver]:
        return [g for g in self.givers if g.covers(age)]


class AgeLimit(Sourced):
    age: int = Field(ge=0, le=18)


class OwnPages(Strict):
    """Who sees the individual's own pages (My pages): the individual from an age, and a
    child's guardians until custody ends, at the latest at an age; each with where it comes
    from (a law where the document names no age)."""

    individual_from: AgeLimit
    guardians_until: AgeLimit

    @model_validator(mode="after")
    def overlapping(self) -> OwnPages:
        # No age at which neither the individual nor a guardian could see the pages.
        if self.individual_from.age > self.guardians_until.age:
            raise ValueError(
                _("own_pages: the individual's age (%(own)s) is after the guardians' (%(until)s)")
                % {"own": self.individual_from.age, "until": self.guardians_until.age}
            )
        return self


class Actor(Sourced):
    """An actor (aktör) of the individual level and what the document makes it answer for."""

    id: Identifier
    name: str
    party_kind: PartyKind | None = Field(
        default=None, description="the principal; none where both run it together"
    )
    sector: Sector | None = None
    unit: Identifier | None = Field(default=None, description="the unit of the document's parties")
    responsibilities: list[str] = Field(min_length=1)
    min_age: int | None = Field(default=None, ge=0, description="inclusive")
    max_age: int | None = Field(default=None, ge=0, description="inclusive")
    ages: str | None = Field(default=None, description="the document's own words on age")

    @model_validator(mode="after")
    def ordered_ages(self) -> Actor:
        _check_ages(self.min_age, self.max_age)
        return self


class IndividualLevel(Sourced):
    target_groups: list[TargetGroup] = Field(default_factory=list)
    consent: ConsentRules | None = None
    own_pages: OwnPages | None = None
    principles: list[str] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    network_meeting: NetworkMeetingRules | None = None
    sip: SipRules | None = None
    coordinator: CoordinatorRules | None = None
    plan_owner: PlanOwnerRules | None = None
    placement: PlacementRules | None = None
    deviations: DeviationRules | None = None
    attachments: list[Attachment] = Field(default_factory=list)

    @model_validator(mode="after")
    def consent_for_every_age(self) -> IndividualLevel:
        # Someone other than a representative, whom not everyone has, consents at every age
        # of the target groups.
        if self.consent is None:
            return self
        for group in self.target_groups:
            low = group.min_age or 0
            high = group.max_age if group.max_age is not None else 120
            for age in range(low, high + 1):
                if not any(
                    g.giver != ConsentGiverKind.LEGAL_REPRESENTATIVE
                    for g in self.consent.givers_at(age)
                ):
                    raise ValueError(
                        _("consent: no one but a representative consents at age %(age)s")
                        % {"age": age}
                    )
        return self

    @model_validator(mode="after")
    def own_pages_with_consent(self) -> IndividualLevel:
        # Whoever consents sees their own pages: a county with cases says from which age.
        if self.consent is not None and self.own_pages is None:
            raise ValueError(
                _(
                    "own_pages: say from which age the individual sees their own pages and until "
                    "which the guardians see a child's"
                )
            )
        return self

    def target_group_at(self, age: int) -> TargetGroup | None:
        return next((g for g in self.target_groups if g.covers(age)), None)


class Share(Strict):
    party_kind: PartyKind | None = None
    party: Identifier | None = None
    percent: Decimal = Field(ge=0, le=100)


class MunicipalKeyKind(StrEnum):
    """How the municipalities' part of a shared cost is divided between them."""

    POPULATION = "population"
    EQUAL = "equal"
    OWN = "own"


class PopulationAsOf(StrEnum):
    """Which 31 December's population a population key reads for a cost year."""

    END_OF_PREVIOUS_YEAR = "end_of_previous_year"
    END_OF_YEAR = "end_of_year"


class PartyPercent(Strict):
    party: Identifier
    percent: Decimal = Field(ge=0, le=100, max_digits=7, decimal_places=4)


class MunicipalKey(Sourced):
    """The key for the municipalities' part: by population (SCB's figures at a 31 December),
    in equal shares, or the county's own percentages per municipality. Where an agreement is
    silent, the county sets it (in the agreement file or in its file of a year's costs)."""

    kind: MunicipalKeyKind
    population_as_of: PopulationAsOf | None = None
    shares: list[PartyPercent] = Field(default_factory=list)

    @model_validator(mode="after")
    def complete(self) -> MunicipalKey:
        if self.kind == MunicipalKeyKind.POPULATION and self.population_as_of is None:
            raise ValueError(
                _("a population key says which 31 December it reads (population_as_of)")
            )
        if self.kind != MunicipalKeyKind.POPULATION and self.population_as_of is not None:
            raise ValueError(_("population_as_of belongs to a population key only"))
        if self.kind == MunicipalKeyKind.OWN:
            total = sum((share.percent for share in self.shares), Decimal(0))
            if total != 100:
                raise ValueError(
                    _("the municipalities' shares add up to %(total)s %%, not 100 %%")
                    % {"total": total}
                )
            parties = [share.party for share in self.shares]
            if len(set(parties)) != len(parties):
                raise ValueError(_("a municipality has two shares"))
        elif self.shares:
            raise ValueError(_("shares per municipality belong to the county's own key only"))
        return self


class CostItem(Strict):
    level: str | None = None
    resource: str
    extent_percent: Decimal | None = Field(default=None, ge=0)
    multiplier: str | None = None
    amount_msek: Decimal | None = Field(default=None, ge=0)


class CostSharing(Sourced):
    id: Identifier
    subject: str
    full_time_equivalents: Decimal | None = Field(default=None, ge=0)
    hosted_by: Identifier | None = None
    shares: list[Share] = Field(default_factory=list)
    municipal_key: MunicipalKey | None = None
    items: list[CostItem] = Field(default_factory=list)
    total_msek: Decimal | None = Field(default=None, ge=0)
    own_costs: str | None = None
    note: str | None = None


IndicatorKey = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=80,
        description="the key of an indicator the platform computes (followup.indicators)",
    ),
]


class SurveyQuestion(Strict):
    """A statement the members of the structure rate from 1 (do not agree at all) to 5 (agree
    completely): how an effect goal that no figure of the platform shows is followed."""

    id: Identifier
    statement: str = Field(min_length=1, max_length=300)


class Target(Sourced):
    """A level the county sets for one measure of an effect goal: an indicator's value (a share
    in per cent, days, a count) or a question's mean answer. The seeds set none."""

    measure: str = Field(description="an indicator key or a question id of the same goal")
    at_least: Decimal | None = None
    at_most: Decimal | None = None
    by: datetime.date | None = None

    @model_validator(mode="after")
    def one_bound(self) -> Target:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError(_("a target gives at_least or at_most, one of them"))
        return self


class EffectGoal(Sourced):
    """A goal the follow-up measures the collaboration against, with what follows it: the
    platform's indicators, or questions to the structure's members where no indicator exists."""

    id: Identifier
    goal: str = Field(min_length=1, max_length=300)
    indicators: list[IndicatorKey] = Field(default_factory=list)
    questions: list[SurveyQuestion] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)

    @model_validator(mode="after")
    def followed(self) -> EffectGoal:
        if not self.indicators and not self.questions:
            raise ValueError(_("an effect goal needs an indicator or a survey question"))
        return self

    @property
    def measures(self) -> set[str]:
        return {*self.indicators, *(question.id for question in self.questions)}


class FollowUp(Sourced):
    subject: str
    due: datetime.date | None = None
    yearly: bool = Field(default=False, description="the follow-up comes back every year")
    initiated_by: Identifier | None = None
    decided_by: Identifier | None = None
    reported_at: Identifier | None = None
    revision_by: str | None = None
    effect_goals: list[EffectGoal] = Field(default_factory=list)


class Termination(Sourced):
    in_writing_to: Identifier | None = None
    notice_months: int | None = Field(default=None, ge=0)
    from_event: str | None = None


class Validity(Sourced):
    until_further_notice: bool = False
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    termination: Termination | None = None


class Agreement(Strict):
    """One version of one governing document of a county."""

    schema_version: Literal[1] = 1
    county: County
    document: Document
    purpose: list[str] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    focus_areas: list[str] = Field(default_factory=list)
    principles: list[str] = Field(default_factory=list)
    parties: list[Party] = Field(min_length=1)
    municipal_units: list[Unit] = Field(
        default_factory=list, description="units every municipality has, as the document names"
    )
    levels: list[Level] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)
    bodies: list[Body] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    matter_flow: MatterFlow | None = None
    individual: IndividualLevel | None = None
    cost_sharing: list[CostSharing] = Field(default_factory=list)
    follow_up: list[FollowUp] = Field(default_factory=list)
    validity: Validity | None = None

    @cached_property
    def parties_by_id(self) -> dict[str, Party]:
        # The compliance rules ask for a party per seat and holder: a lookup, not a walk.
        return {p.id: p for p in self.parties}

    def party(self, party_id: str) -> Party | None:
        return self.parties_by_id.get(party_id)

    def body(self, body_id: str) -> Body | None:
        return next((b for b in self.bodies if b.id == body_id), None)

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    @property
    def municipalities(self) -> list[Party]:
        return [p for p in self.parties if p.kind == PartyKind.MUNICIPALITY]

    def area_of(self, municipality_id: str) -> Area | None:
        return next((a for a in self.areas if municipality_id in a.municipalities), None)

    def units_of(self, party_id: str) -> list[Unit]:
        """A party's units: its own, and for a municipality the ones every municipality has."""
        party = self.party(party_id)
        if party is None:
            return []
        shared = self.municipal_units if party.kind == PartyKind.MUNICIPALITY else []
        return [*party.units, *shared]

    def party_fits(
        self, principal: str, party: str | None = None, party_kind: PartyKind | None = None
    ) -> bool:
        """Whether a holder from the party `principal` fits a rule naming a party or a kind of
        party (a seat, a rotation step); a rule that names neither fits anyone."""
        if party:
            return party == principal
        if party_kind:
            found = self.party(principal)
            return found is not None and found.kind == party_kind
        return True

    def instances_of(self, body: Body) -> list[tuple[str, str]]:
        """A body's instances as (id, name): one per area or municipality, else the body
        itself with the id ""."""
        if body.instances == Instances.PER_AREA:
            return [(area.id, area.name) for area in self.areas]
        if body.instances == Instances.PER_MUNICIPALITY:
            return [(party.id, party.name) for party in self.municipalities]
        return [("", "")]


# A shared function's yearly cost is bounded far above any county's: a typing slip of a few
# digits is caught, a real budget never.
MAX_YEARLY_COST_SEK = Decimal("10000000000")
# More people than Sweden has in one municipality is a slip.
MAX_POPULATION = 20_000_000


class PopulationFigure(Strict):
    party: Identifier
    population: int = Field(ge=0, le=MAX_POPULATION)


class Population(Strict):
    """The municipalities' population at one 31 December, as SCB publishes it: a county's file
    population-<year>.yaml beside its agreements, read by a population key."""

    schema_version: Literal[1] = 1
    county: Identifier
    as_of: datetime.date
    source: Source
    figures: list[PopulationFigure] = Field(min_length=1)

    @model_validator(mode="after")
    def year_end(self) -> Population:
        if (self.as_of.month, self.as_of.day) != (12, 31):
            raise ValueError(_("the population is SCB's at 31 December (as_of)"))
        parties = [figure.party for figure in self.figures]
        if len(set(parties)) != len(parties):
            raise ValueError(_("a municipality has two figures"))
        return self

    def of(self, party: str) -> int | None:
        return next((f.population for f in self.figures if f.party == party), None)


class YearlyCost(Sourced):
    """What a county has decided for one shared function in one year where its agreement says
    nothing: the year's cost, the shares between the parties, the municipalities' key."""

    sharing: Identifier = Field(description="the id of the agreement's cost_sharing element")
    amount_sek: Decimal | None = Field(
        default=None, ge=0, le=MAX_YEARLY_COST_SEK, max_digits=14, decimal_places=2
    )
    shares: list[Share] = Field(default_factory=list)
    municipal_key: MunicipalKey | None = None


class CostYear(Strict):
    """A county's input for one year's cost statement: costs-<year>.yaml beside its agreements."""

    schema_version: Literal[1] = 1
    county: Identifier
    year: int = Field(ge=2000, le=2100)
    costs: list[YearlyCost] = Field(min_length=1)

    @model_validator(mode="after")
    def once_each(self) -> CostYear:
        sharings = [cost.sharing for cost in self.costs]
        if len(set(sharings)) != len(sharings):
            raise ValueError(_("a shared function is given twice"))
        return self

    def for_sharing(self, sharing: str) -> YearlyCost | None:
        return next((cost for cost in self.costs if cost.sharing == sharing), None)
