"""The individual level's indicators, each on a small data set built for it with known answers:
working days over holidays, acute cases, withdrawn consent, cases closed before a deadline,
deadlines not yet passed; the small-number threshold; no data; and a constant number of
queries whatever the number of cases."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import County
from deviations.models import Deviation
from disputes.models import Dispute
from followup.indicators import OTHER, Period, compute, indicator, indicators
from followup.indicators.individual import age_groups, individual_level
from followup.models import FollowupSettings
from matters.models import Matter
from placements.models import CostAllocation, HealthExamination, Placement
from plans.models import Case, Consent, Individual, Intervention, NetworkMeeting, Plan
from plans.rules import individual_rules
from structure.models import Organisation
from workdays.calendar import add_working_days

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
TODAY = D("2026-06-15")
OPENED = D("2025-01-02")
BORN = D("2014-05-05")
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The indicators judge "has the deadline passed" against today: a fixed one."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def county(db):
    from structure.tests.builders import loaded_county

    return loaded_county("norrbotten")


@pytest.fixture
def opener(county):
    return get_user_model().objects.create_user("oppnare", password="x" * 16)


def org(county, key: str) -> Organisation:
    return Organisation.objects.get(county=county, key=key)


def case(
    county,
    opener,
    organisation: str = "lulea-socialtjansten",
    *,
    opened: datetime.date = OPENED,
    born: datetime.date = BORN,
    **steps,
) -> Case:
    """A case with the steps' dates set as given, without going through the actions: the
    indicators read the rows, whatever wrote them."""
    n = next(_numbers)
    individual = Individual.objects.create(
        county=county,
        identity_encrypted="-",
        identity_index=f"index-{n}",
        name=f"Barn {n}",
        birth_date=born,
    )
    opened_at = timezone.make_aware(datetime.datetime.combine(opened, datetime.time(9)))
    return Case.objects.create(
        individual=individual,
        opening_organisation=org(county, organisation),
        opened_by=opener,
        opened_at=opened_at,
        concern="Behov av stöd.",
        **steps,
    )


KEYS = [item.key for item in indicators() if item.compute.__module__.endswith(".individual")]


def values(county, key: str, period: str = "2025", breakdown: str = "county"):
    return {v.group: v for v in compute(county, period, breakdown, keys=[key])}


def whole(county, key: str, period: str = "2025"):
    return values(county, key, period)[""]


def low_threshold(county, minimum: int = 1) -> None:
    FollowupSettings.objects.update_or_create(
        county=county, defaults={"small_number_threshold": minimum}
    )


# Periods


@pytest.mark.parametrize(
    ("key", "start", "end", "normal"),
    [
        ("2025", "2025-01-01", "2025-12-31", "2025"),
        ("2024H2", "2024-07-01", "2024-12-31", "2024H2"),
        ("2024q1", "2024-01-01", "2024-03-31", "2024Q1"),
        ("2024M2", "2024-02-01", "2024-02-29", "2024M02"),
        (" 2025M12 ", "2025-12-01", "2025-12-31", "2025M12"),
    ],
)
def test_a_period_is_a_year_half_quarter_or_month(key, start, end, normal):
    period = Period.parse(key)
    assert (period.start, period.end, period.key) == (D(start), D(end), normal)
    assert Period.parse(period.key) == period


# The rules, from the county's data


def test_the_numbers_come_from_the_guideline(county):
    rules = individual_level(county)
    assert rules.network_meeting.notice.working_days == 5
    assert rules.network_meeting.meeting.working_days == 10
    assert rules.network_meeting.meeting.acute == "as_soon_as_possible"
    assert rules.placement.cost_allocation.acute_working_days == 10
    # Norrbus' target group (up to 20) and who consents (guardians to 17, the young person
    # from 18) draw the age groups.
    assert age_groups(rules) == [(0, 17), (18, 20), (21, None)]


# Notices within five working days of consent


def test_notices_within_five_working_days_over_christmas(county, opener):
    low_threshold(county)
    # Consent on Friday 19 December 2025: julafton, juldagen, annandag jul, nyårsafton and
    # nyårsdagen are not working days, so the fifth is Friday 2 January 2026.
    consent = D("2025-12-19")
    due = add_working_days(consent, 5)
    assert due == D("2026-01-02")
    case(county, opener, consent_on=consent, notice_sent_on=due)  # on the last day: in time
    case(county, opener, consent_on=consent, notice_sent_on=D("2026-01-05"))  # late
    late = case(county, opener, consent_on=D("2025-03-03"))  # never sent, long passed: late
    # Closed before its deadline without a notice: nothing owed any more, not counted.
    case(county, opener, consent_on=D("2025-03-03"), closed_on=D("2025-03-04"))
    # Consent withdrawn before the deadline, no notice: not counted.
    withdrawn = case(county, opener, consent_on=D("2025-03-03"))
    Consent.objects.create(
        case=withdrawn,
        given_by="Maria",
        given_how="writing",
        given_on=D("2025-03-03"),
        recorded_by=opener,
        withdrawn_on=D("2025-03-05"),
    )
    # The same consent given on another case and withdrawn after the deadline: still late.
    Consent.objects.create(
        case=late,
        given_by="Maria",
        given_how="writing",
        given_on=D("2025-03-03"),
        recorded_by=opener,
        withdrawn_on=D("2025-04-01"),
    )
    # An acute case has the same five days: Norrbus gives the notice no acute rule.
    case(county, opener, acute=True, consent_on=D("2025-05-05"), notice_sent_on=D("2025-05-06"))
    # Consent in another year: not this period's.
    case(county, opener, consent_on=D("2024-12-30"), notice_sent_on=D("2025-01-02"))

    value = whole(county, "notice_on_time")
    assert (value.numerator, value.denominator) == (2, 4)
    assert value.value == Decimal("50.0")
    # Working days taken by the notices sent: 5, 6 and 1.
    assert value.distribution["1"] == 1
    assert value.distribution["5"] == 1
    assert value.distribution["6–10"] == 1
    assert sum(value.distribution.values()) == 3


def test_a_notice_whose_deadline_has_not_come_is_not_counted_yet(county, opener):
    low_threshold(county)
    case(county, opener, consent_on=TODAY - datetime.timedelta(days=1))
    value = whole(county, "notice_on_time", "2026")
    assert value.value is None and not value.suppressed


# Network meetings within ten working days of the decision, acute ones as soon as possible


def test_network_meetings_within_ten_working_days_of_the_decision(county, opener):
    low_threshold(county)
    decided = D("2025-04-14")  # Easter 2025: långfredag 18 April, annandag påsk 21 April
    due = add_working_days(decided, 10)
    assert due == D("2025-04-30")
    case(county, opener, decided_on=decided, meeting_on=due)
    case(county, opener, decided_on=decided, meeting_on=D("2025-05-02"))  # after 1 May: late
    case(county, opener, decided_on=decided, closed_on=D("2025-05-15"))  # closed too late
    # Acute: as soon as possible, no number of days to hold it to; counted apart.
    case(county, opener, acute=True, decided_on=decided, meeting_on=D("2025-04-16"))  # 2
    case(county, opener, acute=True, decided_on=decided, meeting_on=D("2025-04-22"))  # 4
    case(county, opener, acute=True, decided_on=decided, meeting_on=D("2025-04-24"))  # 6

    on_time = whole(county, "network_meeting_on_time")
    assert (on_time.numerator, on_time.denominator) == (1, 3)
    assert on_time.value == Decimal("33.3")

    acute = whole(county, "acute_network_meeting_days")
    # 2, 4 and 6 working days (over Easter): the median is 4.
    assert acute.value == Decimal("4.0")
    assert acute.denominator == 3
    assert acute.distribution["2"] == acute.distribution["4"] == acute.distribution["6"] == 1


# Plans established, lead time, followed up on time


def plan(case_, number: int, established: datetime.date | None, *follow_ups, opener):
    made = Plan.objects.create(
        case=case_, number=number, established_on=established, created_by=opener
    )
    for day in follow_ups:
        Intervention.objects.create(plan=made, description="Stöd", follow_up_on=day)
    return made


def test_plans_established_and_the_days_from_concern_to_plan(county, opener):
    low_threshold(county)
    first = case(county, opener, opened=D("2025-01-02"))
    plan(first, 1, D("2025-01-12"), opener=opener)  # 10 days
    plan(first, 2, D("2025-06-01"), opener=opener)  # a revision: not a new plan
    second = case(county, opener, opened=D("2024-12-20"))
    plan(second, 1, D("2025-01-19"), opener=opener)  # 30 days
    third = case(county, opener, opened=D("2025-03-01"))
    plan(third, 1, D("2025-03-21"), opener=opener)  # 20 days
    unestablished = case(county, opener)
    plan(unestablished, 1, None, opener=opener)

    assert whole(county, "plans_established").value == Decimal(3)
    lead = whole(county, "lead_time_to_plan")
    assert lead.value == Decimal("20.0")
    assert lead.denominator == 3


def test_sip_followed_up_on_time(county, opener):
    low_threshold(county)

    def followed_up(held, due, *, closed=None):
        c = case(county, opener, closed_on=closed)
        plan(c, 1, D("2025-01-10"), due, due + datetime.timedelta(days=30), opener=opener)
        if held:
            NetworkMeeting.objects.create(case=c, kind="follow_up", planned_for=due, held_on=held)
        return c

    followed_up(D("2025-05-02"), D("2025-05-02"))  # on the day: on time
    followed_up(D("2025-04-20"), D("2025-05-02"))  # before it: on time
    followed_up(D("2025-05-09"), D("2025-05-02"))  # after it: late
    followed_up(None, D("2025-05-02"))  # never followed up: late
    followed_up(None, D("2025-05-02"), closed=D("2025-04-01"))  # closed before: not counted
    followed_up(None, D("2026-09-01"))  # another period

    value = whole(county, "sip_followed_up_on_time")
    assert (value.numerator, value.denominator) == (2, 4)
    assert value.value == Decimal("50.0")
    coming = whole(county, "sip_followed_up_on_time", "2026")
    assert coming.value is None


# Cases by age group


def test_cases_by_age_on_the_day_they_were_opened(county, opener):
    low_threshold(county)
    opened = D("2025-03-10")
    case(county, opener, opened=opened, born=D("2007-03-10"))  # 18 that day
    case(county, opener, opened=opened, born=D("2007-03-11"))  # 17 until tomorrow
    case(county, opener, opened=opened, born=D("2015-01-01"))
    case(county, opener, opened=opened, born=D("2003-01-01"))  # 22: outside the target group
    value = whole(county, "cases_by_age_group")
    assert value.value == Decimal(4)
    assert value.distribution == {"0–17": 2, "18–20": 1, "21 och äldre": 1}


# Placements


def placement(county, opener, *, acute=False, decided, starts, examined=None, agreed=None):
    c = case(county, opener)
    social = org(county, "lulea-socialtjansten")
    made = Placement.objects.create(
        case=c,
        kind="family_home",
        acute=acute,
        decided_on=decided,
        deciding_organisation=social,
        starts_on=starts,
        cost_allocation_due_on=starts,
        recorded_by=opener,
    )
    if examined:
        HealthExamination.objects.create(
            placement=made,
            organisation=org(county, "region-norrbotten-narsjukvard"),
            requested_on=decided,
            requested_by=opener,
            due_on=starts,
            examined_on=examined,
        )
    if agreed:
        CostAllocation.objects.create(
            placement=made, number=1, agreed_on=agreed, basis="agreed", recorded_by=opener
        )
    return made


def test_health_examination_before_the_placement(county, opener):
    low_threshold(county)
    placement(
        county, opener, decided=D("2025-02-01"), starts=D("2025-03-01"), examined=D("2025-03-01")
    )
    placement(
        county, opener, decided=D("2025-02-01"), starts=D("2025-03-01"), examined=D("2025-03-02")
    )
    placement(county, opener, decided=D("2025-02-01"), starts=D("2025-03-01"))
    value = whole(county, "placement_health_examination_before")
    assert (value.numerator, value.denominator) == (1, 3)


def test_cost_allocation_of_an_acute_placement_within_the_guidelines_working_days(county, opener):
    low_threshold(county)
    rules, _document = individual_rules(county)
    days = rules.placement.cost_allocation.acute_working_days
    decided = D("2025-06-16")  # midsommarafton 20 June 2025 is not a working day
    due = add_working_days(decided, days)
    assert due == D("2025-07-01")
    placement(county, opener, acute=True, decided=decided, starts=decided, agreed=due)
    placement(county, opener, acute=True, decided=decided, starts=decided, agreed=D("2025-07-02"))
    placement(county, opener, acute=True, decided=decided, starts=decided)  # never agreed
    # Planned ones are held to "before the placement starts".
    placement(county, opener, decided=decided, starts=D("2025-08-01"), agreed=D("2025-07-31"))
    placement(county, opener, decided=decided, starts=D("2025-08-01"), agreed=D("2025-08-01"))
    acute = whole(county, "placement_cost_allocation_on_time_acute")
    assert (acute.numerator, acute.denominator) == (1, 3)
    planned = whole(county, "placement_cost_allocation_on_time_planned")
    assert (planned.numerator, planned.denominator) == (1, 2)


# Deviations and disputes


def deviation(county, opener, party: str, section: str, reported, closed=None):
    reporting = org(county, "lulea-barn-och-utbildning")
    deviating = org(county, party)
    return Deviation.objects.create(
        county=county,
        document="norrbus",
        document_version=1,
        section=section,
        reported_by=opener,
        reporting_organisation=reporting,
        party=deviating,
        pair=f"{deviating.principal}|lulea",
        happened_on=reported,
        what="Kallelsen kom inte.",
        reported_on=reported,
        state="closed" if closed else "reported",
        level_id="verksamhet",
        handled_by="unit",
        handler_principal=deviating.principal,
        level_since=reported,
        acknowledge_by=reported,
        close_by=reported,
        closed_on=closed,
    )


def test_deviations_by_clause_party_and_handling_time(county, opener):
    notice = "Arbetsmodell för samverkan"
    meeting = "Samordnad planering – nätverksmöte"
    bup = "region-norrbotten-barn-och-ungdomspsykiatri"
    deviation(county, opener, bup, notice, D("2025-03-03"), closed=D("2025-03-10"))  # 5 days
    deviation(county, opener, bup, notice, D("2025-03-03"), closed=D("2025-03-31"))  # 20 days
    deviation(county, opener, bup, meeting, D("2025-04-01"))
    deviation(county, opener, "kiruna-socialtjansten", meeting, D("2025-04-01"))
    # Not about individuals: shown however few.
    by_kind = values(county, "deviations_by_kind", breakdown="principal")
    assert by_kind["region-norrbotten"].distribution == {notice: 2, meeting: 1}
    assert by_kind["kiruna"].value == Decimal(1)
    handling = whole(county, "deviation_handling_days")
    assert handling.value == Decimal("12.5")


def test_disputes_by_the_level_that_resolved_them(county, opener):
    low_threshold(county)
    social = org(county, "lulea-socialtjansten")
    bup = org(county, "region-norrbotten-barn-och-ungdomspsykiatri")

    def dispute(body: str, resolved: bool):
        matter = Matter.objects.create(
            county=county,
            kind="dispute",
            title="Oenighet",
            question="Vem svarar?",
            raised_by=social,
            raised_on=D("2025-05-05"),
            origin_body="kommungrupp",
            body=body,
        )
        return Dispute.objects.create(
            case=case(county, opener),
            matter=matter,
            subject="cost",
            raised_by=social,
            respondent=bup,
            raised_on=D("2025-05-05"),
            raised_by_user=opener,
            state="resolved" if resolved else "open",
        )

    dispute("kommungrupp", True)
    dispute("kommungrupp", True)
    dispute("lansdelsgrupp", True)
    dispute("lansstyrgrupp", False)
    value = whole(county, "disputes_by_level")
    assert value.distribution == {
        "Samverkansgrupp på kommunnivå": 2,
        "Länsdelssamverkan": 1,
        "Ännu inte avgjord": 1,
    }


# Breakdowns


def test_breakdowns_follow_the_agreement_in_force(county, opener):
    low_threshold(county)
    for organisation in ("lulea-socialtjansten", "boden-socialtjansten", "kiruna-socialtjansten"):
        case(county, opener, organisation, opened=D("2025-02-03"))
    case(county, opener, "region-norrbotten-barn-och-ungdomspsykiatri", opened=D("2025-02-03"))
    key = "cases_by_age_group"
    assert whole(county, key).value == Decimal(4)
    areas = values(county, key, breakdown="area")
    assert areas["boden-lulea"].value == Decimal(2)
    assert areas["norra-norrbotten"].value == Decimal(1)
    # The region's cases have no municipality: a group of their own, so the groups add up.
    assert areas[OTHER].value == Decimal(1)
    assert areas["ostra-norrbotten"].value is None
    municipalities = values(county, key, breakdown="municipality")
    assert municipalities["2580"].group_label == "Luleå kommun"
    assert municipalities["2580"].value == Decimal(1)
    principals = values(county, key, breakdown="principal")
    assert principals["region-norrbotten"].value == Decimal(1)
    assert OTHER not in principals


# The small-number threshold


def test_fewer_than_the_threshold_are_not_shown(county, opener):
    for _ in range(7):
        case(county, opener, "lulea-socialtjansten", opened=D("2025-02-03"), born=D("2015-01-01"))
    for _ in range(3):
        case(county, opener, "kiruna-socialtjansten", opened=D("2025-02-03"), born=D("2015-01-01"))
    case(county, opener, "boden-socialtjansten", opened=D("2025-02-03"), born=D("2006-01-01"))
    county_value = whole(county, "cases_by_age_group")
    assert county_value.value == Decimal(11)
    # One 19-year-old: the cell is hidden, and so is the next smallest (the children's ten),
    # or the one could be worked out from the total.
    assert county_value.distribution == {"21 och äldre": 0}
    assert set(county_value.hidden_cells) == {"0–17", "18–20"}
    groups = values(county, "cases_by_age_group", breakdown="principal")
    # Kiruna's 3 and Boden's 1 are under 5; together 4, still under, and the county's 11 less
    # Luleå's 7 would tell: Luleå's 7 goes as well.
    assert groups["kiruna"].suppressed and groups["kiruna"].value is None
    assert groups["boden"].suppressed and groups["boden"].numerator is None
    assert groups["lulea"].suppressed
    # Under the county's own threshold of 2, Boden's one stays hidden and Kiruna's three
    # are shown, with the smallest other (Kiruna) hidden beside it.
    low_threshold(county, 2)
    groups = values(county, "cases_by_age_group", breakdown="principal")
    assert groups["lulea"].value == Decimal(7)
    assert groups["boden"].suppressed and groups["kiruna"].suppressed


def test_the_threshold_is_a_bounded_county_setting(county):
    from django.core.exceptions import ValidationError

    assert FollowupSettings.threshold_for(county) == 5
    for bad in (0, 101):
        with pytest.raises(ValidationError):
            FollowupSettings(county=county, small_number_threshold=bad).full_clean()


# No data


def test_an_empty_period_is_no_data_never_zero(county):
    found = compute(county, "2031Q2", "area", keys=KEYS)
    assert {v.indicator for v in found} == set(KEYS)
    for value in found:
        assert value.value is None and value.numerator is None and not value.suppressed, value


def test_a_county_without_rules_or_agreement_has_no_data(db):
    empty = County.objects.create(slug="tomt", name="Tomma län", scb_code="99")
    found = compute(empty, "2025", keys=KEYS)
    assert [v.indicator for v in found] == KEYS, "every indicator answers, with no data"
    assert all(v.value is None for v in found)
    # No municipality to break down by: nothing, and no error.
    assert compute(empty, "2025", "municipality", keys=KEYS) == []


# Efficient: the number of queries does not grow with the cases


def test_the_queries_do_not_grow_with_the_cases(county, opener):
    def count():
        with CaptureQueriesContext(connection) as captured:
            compute(county, "2025", "area", keys=KEYS)
        return len(captured.captured_queries)

    def more(n):
        for _ in range(n):
            c = case(
                county,
                opener,
                consent_on=D("2025-03-03"),
                decided_on=D("2025-03-04"),
                notice_sent_on=D("2025-03-05"),
                meeting_on=D("2025-03-10"),
            )
            plan(c, 1, D("2025-03-20"), D("2025-06-01"), opener=opener)

    more(2)
    few = count()
    more(20)
    assert count() == few


def test_every_indicator_has_a_definition_and_a_source():
    for item in map(indicator, KEYS):
        assert str(item.title) and len(str(item.definition)) > 40
        assert ", " in item.source, item.key
