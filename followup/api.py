"""Open data in the JSON API, public like the files: a county's indicators, or every loaded
county's, for a period, in the layout and with the definitions of followup.opendata."""

from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from inputs.api import Problem
from inputs.schemas import RULE_ERROR, Key

from . import opendata
from .indicators import Period, PeriodError

router = Router(tags=["open data"])


def _period(value: str) -> str:
    try:
        return Period.parse(value).key
    except PeriodError as error:
        raise PydanticCustomError(RULE_ERROR, str(error)) from None


PeriodKey = Annotated[
    str,
    AfterValidator(_period),
    Field(
        description='A year ("2025"), half-year ("2025H1"), quarter ("2025Q3") or month '
        '("2025M04"); the last whole year when left out.',
        json_schema_extra={
            "pattern": r"^[0-9]{4}(H[1-2]|Q[1-4]|M(0[1-9]|1[0-2]))?$",
            "maxLength": 7,
        },
    ),
]


class RowOut(Schema):
    indicator: str = Field(description="The indicator's key, as in `indicators`.")
    county: str = Field(description="The county's slug.")
    area: str = Field(
        description="Kolada's area code: \"00\" and the county's SCB code for the county, the "
        "municipality's SCB code for a municipality."
    )
    area_name: str
    area_level: Literal["county", "municipality"]
    period: str
    value: float | None = Field(
        description="Per cent for a share, days for a median, a number for a count; null when "
        "there is no data or the figure is suppressed."
    )
    numerator: int | None
    denominator: int | None
    unit: Literal["share", "days", "count"]
    no_data: bool = Field(description="Nothing to count in the period: no figure, never 0.")
    suppressed: bool = Field(
        description="Fewer individuals than the county's small-number threshold (or a figure "
        "one could work such a one out from): no figure is given."
    )


class DefinitionOut(Schema):
    key: str
    title: str
    definition: str
    source: str = Field(description="The seed file and section the indicator follows.")
    unit: Literal["share", "days", "count"]
    personal: bool = Field(description="Counts individuals: the threshold applies.")


class CountyInfoOut(Schema):
    slug: str
    name: str
    area: str
    small_number_threshold: int


class OpenDataOut(Schema):
    period: str
    counties: list[CountyInfoOut]
    indicators: list[DefinitionOut]
    rows: list[RowOut]


def _chosen(period: str | None) -> Period:
    return Period.parse(period) if period else opendata.default_period()


@router.get(
    "/open-data",
    response={200: OpenDataOut, 422: Problem},
    summary="Open data: every loaded county's indicators for a period",
)
def national(request, period: PeriodKey | None = None):
    return opendata.open_data(opendata.loaded_counties(), _chosen(period))


@router.get(
    "/open-data/{county}",
    response={200: OpenDataOut, 404: Problem, 422: Problem},
    summary="Open data: a county's indicators for a period",
)
def county_data(request, county: Key, period: PeriodKey | None = None):
    found = next((c for c in opendata.loaded_counties() if c.slug == county), None)
    if found is None:
        raise HttpError(404, _("There is no such county."))
    return opendata.open_data([found], _chosen(period))
