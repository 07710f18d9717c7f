"""Open data: the indicators as a table any county's figures can be compared in, in Kolada's
layout (indicator × area × period × value), as JSON and CSV, with the same definitions for
every county.

An area is the county (Kolada's region code: "00" and the county's SCB code, e.g. "0025") or a
municipality (its SCB code, e.g. "2580", from the agreement data). The principals' remainder of
the engine's municipality breakdown (the region, the associations) has no code and is not a row;
it is in the county's row. Every indicator is computed through `indicators.compute`, which holds
back every figure about individuals under the county's small-number threshold (and the figures a
hidden one could be worked out from): such a row says `suppressed` and gives no figure. A row
names no person and no case; distributions are not published.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from agreements.models import County

from .indicators import OTHER, Breakdown, Period, compute, indicators
from .indicators.base import threshold

# Kolada's name for the whole country (its area 0000): the national file's address.
NATIONAL = "riket"
COUNTY_LEVEL, MUNICIPALITY_LEVEL = "county", "municipality"
COLUMNS = (
    "indicator",
    "county",
    "area",
    "area_name",
    "area_level",
    "period",
    "value",
    "numerator",
    "denominator",
    "unit",
    "no_data",
    "suppressed",
)


@dataclass(frozen=True)
class Row:
    indicator: str
    county: str
    area: str
    area_name: str
    area_level: str
    period: str
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    unit: str
    no_data: bool
    suppressed: bool


@dataclass(frozen=True)
class Definition:
    key: str
    title: str
    definition: str
    source: str
    unit: str
    personal: bool


@dataclass(frozen=True)
class CountyInfo:
    slug: str
    name: str
    area: str
    small_number_threshold: int


@dataclass(frozen=True)
class OpenData:
    period: str
    counties: list[CountyInfo]
    indicators: list[Definition]
    rows: list[Row]


def county_area(county: County) -> str:
    return f"00{county.scb_code}"


def default_period() -> Period:
    """The last whole calendar year: a year still running would compare half a year."""
    return Period.parse(str(timezone.localdate().year - 1))


def loaded_counties() -> list[County]:
    return list(County.objects.filter(agreements__in_force=True).distinct().order_by("slug"))


def definitions() -> list[Definition]:
    return [
        Definition(
            key=item.key,
            title=str(item.title),
            definition=str(item.definition),
            source=item.source,
            unit=str(item.unit),
            personal=item.personal,
        )
        for item in indicators()
    ]


def _rows(county: County, period: Period) -> list[Row]:
    units = {item.key: str(item.unit) for item in indicators()}
    rows = []
    for breakdown in (Breakdown.COUNTY, Breakdown.MUNICIPALITY):
        for value in compute(county, period, breakdown):
            if breakdown == Breakdown.COUNTY:
                area, level = county_area(county), COUNTY_LEVEL
            elif value.group == OTHER or not value.group.isdigit():
                continue  # no code to compare by
            else:
                area, level = value.group, MUNICIPALITY_LEVEL
            rows.append(
                Row(
                    indicator=value.indicator,
                    county=county.slug,
                    area=area,
                    area_name=value.group_label,
                    area_level=level,
                    period=value.period,
                    value=value.value,
                    numerator=value.numerator,
                    denominator=value.denominator,
                    unit=units[value.indicator],
                    no_data=value.value is None and not value.suppressed,
                    suppressed=value.suppressed,
                )
            )
    return rows


def open_data(counties: list[County], period: Period) -> OpenData:
    """Every indicator of the counties for the period, the county and each municipality."""
    return OpenData(
        period=period.key,
        counties=[
            CountyInfo(
                slug=county.slug,
                name=county.name,
                area=county_area(county),
                small_number_threshold=threshold(county),
            )
            for county in counties
        ],
        indicators=definitions(),
        rows=[row for county in counties for row in _rows(county, period)],
    )


def as_csv(data: OpenData) -> str:
    """The rows as CSV (comma, full stop for decimals, UTF-8): an empty cell is no figure."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in data.rows:
        cells = [getattr(row, column) for column in COLUMNS]
        writer.writerow(
            "" if cell is None else str(cell).lower() if isinstance(cell, bool) else cell
            for cell in cells
        )
    return out.getvalue()
