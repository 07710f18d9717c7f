"""The log review (HSLF-FS 2016:40): the accesses to individuals' data, filtered for a systematic,
recurring review, with the emergency accesses and refused attempts easy to pick out; and the
same rows as CSV for Excel."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from audit.models import Action, AuditEvent

from .actors import describe

# Every model of the individual level lives in the plans app; their events are the accesses.
PLANS = "plans."
BATCH = 500


class Kind(models.TextChoices):
    ALL = "", gettext_lazy("All")
    READS = "reads", gettext_lazy("Reads")
    EMERGENCY = "emergency", gettext_lazy("Emergency accesses")
    REFUSED = "refused", gettext_lazy("Refused attempts")
    OUTSIDE = "outside", gettext_lazy("Outside participation")


KIND_FILTERS = {
    Kind.READS: Q(action=Action.READ),
    Kind.EMERGENCY: Q(emergency=True),
    Kind.REFUSED: Q(action=Action.REFUSED),
    # Outside participation: an access by emergency, or an attempt that was refused.
    Kind.OUTSIDE: Q(emergency=True) | Q(action=Action.REFUSED),
}


def may_review(user) -> bool:
    """Auditors review the log; the platform's superusers may too."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = getattr(user, "membership", None)
    return membership is not None and membership.role == Membership.Role.AUDITOR


def organisation_names() -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type__startswith=PLANS)
        .exclude(organisation_name="")
        .values_list("organisation_name", flat=True)
        .distinct()
        .order_by("organisation_name")
    )


def _case_models() -> list:
    """The individual level's models that belong to one case (consents, plans, meetings)."""
    return [
        model
        for model in apps.get_app_config("plans").get_models()
        if any(field.name == "case" and field.many_to_one for field in model._meta.fields)
    ]


