"""Who may see a case: the opening organisation; an organisation taking part while the consent
covers it and is not withdrawn (004, and PDL's rules on access by participation); and a user
with an emergency access in force to the individual (PDL 4 kap, "nödåtkomst"). Only users whose
work is with individuals reach cases at all (`accounts.roles.works_with_individuals`): not
auditors, administrators, or the structure's coordinators and chairs."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.request_memo import once
from accounts.roles import works_with_individuals
from audit.events import EventKind
from audit.services import record

from .identity import same_name
from .models import ONE_DAY, Case, CaseVisibility, Consent, EmergencyAccess, consent_holds


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
    return Q(participants=organisation, consents__organisations=organisation) & consent_holds(
        on, "consents__"
    )


def _emergency_individuals(user, at: datetime.datetime) -> QuerySet:
    return EmergencyAccess.objects.filter(user=user, started_at__lte=at, ends_at__gt=at).values(
        "individual_id"
    )


def _seen_on(organisation, on: datetime.date) -> QuerySet[CaseVisibility]:
    """The organisation's visibility rows in force on the day."""
    return CaseVisibility.objects.filter(
        Q(visible_from__isnull=True) | Q(visible_from__lte=on),
        Q(visible_until__isnull=True) | Q(visible_until__gt=on),
        organisation=organisation,
    )


def seen_case_ids(organisation, on: datetime.date) -> QuerySet:
    """The ids of the cases the organisation opened or takes part in under a consent in force
    on the day (`own_visible_cases` but the emergency access), as one subquery of its
    visibility rows."""
    return _seen_on(organisation, on).order_by().values("case_id")


def visible_case_ids(
    user, on: datetime.date | None = None, among: QuerySet | None = None
) -> QuerySet:
    """The ids of the cases the user may see on the day, as one subquery: the organisation's
    visibility rows in force (opening, or taking part under a consent) and the cases under the
    user's emergency access. `among`: ids of the only cases asked about."""
    organisation = organisation_of(user)
    if organisation is None:
        return Case.objects.none().values("pk")
    on = on or timezone.localdate()
    seen = _seen_on(organisation, on)
    emergency = Case.objects.filter(individual__in=_emergency_individuals(user, timezone.now()))
    if among is not None:
        seen, emergency = seen.filter(case_id__in=among), emergency.filter(pk__in=among)
    # No ordering: a compound statement allows none in its parts.
    return seen.order_by().values("case_id").union(emergency.order_by().values("pk"))


def _covered_case_ids(organisation, on: datetime.date) -> QuerySet:
    """The cases whose consent covers the organisation on the day."""
    return Consent.objects.filter(consent_holds(on), organisations=organisation).values("case_id")


def _emergency_taking_part(user, organisation) -> QuerySet[Case]:
    """The cases the organisation takes part in that the user sees under an emergency access."""
    taking_part = Case.participants.through.objects.filter(organisation=organisation)
    return Case.objects.filter(
        pk__in=taking_part.values("case_id"),
        individual__in=_emergency_individuals(user, timezone.now()),
    )


def own_visible_cases(user, on: datetime.date | None = None) -> list[QuerySet[Case]]:
    """The cases the user's organisation opened or takes part in and the user may see on the
    day, as three look-ups whose union is the whole: opened, taking part under a consent in
    force, taking part under the user's emergency access. Empty for a user without an
    organisation."""
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
        _emergency_taking_part(user, organisation),
    ]


def own_open_cases_seen(
    user, on: datetime.date | None = None
) -> tuple[QuerySet[CaseVisibility], QuerySet[Case]] | None:
    """The open cases of `own_visible_cases`, as two look-ups whose union is the whole: the
    organisation's visibility rows of open cases in force on the day (one index range, carrying
    the order keys), and the open cases it takes part in that the user sees under an emergency
    access. None for a user without an organisation."""
    organisation = organisation_of(user)
    if organisation is None:
        return None
    on = on or timezone.localdate()
    return (
        _seen_on(organisation, on).filter(open=True),
        _emergency_taking_part(user, organisation).exclude(state=Case.State.CLOSED),
    )


