"""Who may see My pages: the ages from the county's data (portal/data/access.yaml), each with
its source and the platform's reading of it where the guideline leaves the age open."""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from plans.identity import age_on

DATA = Path(__file__).resolve().parent / "data" / "access.yaml"


class AccessAges(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    own_access_from_age: int = Field(ge=0, le=18)
    guardians_until_age: int = Field(ge=1, le=18)
    source: str = Field(min_length=1)
    interpretation: str | None = None

    @model_validator(mode="after")
    def overlapping(self) -> AccessAges:
        # No age at which neither the young person nor a guardian could see the plan.
        if self.own_access_from_age > self.guardians_until_age:
            raise ValueError("own_access_from_age is after guardians_until_age")
        return self

    def sees_own(self, birth_date: datetime.date, today: datetime.date) -> bool:
        return age_on(birth_date, today) >= self.own_access_from_age

    def custody_limit(self, birth_date: datetime.date) -> datetime.date:
        """The day custody ends by law: the birthday of the age (a 29 February child on 1 March
        of a common year)."""
        year = birth_date.year + self.guardians_until_age
        try:
            return birth_date.replace(year=year)
        except ValueError:
            return datetime.date(year, 3, 1)


class AccessData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    default: AccessAges
    counties: dict[str, AccessAges] = Field(default_factory=dict)


@cache
def _data() -> AccessData:
    return AccessData.model_validate(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def access_ages(county_slug: str) -> AccessAges:
    data = _data()
    return data.counties.get(county_slug, data.default)