def _of_case(number: int) -> Q:
    """Events on the case itself and on the rows that belong to it."""
    condition = Q(object_type="plans.case", object_id=str(number))
    for model in _case_models():
        ids = [str(pk) for pk in model.objects.filter(case=number).values_list("pk", flat=True)]
        if ids:
            condition |= Q(object_type=model._meta.label_lower, object_id__in=ids)
    return condition


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _period(
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    organisation: str = "",
    case: int | None = None,
    user: str = "",
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(object_type__startswith=PLANS)
    # Whole days in the platform's time zone (Europe/Stockholm), as bounds on the timestamp.
    if date_from:
        events = events.filter(at__gte=_start_of(date_from))
    if date_to:
        events = events.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    if organisation:
        events = events.filter(organisation_name=organisation)
    if case:
        events = events.filter(_of_case(case))
    # The accounts by name, or the user name as logged, for an account renamed since.
    if user.strip():
        events = events.filter(Q(actor__in=_users_named(user)) | Q(actor_name__iexact=user.strip()))
    return events


def _users_named(text: str) -> list[int]:
    """The accounts whose user name, first and last name hold every word typed. Compared in
    Python: SQLite ignores case only for ASCII, and "åström" must find Åström."""
    words = text.casefold().split()
    accounts = get_user_model().objects.values_list("pk", "username", "first_name", "last_name")
    return [
        pk for pk, *names in accounts if all(word in " ".join(names).casefold() for word in words)
    ]


def accesses(*, kind: str = Kind.ALL, **filters) -> QuerySet[AuditEvent]:
    """The filtered accesses, newest first (ids follow the chain, so the order of writing)."""
    events = _period(**filters)
    if kind in KIND_FILTERS:
        events = events.filter(KIND_FILTERS[kind])
    return events.select_related("actor").order_by("-id")


def counts(*, kind: str = Kind.ALL, **filters) -> dict[str, int]:
    """How many accesses of each kind the other filters leave, in one query."""
    # Aliases apart from the field names: an aggregate may not share a name with a field.
    aggregates = {"count_all": Count("id")}
    aggregates.update({f"count_{key}": Count("id", filter=q) for key, q in KIND_FILTERS.items()})
    found = _period(**filters).aggregate(**aggregates)
    return {alias.removeprefix("count_"): number for alias, number in found.items()}


@dataclass(frozen=True)
class Row:
    at: datetime.datetime
    who: str
    organisation: str
    action: str
    case: int | None
    summary: str
    reason: str
    emergency: bool

    @property
    def action_display(self) -> str:
        return Action(self.action).label


def person(event: AuditEvent) -> str:
    """The full name and the user name as logged; the name as logged if the account is gone;
    for a family member on My pages or the platform's own work, their words (actors)."""
    full_name = event.actor.get_full_name() if event.actor else ""
    if full_name and full_name != event.actor_name:
        return f"{full_name} ({event.actor_name})"
    return full_name or describe(event.actor_name)


def case_numbers(events: list[AuditEvent]) -> dict[int, int]:
    """Event id → the number of the case the event concerns, where there is one."""
    numbers = {}
    wanted: dict[str, dict[str, list[int]]] = {}
    for event in events:
        if not event.object_id.isdigit():
            continue
        if event.object_type == "plans.case":
            numbers[event.id] = int(event.object_id)
        else:
            wanted.setdefault(event.object_type, {}).setdefault(event.object_id, []).append(
                event.id
            )
    for model in _case_models():
        by_object = wanted.get(model._meta.label_lower)
        if not by_object:
            continue
        pairs = model.objects.filter(pk__in=[int(pk) for pk in by_object]).values_list(
            "pk", "case_id"
        )
        for pk, case_id in pairs:
            for event_id in by_object[str(pk)]:
                numbers[event_id] = case_id
    return numbers


def rows(events: Iterable[AuditEvent]) -> Iterator[Row]:
    """The events as rows of the review, the case numbers looked up a batch at a time."""
    events = iter(events)
    while batch := list(islice(events, BATCH)):
        numbers = case_numbers(batch)
        for event in batch:
            yield Row(
                at=timezone.localtime(event.at),
                who=person(event),
                organisation=event.organisation_name,
                action=event.action,
                case=numbers.get(event.id),
                summary=event.text,
                reason=event.reason,
                emergency=event.emergency,
            )


class _Echo:
    """A file-like object that hands each written line back, for streaming."""

    def write(self, value: str) -> str:
        return value


def spreadsheet_cell(value) -> str:
    """Text as Excel should show it: free text starting like a formula is kept as text."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_lines(header: list[str], lines: Iterable[list]) -> Iterator[str]:
    """UTF-8 with a byte order mark and semicolons: what Swedish Excel opens as it is."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    yield writer.writerow(header)
    for line in lines:
        yield writer.writerow([spreadsheet_cell(value) for value in line])


def review_csv(events: QuerySet[AuditEvent]) -> Iterator[str]:
    """The review's rows for Excel. The words are translated in the request's language, also
    those of the events, which are written while the response streams."""
    actions = {value: str(label) for value, label in Action.choices}
    yes = _("yes")
    header = [
        _("When"),
        _("Who"),
        _("Organisation"),
        _("What"),
        _("Case"),
        _("Summary"),
        _("Reason"),
        _("Emergency access"),
    ]
    lines = (
        [
            f"{row.at:%Y-%m-%d %H:%M:%S}",
            row.who,
            row.organisation,
            actions[row.action],
            row.case,
            row.summary,
            row.reason,
            yes if row.emergency else "",
        ]
        for row in _in_language(translation.get_language(), events.iterator(chunk_size=BATCH))
    )
    return csv_lines(header, lines)


def _in_language(language: str, events: Iterable[AuditEvent]) -> Iterator[Row]:
    """The rows, each event's sentence written in the language (after the request has ended)."""
    found = rows(events)
    while True:
        with translation.override(language):
            row = next(found, None)
        if row is None:
            return
        yield row
