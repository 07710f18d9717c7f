"""A county's yearly cost statement: what each party pays for each shared function, and the
placements' cost allocations summed per principal.

The shares, the key for the municipalities' part and the amounts come from the agreement in
force and the county's yearly data (agreements.county_data); what neither states is named as
missing, never filled in. Amounts are in whole öre and each split adds up to its whole exactly:
each part gets its exact amount rounded down to the öre, and the öre left over go one at a time
to the parts with the largest remainders, ties to the party listed first in the agreement
(the largest remainder method).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from agreements import county_data
from agreements.models import County
from agreements.registry import Catalogue
from agreements.schema import (
    Agreement,
    CostSharing,
    CostYear,
    MunicipalKey,
    MunicipalKeyKind,
    PartyKind,
    PopulationAsOf,
    Share,
)
from followup.models import FollowupSettings
from placements.models import CostAllocation, CostShare

ORE = Decimal("0.01")
MSEK = Decimal(1_000_000)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def allocate(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` (kronor, whole öre) split by `weights` so that the parts add up to it exactly."""
    whole = sum(weights, Decimal(0))
    if not weights or whole <= 0:
        raise ValueError("weights must be positive")
    ore = int((total / ORE).to_integral_value())
    exact = [Decimal(ore) * weight / whole for weight in weights]
    floors = [int(value.to_integral_value(rounding=ROUND_FLOOR)) for value in exact]
    left = ore - sum(floors)
    # Largest remainder first; the earlier part first among equals (sorted is stable).
    order = sorted(range(len(weights)), key=lambda i: exact[i] - floors[i], reverse=True)
    for index in order[:left]:
        floors[index] += 1
    return [Decimal(value) * ORE for value in floors]


@dataclass(frozen=True)
class Part:
    party: str
    name: str
    percent: Decimal  # of the function's whole cost
    amount: Decimal | None


@dataclass
class FunctionStatement:
    id: str
    subject: str
    source: str
    total: Decimal | None = None
    total_from_county: bool = False
    items: list = field(default_factory=list)
    note: str = ""
    full_time_equivalents: Decimal | None = None
    hosted_by: str = ""
    key: str = ""
    parts: list[Part] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def part_of(self, party: str) -> Part | None:
        return next((part for part in self.parts if part.party == party), None)


@dataclass(frozen=True)
class PlacementLine:
    principal: str
    name: str
    placements: int | None  # None: under the small-number threshold
    equivalents: Decimal | None


@dataclass
class Statement:
    county: County
    year: int
    agreement: Agreement | None
    functions: list[FunctionStatement] = field(default_factory=list)
    own_costs: list[tuple[str, str]] = field(default_factory=list)
    placements: list[PlacementLine] = field(default_factory=list)
    threshold: int = 5
    problems: list[str] = field(default_factory=list)

    def party_name(self, party: str) -> str:
        found = self.agreement.party(party) if self.agreement else None
        return found.name if found else party


def _citation(agreement: Agreement, sharing: CostSharing) -> str:
    return f"{agreement.document.title}, {sharing.source.section}"


