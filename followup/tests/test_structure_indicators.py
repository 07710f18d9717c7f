"""The structure's indicators on built data with known answers: meetings held as the first
adopted year plan listed them, the parties present, minutes approved within the county's days,
the seats the agreement requires that stand empty (Norrbotten's länsstyrgrupp, 001 "Representanter
länsstyrgruppen": five social services chiefs, four education chiefs …) and the compliance
check's errors; no data, never 0, for a period to come or a county without an agreement."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import County
from followup.indicators import compute
from meetings.models import AdoptedPlan, Attendance, Meeting, MeetingSettings, Minutes, YearPlan
from meetings.tests.builders import at, meeting, user
from structure.compliance import ERROR, evaluate
from structure.tests.builders import appoint, loaded_county, organisation, person

pytestmark = pytest.mark.django_db

HELD = Meeting.Status.HELD
CANCELLED = Meeting.Status.CANCELLED
STRUCTURE_KEYS = [
    "meetings_held_as_planned",
    "meetings_parties_present",
    "minutes_approved_in_time",
    "vacant_seats",
    "compliance_errors",
]


def d(month, day, year=2025):
    return datetime.date(year, month, day)


def values(county, period, key, breakdown="county"):
    return {v.group: v for v in compute(county, period, breakdown, keys=[key])}


@pytest.fixture
def norrbotten():
    return loaded_county("norrbotten")


def adopted(county, body, meetings, *, instance="", cancelled=()):
    """A year plan of 2025 first adopted with the meetings (and the days listed as cancelled)."""
    plan = YearPlan.objects.create(
        county=county, body=body, instance=instance, year=2025, state=YearPlan.State.ADOPTED
    )
    listed = [
        {"uid": str(m.uid), "starts_at": m.starts_at.isoformat(), "status": "planned"}
        for m in meetings
    ] + [
        {"uid": str(uuid.uuid4()), "starts_at": at(day, 10).isoformat(), "status": CANCELLED}
        for day in cancelled
    ]
    AdoptedPlan.objects.create(
        plan=plan, number=1, adopted_at=timezone.now(), adopted_by=user(), meetings=listed
    )
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(plan=plan)
    return plan


def test_meetings_held_against_the_first_adopted_plan(norrbotten):
    february = meeting(norrbotten, "lansstyrgrupp", d(2, 12), status=HELD)
    may = meeting(norrbotten, "lansstyrgrupp", d(5, 7), status=HELD)
    september = meeting(norrbotten, "lansstyrgrupp", d(9, 10), status=CANCELLED)
    november = meeting(norrbotten, "lansstyrgrupp", d(11, 19), status=HELD)
    adopted(norrbotten, "lansstyrgrupp", [february, may, september, november], cancelled=[d(6, 1)])
    # Moved to December after adoption and held there: still the plan's meeting, held.
    Meeting.objects.filter(pk=november.pk).update(starts_at=at(d(12, 3), 10))
    # An extra meeting the plan did not list does not count.
    meeting(norrbotten, "lansstyrgrupp", d(10, 1), status=HELD, kind=Meeting.Kind.EXTRA)
    year = values(norrbotten, "2025", "meetings_held_as_planned")[""]
    assert (year.numerator, year.denominator, year.value) == (3, 4, Decimal("75.0"))
    assert year.distribution == {"lansstyrgrupp": 1}
    assert year.group_label == "Norrbottens län"
    third = values(norrbotten, "2025Q3", "meetings_held_as_planned")[""]
    assert (third.numerator, third.denominator, third.value) == (0, 1, Decimal("0.0"))
    first = values(norrbotten, "2025Q1", "meetings_held_as_planned")[""]
    assert (first.numerator, first.denominator) == (1, 1)


def test_meetings_held_per_area_municipality_and_body(norrbotten):
    boden_lulea = [
        meeting(norrbotten, "lansdelsgrupp", d(3, 3), instance="boden-lulea", status=HELD),
        meeting(norrbotten, "lansdelsgrupp", d(10, 6), instance="boden-lulea"),
    ]
    adopted(norrbotten, "lansdelsgrupp", boden_lulea, instance="boden-lulea")
    lulea = [meeting(norrbotten, "kommungrupp", d(4, 1), instance="lulea", status=HELD)]
    adopted(norrbotten, "kommungrupp", lulea, instance="lulea")
    areas = values(norrbotten, "2025", "meetings_held_as_planned", "area")
    # Luleå's own group belongs to its area too; an area without a plan has no data.
    assert (areas["boden-lulea"].numerator, areas["boden-lulea"].denominator) == (2, 3)
    assert areas["norra-norrbotten"].value is None and areas["norra-norrbotten"].numerator is None
    municipalities = values(norrbotten, "2025", "meetings_held_as_planned", "municipality")
    assert municipalities["2580"].value == Decimal("100.0")
    assert municipalities["2582"].value is None  # Boden: no plan of its own group
    assert "other" not in municipalities
    # Which bodies left planned meetings unheld: the area group one of its two.
    assert areas["boden-lulea"].distribution == {"lansdelsgrupp": 1}
    assert municipalities["2580"].distribution is None


def attended(held, principal, *, came=True, role=Attendance.Role.MEMBER):
    org = organisation(held.county, principal)
    holder = person(org)
    appointment = appoint(holder, held.body, "x", organisation=org, starts=d(1, 1))
    Attendance.objects.create(
        meeting=held, person=holder, appointment=appointment, role=role, attended=came
    )


def test_parties_present_by_county_and_principal(norrbotten):
    # The länsstyrgrupp's seats name the region, Norrbottens Kommuner and any municipality.
    first = meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD)
    attended(first, "region-norrbotten")
    attended(first, "lulea", role=Attendance.Role.SUBSTITUTE)
    attended(first, "norrbottens-kommuner", came=False)
    second = meeting(norrbotten, "lansstyrgrupp", d(5, 15), status=HELD)
    for principal in ("region-norrbotten", "kiruna", "norrbottens-kommuner"):
        attended(second, principal)
    # Attendance not recorded: not counted, neither present nor absent.
    meeting(norrbotten, "lansstyrgrupp", d(9, 15), status=HELD)
    county = values(norrbotten, "2025", "meetings_parties_present")[""]
    assert (county.numerator, county.denominator, county.value) == (5, 6, Decimal("83.3"))
    parties = values(norrbotten, "2025", "meetings_parties_present", "principal")
    assert (parties["region-norrbotten"].numerator, parties["region-norrbotten"].denominator) == (
        2,
        2,
    )
    assert parties["norrbottens-kommuner"].value == Decimal("50.0")
    # A seat any municipality may fill is no one municipality's.
    assert parties["lulea"].value is None
    assert values(norrbotten, "2025Q4", "meetings_parties_present")[""].value is None


def approve(held, day):
    Minutes.objects.create(
        meeting=held, written_by=user(), state=Minutes.State.APPROVED, approved_at=at(day, 16)
    )


def test_minutes_approved_within_the_countys_days(norrbotten):
    approve(meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD), d(3, 30))
    approve(meeting(norrbotten, "lansstyrgrupp", d(5, 15), status=HELD), d(6, 10))
    meeting(norrbotten, "lansstyrgrupp", d(9, 10), status=HELD)  # never approved
    meeting(norrbotten, "lansstyrgrupp", d(11, 10), status=CANCELLED)
    found = values(norrbotten, "2025", "minutes_approved_in_time")[""]
    assert (found.numerator, found.denominator) == (1, 3)
    assert found.value == Decimal("33.3")
    assert found.distribution == {"10": 1, "26": 1}
    # The county's own days: within 30 the May minutes were in time.
    MeetingSettings.objects.create(county=norrbotten, minutes_days=30)
    assert values(norrbotten, "2025", "minutes_approved_in_time")[""].numerator == 2


def test_minutes_still_within_their_time_are_not_counted(norrbotten):
    today = timezone.localdate()
    meeting(norrbotten, "lansstyrgrupp", today - datetime.timedelta(days=1), status=HELD)
    period = f"{today.year}M{today.month:02d}"
    assert values(norrbotten, period, "minutes_approved_in_time")[""].value is None


# The seats Norrbotten's agreement requires (lansstyrgrupp-v2): the political board one per
# municipality and the region (15), the länsstyrgrupp 5 + 4 + 8 (17), its working committee 3,
# the four länsdelsgrupper a social and an education chief per municipality and two region
# chiefs each (36), each municipality's own group at least one (14).
NORRBOTTEN_SEATS = 15 + 17 + 3 + 36 + 14


def test_vacant_seats_of_an_empty_structure_are_every_required_seat(norrbotten):
    found = values(norrbotten, "2025", "vacant_seats")[""]
    assert (found.value, found.numerator, found.denominator) == (
        NORRBOTTEN_SEATS,
        NORRBOTTEN_SEATS,
        NORRBOTTEN_SEATS,
    )
    assert found.distribution["lansstyrgrupp"] == 17
    lulea = values(norrbotten, "2025", "vacant_seats", "municipality")["2580"]
    # Luleå: the political board, its area group's two chiefs, its own group.
    assert (lulea.value, lulea.denominator) == (4, 4)


def test_a_member_fills_a_seat_on_the_periods_last_day(norrbotten):
    region = organisation(norrbotten, "region-norrbotten")
    appoint(person(region), "lansstyrgrupp", "region-coordinator", starts=d(1, 1))
    lulea = organisation(norrbotten, "lulea")
    appoint(person(lulea), "kommungrupp", "members-with-mandate", instance="lulea", starts=d(1, 1))
    # Left before the year's end: empty again on its last day.
    appoint(person(region), "lansstyrgrupp", "operations-director", starts=d(1, 1), ends=d(6, 30))
    assert values(norrbotten, "2025", "vacant_seats")[""].value == NORRBOTTEN_SEATS - 2
    assert values(norrbotten, "2025Q1", "vacant_seats")[""].value == NORRBOTTEN_SEATS - 3
    assert values(norrbotten, "2025", "vacant_seats", "municipality")["2580"].value == 3
    principals = values(norrbotten, "2025", "vacant_seats", "principal")
    assert principals["lulea"].value == 3


def test_compliance_errors_are_the_checks_errors_on_the_last_day(norrbotten):
    report = evaluate("norrbotten", on=d(12, 31))
    found = values(norrbotten, "2025", "compliance_errors")[""]
    assert found.value == report.count(ERROR) and found.denominator == len(report.findings)
    assert found.distribution == {
        "error": report.count("error"),
        "warning": report.count("warning"),
        "advice": report.count("advice"),
    }
    lulea = organisation(norrbotten, "lulea")
    appoint(person(lulea), "kommungrupp", "members-with-mandate", instance="lulea", starts=d(1, 1))
    assert values(norrbotten, "2025", "compliance_errors")[""].value == found.value - 1
    # Luleå's own group's findings are Luleå's; the findings are no principal's.
    lulea_findings = values(norrbotten, "2025", "compliance_errors", "municipality")["2580"]
    assert (lulea_findings.value, lulea_findings.distribution["error"]) == (0, 0)
    assert compute(norrbotten, "2025", "principal", keys=["compliance_errors"]) == []


def test_a_period_to_come_and_a_county_without_agreement_have_no_data(norrbotten):
    coming = f"{timezone.localdate().year + 1}"
    bare = County.objects.create(slug="bare", name="Bare", scb_code="99")
    for county in (norrbotten, bare):
        for breakdown in ("county", "area", "municipality", "principal"):
            for value in compute(
                county, coming if county == norrbotten else "2025", breakdown, STRUCTURE_KEYS
            ):
                assert value.value is None and value.numerator is None and not value.suppressed


def test_odd_stored_plan_entries_are_left_out(norrbotten):
    held = meeting(norrbotten, "lansstyrgrupp", d(2, 12), status=HELD)
    plan = adopted(norrbotten, "lansstyrgrupp", [held])
    adoption = plan.adoptions.get()
    adoption.meetings = adoption.meetings + [{"uid": "x"}, {"starts_at": "soon"}, "junk", None]
    adoption.save()
    found = values(norrbotten, "2025", "meetings_held_as_planned")[""]
    assert (found.numerator, found.denominator) == (1, 1)


def _queries(county, breakdown):
    with CaptureQueriesContext(connection) as captured:
        compute(county, "2025", breakdown, STRUCTURE_KEYS)
    return len(captured)


def test_the_same_queries_whatever_the_number_of_meetings(norrbotten):
    first = meeting(norrbotten, "lansstyrgrupp", d(1, 15), status=HELD)
    adopted(norrbotten, "lansstyrgrupp", [first])
    attended(first, "region-norrbotten")
    approve(first, d(1, 20))
    own = meeting(norrbotten, "kommungrupp", d(1, 16), instance="lulea", status=HELD)
    approve(own, d(1, 20))
    few = {breakdown: _queries(norrbotten, breakdown) for breakdown in ("county", "municipality")}
    for month in range(2, 13):
        for body, instance in (("lansdelsgrupp", "boden-lulea"), ("kommungrupp", "lulea")):
            held = meeting(norrbotten, body, d(month, 10), instance=instance, status=HELD)
            attended(held, "lulea")
            approve(held, d(month, 12))
    assert {b: _queries(norrbotten, b) for b in few} == few
