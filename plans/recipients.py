"""Whom a consent may name, and how the choice is laid out: the units of the county's principals
(the region and the municipalities, "huvudmän") that work with individuals, grouped by principal
and kind of unit, with whole groups ("all of social services in Luleå") to choose at once.

Not the elected representatives' units, not the principals' offices, not a municipal
association: none of them takes part in an individual's case (004 "Aktörer": the actors are
school, social services and health care)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agreements import schema
from agreements.models import Agreement
from structure.models import Organisation

Sector = schema.Sector
WORKING_WITH_INDIVIDUALS = (
    Sector.HEALTH_CARE,
    Sector.SOCIAL_SERVICES,
    Sector.SCHOOL,
    Sector.ELDERLY_CARE,
)
PRINCIPAL_KINDS = (schema.PartyKind.REGION, schema.PartyKind.MUNICIPALITY)
SECTOR_NAMES = {
    Sector.HEALTH_CARE: _("health care"),
    Sector.SOCIAL_SERVICES: _("social services"),
    Sector.SCHOOL: _("school"),
    Sector.ELDERLY_CARE: _("elderly care"),
}
# "All of social services in Luleå kommun": each with the sector's own definite form.
WHOLE_SECTOR = {
    Sector.HEALTH_CARE: _("All of health care in %(principal)s"),
    Sector.SOCIAL_SERVICES: _("All of social services in %(principal)s"),
    Sector.SCHOOL: _("All of school in %(principal)s"),
    Sector.ELDERLY_CARE: _("All of elderly care in %(principal)s"),
}


def principals(county) -> list[schema.Party]:
    """The county's principals as its agreement in force names them: regions first."""
    agreement = Agreement.objects.structure_in_force(county=county)
    parties = agreement.document.parties if agreement else []
    found = [p for p in parties if p.kind in PRINCIPAL_KINDS]
    return sorted(found, key=lambda p: (p.kind != schema.PartyKind.REGION, p.name))


def consent_recipients(county, parties: list[schema.Party] | None = None) -> QuerySet:
    """The organisations a consent in the county may name."""
    parties = principals(county) if parties is None else parties
    return Organisation.objects.filter(
        county=county,
        principal__in=[p.id for p in parties],
        sector__in=[s.value for s in WORKING_WITH_INDIVIDUALS],
    ).order_by("name")


@dataclass
class SectorGroup:
    sector: str
    name: str
    organisations: list = field(default_factory=list)  # the field's checkboxes
    whole: object = None  # the checkbox for all of them, when there are several


@dataclass
class PrincipalGroup:
    id: str
    name: str
    sectors: list[SectorGroup] = field(default_factory=list)
    whole: object = None  # the checkbox for all of the principal's units, when in several sectors
    near: bool = False  # the region, or the principal of the organisation recording the consent

    @property
    def size(self) -> int:
        return sum(len(s.organisations) for s in self.sectors)

    @property
    def chosen(self) -> bool:
        boxes = [self.whole, *(b for s in self.sectors for b in (s.whole, *s.organisations))]
        return any(box.data["selected"] for box in boxes if box is not None)


@dataclass
class Layout:
    """The region and the consent's own municipality shown at once (`near`); the county's other
    municipalities folded away unless something among them is chosen."""

    near: list[PrincipalGroup]
    far: list[PrincipalGroup]

    @property
    def far_chosen(self) -> bool:
        return any(group.chosen for group in self.far)


class Recipients:
    """The choice of recipients for a consent on the case."""

    def __init__(self, case):
        county = case.individual.county
        self.parties = principals(county)
        self.own_principal = case.opening_organisation.principal
        self.organisations = consent_recipients(county, self.parties).exclude(
            pk=case.opening_organisation_id
        )
        self._members = {}  # group key → organisation ids
        for organisation in self.organisations:
            for key in self._keys(organisation):
                self._members.setdefault(key, []).append(organisation.pk)
        self._sectors = {}  # principal → its sectors, in the order of WORKING_WITH_INDIVIDUALS
        for principal, sector in {
            tuple(k.split(":")[1:]) for k in self._members if k.count(":") == 2
        }:
            self._sectors.setdefault(principal, []).append(sector)
        order = [s.value for s in WORKING_WITH_INDIVIDUALS]
        for sectors in self._sectors.values():
            sectors.sort(key=order.index)

    @staticmethod
    def _keys(organisation) -> tuple[str, str]:
        return (
            f"principal:{organisation.principal}",
            f"sector:{organisation.principal}:{organisation.sector}",
        )

    @property
    def group_choices(self) -> list[tuple[str, str]]:
        """Only groups that choose more than one organisation, and a principal's group only when
        it spans more than one sector (otherwise its one sector's group says it)."""
        names = {p.id: p.name for p in self.parties}
        choices = []
        for party in self.parties:
            sectors = self._sectors.get(party.id, [])
            if len(sectors) > 1:
                listed = ", ".join(str(SECTOR_NAMES[Sector(s)]) for s in sectors)
                choices.append(
                    (
                        f"principal:{party.id}",
                        _("All of %(principal)s: %(sectors)s")
                        % {"principal": names[party.id], "sectors": listed},
                    )
                )
            for sector in sectors:
                if len(self._members[f"sector:{party.id}:{sector}"]) > 1:
                    choices.append(
                        (
                            f"sector:{party.id}:{sector}",
                            WHOLE_SECTOR[Sector(sector)] % {"principal": names[party.id]},
                        )
                    )
        return choices

    def chosen(self, organisations, groups) -> list:
        """The organisations chosen one by one and through whole groups, each once."""
        ids = {o.pk for o in organisations or ()}
        for key in groups or ():
            ids.update(self._members.get(key, ()))
        return list(self.organisations.filter(pk__in=ids))

    def layout(self, organisations_field, groups_field) -> Layout:
        """The bound checkboxes of both fields, by principal and sector."""
        boxes = {int(str(w.data["value"])): w for w in organisations_field}
        wholes = {w.data["value"]: w for w in groups_field}
        layout = []
        for party in self.parties:
            group = PrincipalGroup(
                party.id,
                party.name,
                whole=wholes.get(f"principal:{party.id}"),
                near=party.kind == schema.PartyKind.REGION or party.id == self.own_principal,
            )
            for sector in self._sectors.get(party.id, []):
                key = f"sector:{party.id}:{sector}"
                group.sectors.append(
                    SectorGroup(
                        sector,
                        str(SECTOR_NAMES[Sector(sector)]),
                        [boxes[pk] for pk in self._members[key]],
                        wholes.get(key),
                    )
                )
            if group.sectors:
                layout.append(group)
        return Layout([g for g in layout if g.near], [g for g in layout if not g.near])
