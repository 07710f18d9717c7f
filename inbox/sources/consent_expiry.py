"""Consents about to expire: a consent given for a limited time, from the county's number of
days before its end date (plans.ConsentReminder) until a new consent is recorded, for the
organisation that opened the case and the coordinator's organisation of its plan in force, while
the case is open. Due on the consent's last day; past it, overdue: the case then rests on no
consent (plans.Case.consent_in_force). Two indexed queries and the county's setting."""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from plans.access import organisation_of, visible_case_ids
from plans.models import Case, CaseVisibility, Consent, ConsentReminder, Plan

from . import Item, Source, by_case_organisation, register

WHAT = gettext_lazy("Case %(n)s: the consent ends")
NEXT_STEP = gettext_lazy("Record a new consent")


def _in_force_coordinated_by(organisation, among):
    """The cases `among` whose plan in force (the latest established) names the organisation
    as coordinator. Asked only of the plans of cases among them: whether a later plan exists is
    one index probe a plan, and most plans an organisation has coordinated are of cases with
    no consent ending."""
    later = Plan.objects.filter(
        case_id=OuterRef("case_id"), established_on__isnull=False, number__gt=OuterRef("number")
    )
    return (
        Plan.objects.filter(
            coordinator_organisation=organisation,
            established_on__isnull=False,
            case_id__in=among.values("case_id"),
        )
        .filter(~Exists(later))
        .values("case_id")
    )


def _horizon(county_id: int, today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=ConsentReminder.days_for(county_id))


def expiring(horizon: datetime.date):
    """The consents of open cases whose end date is by the horizon (past ones included), not
    withdrawn before then and not followed by a consent that holds longer."""
    longer = Consent.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=OuterRef("valid_until")),
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=OuterRef("valid_until")),
        case_id=OuterRef("case_id"),
    ).exclude(pk=OuterRef("pk"))
    return (
        Consent.objects.filter(valid_until__lte=horizon)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=F("valid_until")))
        .exclude(case__state=Case.State.CLOSED)
        .filter(~Exists(longer))
    )


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    organisation = organisation_of(user)
    if organisation is None:
        return []
    horizon = _horizon(organisation.county_id, today)
    # The cases it opened: its visibility rows without a first day (as inbox.sources.cases).
    opened = CaseVisibility.objects.filter(organisation=organisation, visible_from__isnull=True)
    # And the plans it coordinates, asked only of cases with a consent ending by then: the
    # query below keeps those whose consent is the one ending. Both kinds in one read.
    ending_by = Consent.objects.filter(valid_until__lte=horizon)
    found = (
        expiring(horizon)
        .filter(
            Q(case_id__in=opened.values("case_id"))
            | Q(case_id__in=_in_force_coordinated_by(organisation, among=ending_by))
        )
        .annotate(by_opener=Exists(opened.filter(case_id=OuterRef("case_id"))))
        .values_list("case_id", "valid_until", "by_opener")
    )
    rows, coordinated = {}, {}
    for case_id, valid_until, by_opener in found:
        (rows if by_opener else coordinated)[case_id] = valid_until
    # Of the plans it coordinates, the cases it still sees: the consent covers it until its
    # end, so past that day only the opening organisation is reminded.
    visible = visible_case_ids(user, today, among=[0, *coordinated])
    seen = {case_id for row in visible for case_id in row.values()}
    rows.update((case_id, day) for case_id, day in coordinated.items() if case_id in seen)
    ordered = sorted(rows.items(), key=lambda row: (row[1], row[0]))[: limit + 1]
    what, next_step = str(WHAT), str(NEXT_STEP)
    return [
        Item(
            source="consent_expiry",
            what=what % {"n": case_id},
            next_step=next_step,
            url=reverse("plans:new_consent", args=[case_id]),
            due_on=valid_until,
            case_id=case_id,
        )
        for case_id, valid_until in ordered
    ]


SOURCE = register(Source("consent_expiry", collect, shared=by_case_organisation))