def _key_weights(
    key: MunicipalKey | None,
    statement: Statement,
    function: FunctionStatement,
    catalogue: Catalogue,
) -> list[tuple[str, Decimal]] | None:
    """The municipalities' weights under the key, or None with what is missing said."""
    municipalities = statement.agreement.municipalities
    year = statement.year
    if key is None:
        function.missing.append(
            _(
                "The agreement does not say how the municipalities' part is divided between "
                "them: the county sets the key (population, equal shares or its own) in "
                "%(file)s."
            )
            % {"file": county_data.file_name(county_data.COSTS, year)}
        )
        return None
    if key.kind == MunicipalKeyKind.EQUAL:
        function.key = _("the municipalities' part in equal shares")
        return [(party.id, Decimal(1)) for party in municipalities]
    if key.kind == MunicipalKeyKind.OWN:
        function.key = _("the municipalities' part by the county's own key")
        shares = {share.party: share.percent for share in key.shares}
        return [(party.id, shares.get(party.id, Decimal(0))) for party in municipalities]
    as_of = year - 1 if key.population_as_of == PopulationAsOf.END_OF_PREVIOUS_YEAR else year
    loaded = county_data.population(statement.county.slug, as_of, catalogue)
    function.key = _("the municipalities' part by population at 31 December %(year)s (SCB)") % {
        "year": as_of
    }
    if loaded.missing:
        function.missing.append(
            _(
                "The population at 31 December %(year)s (SCB) is missing: the county adds "
                "%(file)s with a figure for each municipality."
            )
            % {"year": as_of, "file": county_data.file_name(county_data.POPULATION, as_of)}
        )
        return None
    if loaded.data is None:
        function.missing.extend(problem.message for problem in loaded.problems)
        return None
    return [(party.id, Decimal(loaded.data.of(party.id) or 0)) for party in municipalities]


def _share_parties(
    share: Share,
    key: MunicipalKey | None,
    statement: Statement,
    function: FunctionStatement,
    catalogue: Catalogue,
) -> list[tuple[str, Decimal]] | None:
    if share.party:
        return [(share.party, Decimal(1))]
    if share.party_kind == PartyKind.MUNICIPALITY:
        return _key_weights(key, statement, function, catalogue)
    # A kind other than the municipalities (one region, as the seeds have): equal shares.
    parties = statement.agreement.parties
    return [(party.id, Decimal(1)) for party in parties if party.kind == share.party_kind]


def _function(
    sharing: CostSharing, statement: Statement, yearly: CostYear | None, catalogue: Catalogue
) -> FunctionStatement:
    agreement, year = statement.agreement, statement.year
    function = FunctionStatement(
        id=sharing.id,
        subject=sharing.subject,
        source=_citation(agreement, sharing),
        items=list(sharing.items),
        note=sharing.note or "",
        full_time_equivalents=sharing.full_time_equivalents,
        hosted_by=statement.party_name(sharing.hosted_by) if sharing.hosted_by else "",
    )
    entered = yearly.for_sharing(sharing.id) if yearly else None
    # The county's cost for the year replaces the agreement's calculation for that year.
    if entered is not None and entered.amount_sek is not None:
        function.total, function.total_from_county = entered.amount_sek, True
    elif sharing.total_msek is not None:
        function.total = sharing.total_msek * MSEK
    else:
        function.missing.append(
            _("The agreement names no amount: the county enters the year's cost in %(file)s.")
            % {"file": county_data.file_name(county_data.COSTS, year)}
        )
    shares = sharing.shares or (entered.shares if entered else [])
    key = sharing.municipal_key or (entered.municipal_key if entered else None)
    if not shares:
        function.missing.append(
            _(
                "The agreement does not say how the cost is shared between the parties: the "
                "county sets the shares in %(file)s."
            )
            % {"file": county_data.file_name(county_data.COSTS, year)}
        )
        return function
    groups = []
    for share in shares:
        members = _share_parties(share, key, statement, function, catalogue)
        groups.append((share, members))
    share_amounts = (
        allocate(function.total, [share.percent for share in shares])
        if function.total is not None
        else [None] * len(shares)
    )
    for (share, members), amount in zip(groups, share_amounts, strict=True):
        if members is None:
            # The key is missing: the share is shown as a whole (the municipalities together).
            group = share.party_kind.value if share.party_kind else ""
            function.parts.append(
                Part(group, _share_label(share, agreement), share.percent, amount)
            )
            continue
        weights = [weight for _party, weight in members]
        whole = sum(weights, Decimal(0))
        if whole <= 0:
            function.missing.append(
                _("The key gives the parties of %(share)s nothing to share by.")
                % {"share": _share_label(share, agreement)}
            )
            continue
        amounts = allocate(amount, weights) if amount is not None else [None] * len(members)
        for (party, weight), part_amount in zip(members, amounts, strict=True):
            function.parts.append(
                Part(
                    party, statement.party_name(party), share.percent * weight / whole, part_amount
                )
            )
    return function


