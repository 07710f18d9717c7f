"""Who may see a case: the opening organisation; an organisation taking part while the consent
covers it and is not withdrawn (004, and PDL's rules on access by participation); and a user
with an emergency access in force to the individual (PDL 4 kap, "nödåtkomst")."""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.events import EventKind
from audit.services import record

from .models import Case, Consent, EmergencyAccess


class Basis(StrEnum):
    OPENING = "opening"
    PARTICIPATION = "participation"
    EMERGENCY = "emergency"


def organisation_of(user):
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.organisation if membership else None


def _participation(organisation, on: datetime.date) -> Q:
    return Q(
        participants=organisation,
        consents__organisations=organisation,
        consents__given_on__lte=on,
    ) & (Q(consents__withdrawn_on__isnull=True) | Q(consents__withdrawn_on__gt=on))


def _emergency_individuals(user, at: datetime.datetime) -> QuerySet:
    return EmergencyAccess.objects.filter(user=user, started_at__lte=at, ends_at__gt=at).values(
        "individual_id"
    )


def visible_case_ids(
    user, on: datetime.date | None = None, among: QuerySet | None = None
) -> QuerySet:
    """The ids of the cases the user may see on the day, as one subquery: the union of three
    indexed look-ups, where one query with three joins ORed would read every case there is.
    `among`: ids of the only cases asked about (those with pending deadlines, say), which lets
    each look-up start from the fewer rows."""
    organisation = organisation_of(user)
    if organisation is None:
        return Case.objects.none().values("pk")
    on = on or timezone.localdate()
    covering = (
        Consent.objects.filter(organisations=organisation, given_on__lte=on)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .values("case_id")
    )
    taking_part = Case.participants.through.objects.filter(organisation=organisation)
    emergency = Case.objects.filter(individual__in=_emergency_individuals(user, timezone.now()))
    opened = Case.objects.filter(opening_organisation=organisation)
    if among is not None:
        taking_part = taking_part.filter(case_id__in=among)
        emergency, opened = emergency.filter(pk__in=among), opened.filter(pk__in=among)
    # No ordering: a compound statement allows none in its parts.
    return (
        opened.order_by()
        .values("pk")
        .union(
            taking_part.filter(case_id__in=covering).order_by().values("case_id"),
            emergency.order_by().values("pk"),
        )
    )


def visible_cases(user, on: datetime.date | None = None) -> QuerySet[Case]:
    """The cases the user may see on the day; none without an organisation."""
    return Case.objects.filter(pk__in=visible_case_ids(user, on))


def access_basis(user, case: Case, on: datetime.date | None = None) -> Basis | None:
    """Why the user may see the case, or None when they may not."""
    organisation = organisation_of(user)
    if organisation is None or case.pk is None:
        return None
    if case.opening_organisation_id == organisation.pk:
        return Basis.OPENING
    on = on or timezone.localdate()
    if Case.objects.filter(_participation(organisation, on), pk=case.pk).exists():
        return Basis.PARTICIPATION
    if _emergency_individuals(user, timezone.now()).filter(individual=case.individual_id).exists():
        return Basis.EMERGENCY
    return None


def can_see(user, case: Case, on: datetime.date | None = None) -> bool:
    return access_basis(user, case, on) is not None


def can_act(user, case: Case) -> bool:
    """Steps are taken by the opening organisation and, once a plan names one, the
    coordinator's organisation ("kalla till nya nätverksmöten", 004 "Samordnare")."""
    organisation = organisation_of(user)
    if organisation is None:
        return False
    if organisation.pk == case.opening_organisation_id:
        return True
    return case.plans.filter(coordinator_organisation=organisation).exists()


def may_decide_to_call(user, case: Case) -> bool:
    """The nearest responsible manager of the opening organisation, or the one they appoint
    ("närmaste ansvarig chef, eller av chefen utsedd person", 004 "Samordnad planering –
    nätverksmöte")."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return (
        membership is not None
        and membership.organisation_id == case.opening_organisation_id
        and membership.may_decide_to_call
    )


def reach_case(
    user, pk: int, refusal: EventKind, path: str
) -> tuple[Case | None, Basis | None]:
    """The case and why the user may see it, for pages and API alike; when they may not, the
    attempt is recorded for the log review, the same whether the case exists or not, and the
    caller answers 404."""
    case = (
        Case.objects.select_related("individual__county", "opening_organisation")
        .filter(pk=pk)
        .first()
    )
    basis = access_basis(user, case) if case is not None else None
    if basis is None:
        record(user, refusal, case or Case(pk=pk), reason=path)
    return case, basis
