"""The placements' actions: what they record, what they refuse with a clear message, their
optimistic lock and their audit events."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import verify
from placements import actions
from placements.models import CostAllocation, Placement
from plans.models import Case
from structure.actions import ConflictError

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def place(case, orgs, people, **fields):
    values = {
        "kind": Placement.Kind.FAMILY_HOME,
        "compulsory": False,
        "acute": True,
        "decided_on": D("2026-03-02"),
        "deciding_organisation": orgs["social"],
        "starts_on": D("2026-03-02"),
    }
    values.update(fields)
    return actions.do_record_placement(people["socialsekreterare"], case, **values)


def messages_of(error: ValidationError, field: str) -> str:
    return " ".join(error.value.message_dict[field])


def test_an_acute_placement_stores_its_cost_allocation_due_day(case, orgs, people):
    placement = place(case, orgs, people)
    assert placement.cost_allocation_due_on == D("2026-03-16")
    assert placement.cost_allocation_agreed_on is None
    event = AuditEvent.objects.get(code="placement.recorded")
    assert event.params == {"kind": "family_home"}
    assert event.individual_id == case.individual_id


def test_a_planned_placement_is_due_the_day_before_it_starts(case, orgs, people):
    placement = place(case, orgs, people, acute=False, starts_on=D("2026-04-01"))
    assert placement.cost_allocation_due_on == D("2026-03-31")


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"decided_on": D("2025-12-30")}, "decided_on", "före att ärendet öppnades"),
        ({"starts_on": D("2026-03-01")}, "starts_on", "före beslutet om placeringen"),
        ({"ends_on": D("2026-03-01")}, "ends_on", "före placeringens start"),
        ({"kind": "tent"}, "kind", "Välj vilket slags placering"),
    ],
)
def test_dates_out_of_order_are_refused(case, orgs, people, fields, field, words):
    with pytest.raises(ValidationError) as error:
        place(case, orgs, people, **fields)
    assert words in messages_of(error, field)
    assert not Placement.objects.exists()


def test_a_decision_after_today_is_refused(case, orgs, people):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        place(case, orgs, people, decided_on=tomorrow, starts_on=tomorrow)
    assert "efter i dag" in messages_of(error, "decided_on")


def test_only_social_services_taking_part_decides(case, orgs, people):
    with pytest.raises(ValidationError) as error:
        place(case, orgs, people, deciding_organisation=orgs["bup"])
    assert "inte socialtjänst" in messages_of(error, "deciding_organisation")
    with pytest.raises(ValidationError) as error:
        place(case, orgs, people, deciding_organisation=orgs["kalix"])
    assert "deltar inte i ärendet" in messages_of(error, "deciding_organisation")


def test_a_closed_case_takes_no_placement(case, orgs, people):
    Case.objects.filter(pk=case.pk).update(state=Case.State.CLOSED)
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="avslutat"):
        place(case, orgs, people)


def test_a_change_moves_the_due_days_and_a_stale_one_is_refused(case, orgs, people):
    placement = place(case, orgs, people)
    actions.do_request_health_examination(
        people["socialsekreterare"], placement, organisation=orgs["primary"]
    )
    placement.refresh_from_db()
    version = placement.version
    changed = actions.do_change_placement(
        people["socialsekreterare"],
        placement,
        kind=Placement.Kind.HVB,
        compulsory=True,
        acute=False,
        decided_on=D("2026-03-02"),
        deciding_organisation=orgs["social"],
        starts_on=D("2026-03-20"),
        ends_on=D("2026-09-30"),
        expected_version=version,
    )
    assert changed.cost_allocation_due_on == D("2026-03-19")
    assert changed.health_examination.due_on == D("2026-03-20")
    event = AuditEvent.objects.get(code="placement.changed")
    assert event.changes["kind"] == ["family_home", "hvb"]
    with pytest.raises(ConflictError):
        actions.do_change_placement(
            people["socialsekreterare"],
            placement,
            kind=Placement.Kind.SIS,
            compulsory=True,
            acute=False,
            decided_on=D("2026-03-02"),
            deciding_organisation=orgs["social"],
            starts_on=D("2026-03-20"),
            expected_version=version,
        )
    assert Placement.objects.get().kind == Placement.Kind.HVB


def test_primary_care_examines_and_the_outcome_is_recorded(case, orgs, people):
    placement = place(case, orgs, people, acute=False, starts_on=D("2026-04-01"))
    examination = actions.do_request_health_examination(
        people["socialsekreterare"], placement, organisation=orgs["primary"]
    )
    assert examination.due_on == D("2026-04-01")
    placement.refresh_from_db()
    examination = actions.do_record_health_examination(
        people["sjukskoterska"],
        placement,
        examined_on=D("2026-03-25"),
        examiner="Nils Stenlund, distriktssköterska",
        outcome="Frisk; behöver tandvård och uppföljning av astma.",
        expected_version=placement.version,
    )
    assert examination.examined_on == D("2026-03-25")
    assert AuditEvent.objects.filter(code="placement.examination_recorded").count() == 1
    with pytest.raises(ValidationError, match="redan"):
        actions.do_request_health_examination(
            people["socialsekreterare"], placement, organisation=orgs["primary"]
        )


def test_an_examination_by_another_than_primary_care_is_refused(case, orgs, people):
    placement = place(case, orgs, people)
    with pytest.raises(ValidationError) as error:
        actions.do_request_health_examination(
            people["socialsekreterare"], placement, organisation=orgs["bup"]
        )
    assert "inte primärvård" in messages_of(error, "organisation")


def test_an_examination_needs_its_request_its_examiner_and_outcome(case, orgs, people):
    placement = place(case, orgs, people)
    with pytest.raises(ValidationError, match="först"):
        actions.do_record_health_examination(
            people["sjukskoterska"], placement, examined_on=D("2026-03-03"), examiner="", outcome=""
        )
    actions.do_request_health_examination(
        people["socialsekreterare"], placement, organisation=orgs["primary"]
    )
    with pytest.raises(ValidationError) as error:
        actions.do_record_health_examination(
            people["sjukskoterska"],
            placement,
            examined_on=D("2025-03-03"),
            examiner=" ",
            outcome="",
        )
    assert set(error.value.message_dict) == {"examined_on", "examiner", "outcome"}


SPLIT = [
    {"principal": "lulea", "percent": 60, "covers": "Familjehemmets arvode och omkostnader"},
    {"principal": "region-norrbotten", "percent": 40, "covers": "Behandling vid BUP"},
]


def test_a_cost_allocation_in_time_leaves_nothing_due(case, orgs, people):
    placement = place(case, orgs, people)
    allocation = actions.do_record_cost_allocation(
        people["socialsekreterare"], placement, shares=SPLIT, agreed_on=D("2026-03-13")
    )
    placement.refresh_from_db()
    assert placement.cost_allocation_agreed_on == D("2026-03-13")
    assert [(s.principal, s.percent) for s in allocation.shares.all()] == [
        ("lulea", 60),
        ("region-norrbotten", 40),
    ]
    event = AuditEvent.objects.get(code="placement.cost_allocation_recorded")
    assert event.params == {"n": 1}
    assert event.changes["shares"] == [None, {"lulea": 60, "region-norrbotten": 40}]


def test_a_dispute_outcome_replaces_the_allocation_and_both_are_kept(case, orgs, people):
    placement = place(case, orgs, people)
    actions.do_record_cost_allocation(
        people["socialsekreterare"], placement, shares=SPLIT, agreed_on=D("2026-03-13")
    )
    placement.refresh_from_db()
    actions.do_record_cost_allocation(
        people["socialsekreterare"],
        placement,
        shares=[
            {"principal": "lulea", "percent": 50},
            {"principal": "region-norrbotten", "percent": 50},
        ],
        agreed_on=D("2026-05-04"),
        basis=CostAllocation.Basis.DISPUTE,
        note="Länsstyrgruppens rekommendation.",
        expected_version=placement.version,
    )
    assert list(placement.cost_allocations.values_list("number", "basis")) == [
        (2, "dispute"),
        (1, "agreed"),
    ]
    assert verify().intact


@pytest.mark.parametrize(
    ("shares", "words"),
    [
        ([{"principal": "lulea", "percent": 60}], "60 procent"),
        (
            [{"principal": "lulea", "percent": 60}, {"principal": "kalix", "percent": 40}],
            "Kalix kommun deltar inte i ärendet",
        ),
        (
            [{"principal": "lulea", "percent": 50}, {"principal": "lulea", "percent": 50}],
            "två gånger",
        ),
        ([{"principal": "lulea", "percent": 101}], "0 till 100"),
        ([{"principal": "lulea", "percent": True}], "0 till 100"),
        ([], "Ange varje huvudmans andel"),
    ],
)
def test_a_split_that_does_not_hold_is_refused(case, orgs, people, shares, words):
    placement = place(case, orgs, people)
    with pytest.raises(ValidationError) as error:
        actions.do_record_cost_allocation(
            people["socialsekreterare"], placement, shares=shares, agreed_on=D("2026-03-13")
        )
    assert words in messages_of(error, "shares")
    assert not CostAllocation.objects.exists()
    placement.refresh_from_db()
    assert placement.version == 1


def test_an_inpatient_stay_is_planned_and_discharged(case, orgs, people):
    stay = actions.do_record_admission(
        people["bup"], case, admitted_on=D("2026-05-04"), compulsory=False, referred_by=orgs["bup"]
    )
    with pytest.raises(ValidationError, match="redan inskrivet"):
        actions.do_record_admission(
            people["bup"],
            case,
            admitted_on=D("2026-05-05"),
            compulsory=False,
            referred_by=orgs["bup"],
        )
    stay = actions.do_plan_discharge(
        people["socialsekreterare"],
        stay,
        leave_planning="Permission hem varannan helg.",
        discharge_planning="Skolan förbereder återgång; socialtjänsten stöd i hemmet.",
        discharge_planned_for=D("2026-06-01"),
        expected_version=stay.version,
    )
    with pytest.raises(ValidationError) as error:
        actions.do_plan_discharge(
            people["bup"],
            stay,
            leave_planning="",
            discharge_planning="",
            discharged_on=D("2026-05-01"),
        )
    assert "inskrivningen" in messages_of(error, "discharged_on")
    with pytest.raises(ConflictError):
        actions.do_plan_discharge(
            people["bup"], stay, leave_planning="", discharge_planning="", expected_version=1
        )
    assert [e.code for e in AuditEvent.objects.filter(code__startswith="placement.")] == [
        "placement.admission_recorded",
        "placement.discharge_planned",
    ]


def test_an_admission_is_referred_by_health_care(case, orgs, people):
    with pytest.raises(ValidationError) as error:
        actions.do_record_admission(
            people["bup"],
            case,
            admitted_on=D("2026-05-04"),
            compulsory=True,
            referred_by=orgs["social"],
        )
    assert "inte hälso- och sjukvård" in messages_of(error, "referred_by")
