"""What My pages show of a case, and nothing else: the established plan and its earlier
established versions, the coordinator and how to reach them, the network meetings to come and
the consents with the organisations they cover. Drafts, the concern, deadlines, minutes and the
staff's notes stay out. And, for the inbox, what waits for staff: consents withdrawn on My
pages (`waiting_for`)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch

from agreements.models import Agreement
from plans.access import organisation_of
from plans.models import Case, Consent, Intervention, NetworkMeeting, Plan

from .models import WithdrawalNotice
from .visitor import Reach


def cases_of(reach: Reach) -> list[Case]:
    """The cases of everyone the visitor sees, newest first."""
    ids = [p.individual.pk for p in reach.people]
    return list(
        Case.objects.filter(individual_id__in=ids)
        .annotate(
            has_plan=Exists(Plan.objects.filter(case=OuterRef("pk"), established_on__isnull=False))
        )
        .order_by("-opened_at")
    )


def reached_case(reach: Reach, pk: int) -> Case | None:
    ids = [p.individual.pk for p in reach.people]
    return (
        Case.objects.select_related("individual__county")
        .filter(pk=pk, individual_id__in=ids)
        .first()
    )


def established_plans(case: Case) -> list[Plan]:
    """Every established version, newest first, with what it holds and its principals named."""
    plans = list(
        case.plans.filter(established_on__isnull=False)
        .select_related("coordinator_organisation", "plan_owner_organisation")
        .prefetch_related(
            Prefetch(
                "interventions",
                queryset=Intervention.objects.select_related("organisation"),
            ),
            "no_further_action__organisation",
        )
        .order_by("-number")
    )
    name_principals(case, plans)
    return plans


def upcoming_meetings(case: Case, today: datetime.date) -> list[NetworkMeeting]:
    return list(
        case.meetings.filter(held_on__isnull=True, planned_for__gte=today).order_by("planned_for")
    )


def consents(case: Case) -> list[Consent]:
    return list(case.consents.prefetch_related("organisations").order_by("-given_on", "-pk"))


def coordinator_email(plan: Plan) -> str:
    """The coordinator's work e-mail, where the plan names a user of the platform in the
    coordinator's organisation by that name; otherwise the family reaches them through it."""
    if not plan.coordinator_name or plan.coordinator_organisation_id is None:
        return ""
    for user in (
        get_user_model()
        .objects.filter(
            membership__organisation_id=plan.coordinator_organisation_id, is_active=True
        )
        .exclude(email="")
    ):
        if user.get_full_name().casefold() == plan.coordinator_name.strip().casefold():
            return user.email
    return ""


def name_principals(case: Case, plans: list[Plan]) -> None:
    """Each plan's and intervention's principal by name (`principal_name`), as the county's
    agreement in force names it."""
    agreement = Agreement.objects.structure_in_force(county=case.individual.county)
    names = {p.id: p.name for p in agreement.document.parties} if agreement else {}
    for plan in plans:
        plan.principal_name = names.get(plan.overall_responsibility, "")
        for intervention in plan.interventions.all():
            intervention.principal_name = names.get(intervention.principal, "")


def waiting_for(user, today: datetime.date):
    """For the inbox: the consents withdrawn on My pages that the user's organisation leads and
    has not taken note of, as WithdrawalNotice rows (`case`, `withdrawn_on`: the day it was
    withdrawn, which is when it was due to be noted), oldest first. One query, on the index
    (organisation, acknowledged_at, withdrawn_on); `today` is not needed, since a notice waits
    from the day it is made."""
    organisation = organisation_of(user)
    if organisation is None:
        return WithdrawalNotice.objects.none()
    return (
        WithdrawalNotice.objects.filter(organisation=organisation, acknowledged_at__isnull=True)
        .select_related("case")
        .order_by("withdrawn_on", "pk")
    )
