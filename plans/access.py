"""Who may see a case: the opening organisation; an organisation taking part while the consent
covers it and is not withdrawn (004, and PDL's rules on access by participation); and a user
with an emergency access in force to the individual (PDL 4 kap, "nödåtkomst"). Only users whose
work is with individuals reach cases at all (`accounts.roles.works_with_individuals`): not
auditors, administrators, or the structure's coordinators and chairs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.roles import works_with_individuals
from audit.events import EventKind
from audit.services import record

from .identity import same_name
from .models import Case, Consent, EmergencyAccess


class Basis(StrEnum):
    OPENING = "opening"
    PARTICIPATION = "participation"
    EMERGENCY = "emergency"


def organisation_of(user):
    """The organisation through which the user works with individuals' cases; None for a
    user whose role gives no cases (they then see, open and act on none)."""
    if not works_with_individuals(user):
        return None
    return user.membership.organisation


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
    covering = _covered_case_ids(organisation, on)
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


def _covered_case_ids(organisation, on: datetime.date) -> QuerySet:
    """The cases whose consent covers the organisation on the day."""
    return (
        Consent.objects.filter(organisations=organisation, given_on__lte=on)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .values("case_id")
    )


def own_visible_cases(user, on: datetime.date | None = None) -> list[QuerySet[Case]]:
    """The cases the user's organisation opened or takes part in and the user may see on the
    day, as three look-ups whose union is the whole: a list that orders them all reads each
    from its own index, where filtering the cases by their ids would read every case there
    is. None for a user without an organisation."""
    organisation = organisation_of(user)
    if organisation is None:
        return []
    on = on or timezone.localdate()
    taking_part = Case.participants.through.objects.filter(organisation=organisation)
    return [
        Case.objects.filter(opening_organisation=organisation),
        Case.objects.filter(
            pk__in=taking_part.filter(case_id__in=_covered_case_ids(organisation, on)).values(
                "case_id"
            )
        ),
        Case.objects.filter(
            pk__in=taking_part.values("case_id"),
            individual__in=_emergency_individuals(user, timezone.now()),
        ),
    ]


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
    """Steps are taken by the opening organisation and by the coordinator's organisation that
    the plan in force names (004 "Samordnare": "I den samordnade individuella planen anges vem
    som mötet utsett till samordnare", who is to "kalla till nya nätverksmöten"): never by one
    a draft names, nor by one an earlier version named."""
    organisation = organisation_of(user)
    if organisation is None:
        return False
    if organisation.pk == case.opening_organisation_id:
        return True
    in_force = (
        case.plans.filter(established_on__isnull=False)
        .order_by("-number")
        .values_list("coordinator_organisation_id", flat=True)
        .first()
    )
    return in_force == organisation.pk


def may_decide_to_call(user, case: Case) -> bool:
    """The nearest responsible manager of the opening organisation, or the one they appoint
    ("närmaste ansvarig chef, eller av chefen utsedd person", 004 "Samordnad planering –
    nätverksmöte")."""
    if not works_with_individuals(user):
        return False
    membership = user.membership
    return (
        membership.organisation_id == case.opening_organisation_id and membership.may_decide_to_call
    )


def reach_case(user, pk: int, refusal: EventKind, path: str) -> tuple[Case | None, Basis | None]:
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


@dataclass(frozen=True)
class ShownIdentity:
    """The individual's name and guardians as the viewer may see them on one case."""

    name: str
    guardians: list[str]
    # The number was registered by another organisation whose details are withheld.
    withheld: bool
    # The name typed when this case was opened differs from the registered one; told to the
    # opening organisation, who typed it, without the other name unless they may see it.
    name_differs: bool


def _registering_organisation_id(case: Case) -> int | None:
    """The organisation that registered the individual: the one that opened their first case."""
    return (
        Case.objects.filter(individual_id=case.individual_id)
        .order_by("opened_at", "pk")
        .values_list("opening_organisation_id", flat=True)
        .first()
    )


def shown_identity(user, case: Case, basis: Basis, on: datetime.date | None = None):
    """What the viewer may see of who the case is about. The name and guardians that another
    organisation registered are shown only when a consent in force covers both that
    organisation and the viewer's (PDL and OSL: no sharing between organisations without
    consent), or under an emergency access; otherwise the case shows what its opener typed."""
    individual = case.individual
    organisation = organisation_of(user)
    registering = _registering_organisation_id(case)
    on = on or timezone.localdate()
    covered = (
        basis == Basis.EMERGENCY
        or (organisation is not None and registering == organisation.pk)
        or Consent.objects.filter(case__individual_id=case.individual_id, given_on__lte=on)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .filter(organisations=organisation)
        .filter(organisations=registering)
        .exists()
    )
    typed = case.name_as_given
    differs = (
        bool(typed)
        and organisation is not None
        and organisation.pk == case.opening_organisation_id
        and not same_name(typed, individual.name)
    )
    if covered:
        return ShownIdentity(
            individual.name, [g.name for g in individual.guardians.all()], False, differs
        )
    return ShownIdentity(
        typed, case.guardians_as_given.split("\n") if case.guardians_as_given else [], True, differs
    )
