"""A county's own choices for its meetings where the agreements say nothing: the notice and
minutes times, the number of meetings a body whose rules give none holds, the hours, what is
published, and the days of the year no meeting is planned (quiet periods).

A county's settings are made with the defaults on first use, together with the two quiet
periods Swedish public bodies commonly keep (the summer weeks, Christmas and the new year); the
structure's coordinators change them on the settings page, each change audited.
"""

from __future__ import annotations

import calendar
import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import can_manage_structure
from agreements.models import County
from audit.services import changes_between, record
from structure.actions import ConflictError

from . import events
from .models import MeetingSettings, QuietPeriod

# The defaults, kept in the county's language as a coordinator would have typed them: the
# label of a quiet period is the county's own text, not the platform's.
DEFAULT_QUIET_PERIODS = (
    ("Sommaruppehåll", (6, 22), (8, 9)),
    ("Jul och nyår", (12, 21), (1, 6)),
)

SETTINGS_FIELDS = (
    "notice_days",
    "minutes_days",
    "default_per_year",
    "default_start",
    "default_end",
    "publish_minutes",
    "publish_official_names",
    "send_notice_automatically",
)


# The settings already read in a `read_once` block, by county; None outside one.
_read: ContextVar[dict[int, MeetingSettings] | None] = ContextVar("meeting_settings", default=None)


@contextmanager
def read_once():
    """Within the block each county's settings are read at most once: a page that shows both
    the notice's and the minutes' days reads the settings once for both. Outside a block every
    call reads afresh, so that a change is seen at once."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def settings_for(county: County) -> MeetingSettings:
    """The county's settings, made with the defaults and the default quiet periods on first
    use."""
    read = _read.get()
    if read is not None and county.pk in read:
        return read[county.pk]
    # Read without a transaction: every page and proposal asks, and only the first one makes.
    found = MeetingSettings.objects.filter(county=county).first()
    found = found if found is not None else _made(county)
    if read is not None:
        read[county.pk] = found
    return found


@transaction.atomic
def _made(county: County) -> MeetingSettings:
    found, created = MeetingSettings.objects.get_or_create(county=county)
    if created:
        QuietPeriod.objects.bulk_create(
            QuietPeriod(
                county=county,
                label=label,
                starts_month=start[0],
                starts_day=start[1],
                ends_month=end[0],
                ends_day=end[1],
            )
            for label, start, end in DEFAULT_QUIET_PERIODS
        )
    return found


def quiet_periods(county: County) -> list[QuietPeriod]:
    settings_for(county)
    return list(QuietPeriod.objects.filter(county=county))


@dataclass(frozen=True)
class QuietPeriodData:
    label: str
    starts: tuple[int, int]  # (month, day)
    ends: tuple[int, int]


def _valid_day(month: int, day: int) -> bool:
    # 29 February counts: a quiet period is a day of every year, leap or not.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def check_quiet_period(period: QuietPeriodData) -> None:
    if not period.label.strip():
        raise ValidationError(_("Name the quiet period."))
    for month, day in (period.starts, period.ends):
        if not _valid_day(month, day):
            raise ValidationError(
                _("%(month)s/%(day)s is not a day of the year.") % {"month": month, "day": day}
            )


def _snapshot(settings: MeetingSettings, periods) -> dict:
    values = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    values["quiet_periods"] = [
        f"{p.label} {p.starts_month:02}-{p.starts_day:02}–{p.ends_month:02}-{p.ends_day:02}"
        for p in periods
    ]
    return values


@transaction.atomic
def do_change_settings(
    actor,
    county: County,
    values: dict,
    periods: list[QuietPeriodData],
    expected_version: int | None = None,
) -> MeetingSettings:
    """Change the county's settings and replace its quiet periods; refused to anyone but the
    structure's coordinators, and on a stale version."""
    if not can_manage_structure(actor):
        raise PermissionDenied(_("Only the structure's coordinators change the meeting settings."))
    settings = settings_for(county)
    settings = MeetingSettings.objects.select_for_update().get(pk=settings.pk)
    if expected_version is not None and settings.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed the meeting settings after you opened them. "
                "Your change is not saved."
            )
        )
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"not a setting: {sorted(unknown)}")
    start = values.get("default_start", settings.default_start)
    end = values.get("default_end", settings.default_end)
    if isinstance(start, datetime.time) and isinstance(end, datetime.time) and end <= start:
        raise ValidationError({"default_end": [_("The meetings end before they start.")]})
    for period in periods:
        check_quiet_period(period)
    before = _snapshot(settings, QuietPeriod.objects.filter(county=county))
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean(exclude=["county"])
    settings.version += 1
    settings.save()
    QuietPeriod.objects.filter(county=county).delete()
    QuietPeriod.objects.bulk_create(
        QuietPeriod(
            county=county,
            label=period.label.strip(),
            starts_month=period.starts[0],
            starts_day=period.starts[1],
            ends_month=period.ends[0],
            ends_day=period.ends[1],
        )
        for period in periods
    )
    after = _snapshot(settings, QuietPeriod.objects.filter(county=county))
    record(
        actor,
        events.SETTINGS_CHANGED,
        settings,
        {"county": county.slug},
        changes=changes_between(before, after),
    )
    return settings