def _share_label(share: Share, agreement: Agreement) -> str:
    if share.party:
        found = agreement.party(share.party)
        return found.name if found else share.party
    if share.party_kind == PartyKind.MUNICIPALITY:
        return _("The municipalities together")
    if share.party_kind == PartyKind.REGION:
        return _("The region")
    return _("The associations together")


def placement_lines(
    county: County, year: int, threshold: int, names: dict[str, str]
) -> list[PlacementLine]:
    """The allocations in force of the placements that ran some time in the year, summed per
    principal: how many placements each shares in and their sum in whole placements (80 % of
    one and 50 % of another is 1.3). No case, no individual; a principal sharing in fewer
    placements than the threshold is not shown."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    latest = (
        CostAllocation.objects.filter(placement=OuterRef("allocation__placement"))
        .values("placement")
        .annotate(last=Max("number"))
        .values("last")
    )
    rows = (
        CostShare.objects.filter(
            allocation__placement__case__individual__county=county,
            allocation__placement__starts_on__lte=end,
        )
        .filter(
            Q(allocation__placement__ends_on__isnull=True)
            | Q(allocation__placement__ends_on__gte=start)
        )
        .filter(allocation__number=Subquery(latest))
        .values_list("principal", "percent")
    )
    count: dict[str, int] = defaultdict(int)
    share: dict[str, Decimal] = defaultdict(Decimal)
    for principal, percent in rows:
        count[principal] += 1
        share[principal] += Decimal(percent) / 100
    lines = []
    for principal in sorted(count, key=lambda p: names.get(p, p)):
        hidden = count[principal] < threshold
        lines.append(
            PlacementLine(
                principal,
                names.get(principal, principal),
                None if hidden else count[principal],
                None if hidden else share[principal],
            )
        )
    return lines


def statement(county: County, year: int, catalogue: Catalogue | None = None) -> Statement:
    catalogue = catalogue or Catalogue()
    entry = catalogue.structure_agreement(county.slug)
    result = Statement(county, year, entry.agreement if entry else None)
    result.threshold = FollowupSettings.threshold_for(county)
    if entry is None:
        result.problems.append(_("The county has no agreement in force."))
        return result
    agreement = entry.agreement
    yearly = county_data.cost_year(county.slug, year, catalogue)
    if yearly.problems:
        result.problems.extend(str(problem) for problem in yearly.problems)
    for sharing in agreement.cost_sharing:
        result.functions.append(_function(sharing, result, yearly.data, catalogue))
        if sharing.own_costs:
            result.own_costs.append((sharing.own_costs, _citation(agreement, sharing)))
    names = {party.id: party.name for party in agreement.parties}
    result.placements = placement_lines(county, year, result.threshold, names)
    return result


def party_lines(result: Statement, party: str) -> list[tuple[FunctionStatement, Part | None]]:
    return [(function, function.part_of(party)) for function in result.functions]


def _decimal_comma(value: Decimal) -> str:
    return f"{value}".replace(".", ",")


def csv_text(result: Statement) -> str:
    """The statement for the finance departments: one row per shared function and party,
    separated by semicolons with a decimal comma, as a Swedish spreadsheet reads it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Year"),
            _("Shared function"),
            _("Party"),
            _("Share (percent)"),
            _("Amount (SEK)"),
            _("Source"),
        ]
    )
    for function in result.functions:
        for part in function.parts:
            writer.writerow(
                [
                    result.year,
                    function.subject,
                    part.name,
                    _decimal_comma(part.percent.quantize(Decimal("0.0001"))),
                    "" if part.amount is None else _decimal_comma(part.amount.quantize(ORE)),
                    function.source,
                ]
            )
    return out.getvalue()
