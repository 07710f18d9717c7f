"""Retention (gallring): how long each kind of record is kept, as data with its legal source.

The law's periods are national and stated once (`agreements/retention/national.yaml`); a county
whose municipalities and region have decided otherwise (their own gallringsbeslut) states it in
`agreements/retention/<county>.yaml`, with its source, for the kinds it changes. A county can
keep a record longer than the national period, never shorter than the law's minimum: the schema
refuses such a file.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from django.utils.translation import gettext as _
from pydantic import Field, ValidationError, model_validator

from .schema import Identifier, Source, Strict

DIRECTORY = Path(__file__).resolve().parent / "retention"
NATIONAL = "national"


class RecordKind(StrEnum):
    # A case at the individual level and everything recorded under it (consents, meetings,
    # plans, placements, deviations and disputes about it), counted from its last entry.
    CASE = "case"
    # The audit trail of who read or changed what.
    AUDIT_EVENT = "audit_event"


class Period(Strict):
    """Kept for `years` after the record's last entry; never fewer than `minimum_years`."""

    years: int = Field(ge=1, le=100)
    minimum_years: int | None = Field(default=None, ge=1, le=100)
    source: Source

    @model_validator(mode="after")
    def not_below_the_minimum(self) -> Period:
        if self.minimum_years is not None and self.years < self.minimum_years:
            raise ValueError(_("years is below the minimum the law sets"))
        return self


class RetentionFile(Strict):
    county: Identifier
    kinds: dict[RecordKind, Period] = Field(min_length=1)


class RetentionError(Exception):
    """A retention file the schema or the law's minimum refuses; the message names why."""


def read(path: Path) -> RetentionFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return RetentionFile.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise RetentionError(f"{path}: {error}") from error


@cache
def _files(directory: Path) -> dict[str, RetentionFile]:
    files = {}
    for path in sorted(directory.glob("*.yaml")):
        found = read(path)
        if found.county != path.stem:
            raise RetentionError(f"{path}: county {found.county!r} is not the file's name")
        files[found.county] = found
    if NATIONAL not in files:
        raise RetentionError(f"{directory}: {NATIONAL}.yaml is missing")
    return files


def directory() -> Path:
    return Path(getattr(settings, "SAMVERKAN_RETENTION_DIR", "") or DIRECTORY)


def period(kind: RecordKind, county: str = NATIONAL) -> Period:
    """The county's period for the kind, or the national one; a county's shorter than the law's
    minimum is refused."""
    return _chosen(_files(directory()), kind, county)


def _chosen(files: dict[str, RetentionFile], kind: RecordKind, county: str) -> Period:
    national = files[NATIONAL].kinds[kind]
    own = files.get(county)
    chosen = own.kinds.get(kind, national) if own else national
    if national.minimum_years is not None and chosen.years < national.minimum_years:
        raise RetentionError(
            f"{county}.yaml: {kind} kept {chosen.years} years, below the law's "
            f"{national.minimum_years}"
        )
    return chosen


def cutoff(kind: RecordKind, today: datetime.date, county: str = NATIONAL) -> datetime.date:
    """Records whose last entry is before this day have expired."""
    years = period(kind, county).years
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def validate_all(path: Path | None = None) -> list[str]:
    """Every county's file against the national minimums: the errors, none when all hold."""
    _files.cache_clear()
    try:
        files = _files(path or directory())
        for county in files:
            for kind in RecordKind:
                _chosen(files, kind, county)
    except RetentionError as error:
        return [str(error)]
    finally:
        _files.cache_clear()
    return []
