"""Demo disputes in Norrbotten, made through the same actions as the pages (invented): one on
responsibility between Luleå's social services and primary care, escalated from the municipal
group to the area's group, the child's interventions going on; and one on cost, resolved at the
municipal level, its outcome recorded as the placement's cost allocation."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from plans.models import Case
from structure.models import Organisation

from . import actions
from .models import Dispute


@transaction.atomic
def ensure_demo_disputes() -> int:
    """Create the demo disputes once; returns how many were created."""
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["socialsekreterare", "sjukskoterska", "samordnare"]
        )
    }
    open_case = Case.objects.filter(individual__name="Ella Nyström").first()
    cost_case = Case.objects.filter(individual__name="Elsa Lantto").first()
    if len(users) < 3 or None in (open_case, cost_case) or Dispute.objects.exists():
        return 0
    primary = Organisation.objects.get(
        county__slug="norrbotten", key="region-norrbotten-narsjukvard"
    )
    today = timezone.localdate()
    coordinator = users["samordnare"]

    open_dispute = actions.do_raise_dispute(
        users["socialsekreterare"],
        open_case,
        subject=Dispute.Subject.RESPONSIBILITY,
        respondent=primary,
        statement="Samtalsstödet är hälso- och sjukvård och ska ges av primärvården.",
        on=today,
    )
    actions.do_state_side(
        users["sjukskoterska"],
        open_dispute,
        text="Samtalsstödet är ett socialt stöd i hemmet och är socialtjänstens.",
        on=today,
    )
    actions.do_escalate_dispute(
        coordinator,
        open_dispute,
        to_step=1,
        text="Kommungruppen kom inte fram till en gemensam syn.",
        on=today,
    )

    cost = actions.do_raise_dispute(
        users["socialsekreterare"],
        cost_case,
        subject=Dispute.Subject.COST,
        respondent=primary,
        statement="Resorna till behandlingen är en del av vården och bekostas av regionen.",
        on=today,
    )
    actions.do_state_side(
        users["sjukskoterska"],
        cost,
        text="Resorna följer av placeringen och är kommunens kostnad.",
        on=today,
    )
    actions.do_resolve_dispute(
        coordinator,
        cost,
        outcome="Kommungruppen enades om att dela kostnaden lika.",
        shares=[
            {"principal": "lulea", "percent": 50},
            {"principal": "region-norrbotten", "percent": 50},
        ],
        on=today,
    )
    return Dispute.objects.count()
