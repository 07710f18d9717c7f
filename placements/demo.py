"""Demo placements in Norrbotten, made through the same actions as the pages, on the demo cases
of plans.demo (invented people): an acute placement in a family home whose cost allocation is
still due and whose health examination waits for primary care; a planned placement at an HVB
with the examination done and the costs agreed before it starts; and a stay at BUP's inpatient
ward at Sunderby, its leave and discharge planned with the municipality."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from plans.models import Case
from structure.models import Organisation

from . import actions
from .models import InpatientStay, Placement


def _case(name: str) -> Case | None:
    return Case.objects.filter(individual__name=name).first()


@transaction.atomic
def ensure_demo_placements() -> int:
    """Create the demo placements and the stay once; returns how many were created."""
    User = get_user_model()
    social_worker = User.objects.filter(username="socialsekreterare").first()
    nurse = User.objects.filter(username="sjukskoterska").first()
    acute, planned, admitted = _case("Alva Nordin"), _case("Elsa Lantto"), _case("Vidar Keskitalo")
    if (
        None in (social_worker, nurse, acute, planned, admitted)
        or Placement.objects.exists()
        or InpatientStay.objects.exists()
    ):
        return 0
    social = Organisation.objects.get(key="lulea-socialtjansten")
    primary = Organisation.objects.get(key="region-norrbotten-narsjukvard")
    bup = Organisation.objects.get(key="region-norrbotten-barn-och-ungdomspsykiatri")
    today = timezone.localdate()

    def days(n: int) -> datetime.date:
        return today + datetime.timedelta(days=n)

    # Acute: placed in a family home two days ago under LVU; the costs are due within ten
    # working days of the decision and primary care is asked to examine her.
    placement = actions.do_record_placement(
        social_worker,
        acute,
        kind=Placement.Kind.FAMILY_HOME,
        compulsory=True,
        acute=True,
        decided_on=days(-2),
        deciding_organisation=social,
        starts_on=days(-2),
    )
    actions.do_request_health_examination(
        social_worker, placement, organisation=primary, requested_on=days(-2)
    )

    # Planned: an HVB from next week, examined and with the costs agreed before it starts.
    placement = actions.do_record_placement(
        social_worker,
        planned,
        kind=Placement.Kind.HVB,
        compulsory=False,
        acute=False,
        decided_on=days(-10),
        deciding_organisation=social,
        starts_on=days(7),
    )
    actions.do_request_health_examination(
        social_worker, placement, organisation=primary, requested_on=days(-9)
    )
    actions.do_record_health_examination(
        nurse,
        placement,
        examined_on=days(-3),
        examiner="Nils Stenlund, distriktssköterska, Hälsocentralen",
        outcome="Frisk. Behöver fortsatt astmauppföljning på hälsocentralen nära HVB-hemmet "
        "och en tid hos tandvården.",
    )
    actions.do_record_cost_allocation(
        social_worker,
        placement,
        shares=[
            {"principal": "lulea", "percent": 80, "covers": "HVB-placeringen och skolgången"},
            {
                "principal": "region-norrbotten",
                "percent": 20,
                "covers": "Behandlingsinsatser från BUP under placeringen",
            },
        ],
        agreed_on=days(-1),
        note="Överenskommet vid nätverksmötet.",
    )

    # Inpatient care at BUP's ward, on BUP's referral; school and social services go on.
    stay = actions.do_record_admission(
        social_worker, admitted, admitted_on=days(-5), compulsory=False, referred_by=bup
    )
    actions.do_plan_discharge(
        social_worker,
        stay,
        leave_planning="Permission hem över helgen; skolan skickar uppgifter till avdelningen.",
        discharge_planning="Samplanering med socialtjänsten och skolan inför utskrivningen; "
        "stödet i hemmet fortsätter.",
        discharge_planned_for=days(14),
    )
    return 3