def stretches_seen(
    opening_organisation_id: int,
    participants: Iterable[int],
    covering: Iterable[tuple[int, datetime.date, datetime.date | None]],
) -> list[tuple[int, datetime.date | None, datetime.date | None]]:
    """(organisation, from, until) for each stretch of days an organisation sees the case: the
    opening organisation always; each other one taking part on the days a consent naming it
    covers, from the day it was given until the day it ended (`covering`: organisation, given
    on, the first day it no longer held: withdrawn, or past its end date), overlapping and
    touching consents joined into one stretch, so that no day has two rows."""
    windows = defaultdict(list)
    taking_part = set(participants) - {opening_organisation_id}
    for organisation, given_on, withdrawn_on in covering:
        if organisation in taking_part and (withdrawn_on is None or withdrawn_on > given_on):
            windows[organisation].append((given_on, withdrawn_on))
    stretches = [(opening_organisation_id, None, None)]
    for organisation, found in sorted(windows.items()):
        found.sort(key=lambda window: (window[0], window[1] or datetime.date.max))
        start, end = found[0]
        for given_on, withdrawn_on in found[1:]:
            if end is not None and given_on > end:
                stretches.append((organisation, start, end))
                start, end = given_on, withdrawn_on
            elif end is not None and (withdrawn_on is None or withdrawn_on > end):
                end = withdrawn_on
        stretches.append((organisation, start, end))
    return stretches


def visibility_of(case_ids: list[int], case_model=Case, visibility_model=CaseVisibility) -> list:
    """The visibility rows of the cases as they now stand, unsaved, in three queries.
    `case_model`, `visibility_model`: a migration passes its historical models."""
    consent_model = case_model._meta.get_field("consents").related_model
    participants = defaultdict(list)
    for case_id, organisation_id in case_model.participants.through.objects.filter(
        case_id__in=case_ids
    ).values_list("case_id", "organisation_id"):
        participants[case_id].append(organisation_id)
    # A migration before consents had an end date passes a model without it.
    ends = ["consent__withdrawn_on"] + (
        ["consent__valid_until"]
        if any(f.name == "valid_until" for f in consent_model._meta.get_fields())
        else []
    )
    covering = defaultdict(list)
    for (
        case_id,
        organisation_id,
        given_on,
        withdrawn_on,
        *valid_until,
    ) in consent_model.organisations.through.objects.filter(
        consent__case_id__in=case_ids
    ).values_list("consent__case_id", "organisation_id", "consent__given_on", *ends):
        end_dates = [withdrawn_on] + [day + ONE_DAY for day in valid_until if day is not None]
        covering[case_id].append(
            (organisation_id, given_on, min((d for d in end_dates if d), default=None))
        )
    rows = []
    for case in case_model.objects.filter(pk__in=case_ids).values(
        "pk",
        "opening_organisation_id",
        "state",
        "next_due_on",
        "due_as_soon_as_possible",
        "opened_at",
    ):
        keys = {
            "open": case["state"] != Case.State.CLOSED,
            "next_due_on": case["next_due_on"],
            "due_as_soon_as_possible": case["due_as_soon_as_possible"],
            "opened_at": case["opened_at"],
        }
        rows.extend(
            visibility_model(
                case_id=case["pk"],
                organisation_id=organisation,
                visible_from=visible_from,
                visible_until=visible_until,
                **keys,
            )
            for organisation, visible_from, visible_until in stretches_seen(
                case["opening_organisation_id"], participants[case["pk"]], covering[case["pk"]]
            )
        )
    return rows


@transaction.atomic
def keep_visibility(case: Case) -> None:
    """Rewrite the case's visibility rows from the case as it now stands. Called after each
    change of a case (opened, a consent given or withdrawn, the participants chosen, a step
    taken, its deadlines refreshed), in the change's transaction, or in its own when called
    alone."""
    # One writer of a case's rows at a time: a second waits for the first to commit, then
    # replaces its rows rather than adding to them.
    list(Case.objects.select_for_update().filter(pk=case.pk).values_list("pk"))
    CaseVisibility.objects.filter(case_id=case.pk).delete()
    CaseVisibility.objects.bulk_create(visibility_of([case.pk]))


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
    consent), or under an emergency access; otherwise the case shows what its opener typed.
    Asked once per request: the case page and its sections ask it alike."""
    on = on or timezone.localdate()
    return once(
        ("shown_identity", user.pk, case.pk, basis, on),
        lambda: _shown_identity(user, case, basis, on),
    )


def _shown_identity(user, case: Case, basis: Basis, on: datetime.date) -> ShownIdentity:
    individual = case.individual
    organisation = organisation_of(user)
    registering = _registering_organisation_id(case)
    covered = (
        basis == Basis.EMERGENCY
        or (organisation is not None and registering == organisation.pk)
        or Consent.objects.filter(consent_holds(on), case__individual_id=case.individual_id)
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
