"""The agreements' counts of meetings a year, theme days, yearly events and elections at the
year's last meeting, checked on the seeds' own numbers against the meetings kept here."""

import datetime

import pytest

from agreements.models import Agreement
from meetings.compliance import due_by
from meetings.models import AgendaItem, Meeting
from meetings.tests.builders import meeting
from structure.compliance import ADVICE, ERROR, OK, WARNING, evaluate
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db

HELD = Meeting.Status.HELD
MEETING_RULES = {
    "meetings-per-year",
    "theme-days",
    "yearly-events",
    "preparation-lead",
    "elections-last-meeting",
    "minutes-approved",
    "parties-present",
}


def findings(report, rule, body, instance=""):
    return [
        f for f in report.findings if f.rule == rule and (f.body, f.instance) == (body, instance)
    ]


def severities(report, rule, body, instance=""):
    return [f.severity for f in findings(report, rule, body, instance)]


def so_far_and_year(report, rule, body, instance=""):
    """The finding on the meetings due by the day (if any are due), and the one on the year."""
    found = findings(report, rule, body, instance)
    so_far = [f for f in found if "till och med" in f.message]
    [year] = [f for f in found if "till och med" not in f.message]
    return (so_far[0] if so_far else None), year


def held(county, body, *days, **fields):
    return [meeting(county, body, day, status=HELD, **fields) for day in days]


def planned(county, body, *days, **fields):
    return [meeting(county, body, day, **fields) for day in days]


def d(month, day, year=2026):
    return datetime.date(year, month, day)


def test_the_share_due_grows_with_the_year():
    from agreements.schema import Count

    four = Count(min=4)
    assert [due_by(four, day) for day in (d(1, 1), d(4, 1), d(4, 2), d(7, 2), d(12, 31))] == [
        0,
        0,
        1,
        2,
        4,
    ]


def test_a_county_that_keeps_no_meetings_here_has_no_count_to_judge():
    loaded_county("norrbotten")
    report = evaluate("norrbotten", on=d(10, 1))
    assert not [f for f in report.findings if f.rule in MEETING_RULES]


def test_norrbotten_v2_at_least_four_held_so_far_and_planned_for_the_year():
    county = loaded_county("norrbotten")
    held(county, "lansstyrgrupp", d(2, 12), d(5, 7))
    planned(county, "lansstyrgrupp", d(9, 17), d(11, 26))
    report = evaluate("norrbotten", on=d(7, 2))
    so_far, year = so_far_and_year(report, "meetings-per-year", "lansstyrgrupp")
    assert so_far.severity == OK and "2 av de 2" in so_far.message
    assert year.severity == OK and "4 hållna eller planerade under 2026" in year.message
    assert "minst 4 per år" in year.message
    assert year.section == "Arbetsformer länsstyrgruppen" and year.seed.startswith("001_")


def test_norrbotten_v2_behind_so_far_and_short_for_the_year():
    county = loaded_county("norrbotten")
    held(county, "lansstyrgrupp", d(2, 12))
    planned(county, "lansstyrgrupp", d(9, 17), d(11, 26))
    # Planned for May but never marked held: it does not count.
    planned(county, "lansstyrgrupp", d(5, 7))
    # A cancelled meeting counts for nothing.
    planned(county, "lansstyrgrupp", d(12, 3), status=Meeting.Status.CANCELLED)
    report = evaluate("norrbotten", on=d(7, 2))
    so_far, year = so_far_and_year(report, "meetings-per-year", "lansstyrgrupp")
    assert so_far.severity == WARNING and "1 av de 2" in so_far.message
    assert year.severity == ERROR and "3 hållna eller planerade" in year.message
    assert report.has_errors


def test_norrbotten_v2_a_minimum_takes_more_meetings():
    county = loaded_county("norrbotten")
    planned(county, "lansstyrgrupp", d(2, 12), d(4, 9), d(6, 4), d(9, 17), d(11, 26))
    report = evaluate("norrbotten", on=d(1, 15))
    assert severities(report, "meetings-per-year", "lansstyrgrupp") == [OK]


def test_norrbotten_v1_exactly_four_extra_meetings_on_top():
    county = loaded_county("norrbotten")
    Agreement.objects.filter(county=county, document_id="lansstyrgrupp").update(in_force=False)
    Agreement.objects.filter(county=county, document_id="lansstyrgrupp", version=1).update(
        in_force=True
    )
    planned(county, "lansstyrgrupp", d(2, 12), d(4, 9), d(9, 17), d(11, 26))
    extra = planned(county, "lansstyrgrupp", d(6, 4), kind=Meeting.Kind.EXTRA)
    report = evaluate("norrbotten", on=d(1, 15))
    [year] = findings(report, "meetings-per-year", "lansstyrgrupp")
    assert year.severity == OK and "(4 per år)" in year.message
    assert year.seed.startswith("000_")
    Meeting.objects.filter(pk=extra[0].pk).update(kind=Meeting.Kind.ORDINARY)
    [year] = findings(evaluate("norrbotten", on=d(1, 15)), "meetings-per-year", "lansstyrgrupp")
    assert year.severity == WARNING and "5 hållna eller planerade" in year.message
    assert "fler än överenskommelsens 4 per år" in year.message


def test_norrbotten_area_groups_are_counted_per_area():
    county = loaded_county("norrbotten")
    planned(
        county, "lansdelsgrupp", d(2, 12), d(4, 9), d(9, 17), d(11, 26), instance="ostra-norrbotten"
    )
    report = evaluate("norrbotten", on=d(1, 15))
    areas = {f.instance: f.severity for f in report.findings if f.rule == "meetings-per-year"}
    assert areas.pop("ostra-norrbotten") == OK
    assert areas and set(areas.values()) == {ERROR}


def test_norrbotten_two_theme_days_with_the_political_board_under_either_body():
    county = loaded_county("norrbotten")
    theme = Meeting.Kind.THEME_DAY
    held(county, "lansstyrgrupp", d(3, 5), kind=theme, with_body="politisk-samverkansberedning")
    planned(county, "politisk-samverkansberedning", d(10, 8), kind=theme, with_body="lansstyrgrupp")
    report = evaluate("norrbotten", on=d(7, 2))
    so_far, year = so_far_and_year(report, "theme-days", "lansstyrgrupp")
    assert so_far.severity == OK and "temadagar med Politisk samverkansberedning" in so_far.message
    assert "1 av de 1" in so_far.message
    assert year.severity == OK and "2 hållna eller planerade" in year.message
    assert year.section == "Arbetsformer länsstyrgruppen"
    # Theme days are not the länsstyrgrupp's own meetings.
    _, count = so_far_and_year(report, "meetings-per-year", "lansstyrgrupp")
    assert "0 hållna eller planerade" in count.message


def test_norrbotten_one_theme_day_is_short_of_two():
    county = loaded_county("norrbotten")
    planned(
        county,
        "lansstyrgrupp",
        d(10, 8),
        kind=Meeting.Kind.THEME_DAY,
        with_body="politisk-samverkansberedning",
    )
    report = evaluate("norrbotten", on=d(7, 2))
    so_far, year = so_far_and_year(report, "theme-days", "lansstyrgrupp")
    assert so_far.severity == WARNING and "endast 0 av de 1" in so_far.message
    assert year.severity == ERROR and "där överenskommelsen kräver 2 per år" in year.message


@pytest.fixture
def vasternorrland():
    county = loaded_county("vasternorrland")
    # The county keeps its meetings here: one of them, cancelled, is enough to say so.
    meeting(county, "halsam", d(1, 8), status=Meeting.Status.CANCELLED)
    return county


def test_vasternorrland_five_meetings_for_each_coordination_group(vasternorrland):
    planned(vasternorrland, "lsg-barn-unga", d(2, 5), d(4, 9), d(6, 4), d(9, 17), d(11, 26))
    planned(vasternorrland, "lsg-vuxna", d(2, 5), d(4, 9), d(9, 17), d(11, 26))
    report = evaluate("vasternorrland", on=d(1, 15))
    assert severities(report, "meetings-per-year", "lsg-barn-unga") == [OK]
    [short] = findings(report, "meetings-per-year", "lsg-vuxna")
    assert short.severity == ERROR and "kräver 5 per år" in short.message


def test_vasternorrland_the_leadership_suggests_four_a_year(vasternorrland):
    held(vasternorrland, "lansledning", d(2, 5))
    planned(vasternorrland, "lansledning", d(11, 26))
    report = evaluate("vasternorrland", on=d(7, 2))
    so_far, year = so_far_and_year(report, "meetings-per-year", "lansledning")
    assert so_far.severity == ADVICE and "utan att kräva det" in so_far.message
    assert year.severity == ADVICE and "minst 4 per år" in year.message
    assert year.section == "Uppdrag"


def test_vasternorrland_theme_meetings_per_strategic_area_and_the_joint_meeting(vasternorrland):
    event = Meeting.Kind.EVENT
    planned(vasternorrland, "halsam", d(3, 12), kind=event, event="tema-barn-unga")
    planned(vasternorrland, "halsam", d(4, 16), kind=event, event="tema-vuxna")
    planned(vasternorrland, "halsam", d(9, 10), kind=event, event="tema-aldre")
    report = evaluate("vasternorrland", on=d(1, 15))
    by_event = {
        f.message.split(":")[0]: f.severity for f in findings(report, "yearly-events", "halsam")
    }
    assert by_event == {
        "HälSam (politisk samverkan), Temamöte Barn och unga": OK,
        "HälSam (politisk samverkan), Temamöte Vuxna": OK,
        "HälSam (politisk samverkan), Temamöte Äldre": OK,
        "HälSam (politisk samverkan), Gemensamt möte för alla strategiområden": ERROR,
    }
    [joint] = [f for f in findings(report, "yearly-events", "halsam") if "Gemensamt" in f.message]
    assert joint.section == "Politisk samverkan inom HälSam"


def test_vasternorrland_elections_at_the_years_last_meeting(vasternorrland):
    first, last = planned(vasternorrland, "lsg-barn-unga", d(9, 17), d(11, 26))
    report = evaluate("vasternorrland", on=d(10, 1))
    [election] = findings(report, "elections-last-meeting", "lsg-barn-unga")
    assert election.severity == WARNING and "2026-11-26" in election.message
    assert "ordförande" in election.message
    # On an earlier meeting it does not count: the rule names the year's last.
    Meeting.objects.filter(pk__in=[first.pk, last.pk]).update(status=HELD)
    AgendaItem.objects.create(meeting=first, position=1, title="Val", kind="election")
    report = evaluate("vasternorrland", on=d(12, 1))
    [election] = findings(report, "elections-last-meeting", "lsg-barn-unga")
    assert election.severity == ERROR and "2026-11-26" in election.message
    AgendaItem.objects.create(meeting=last, position=1, title="Val", kind="election")
    report = evaluate("vasternorrland", on=d(12, 1))
    [election] = findings(report, "elections-last-meeting", "lsg-barn-unga")
    assert election.severity == OK
    assert election.section == "Mandatperiod"
    # The leadership elects at its last meeting too; with no meeting at all it is warned.
    assert severities(report, "elections-last-meeting", "lansledning") == [WARNING]


def test_vasterbotten_one_leadership_seminar_a_year():
    county = loaded_county("vasterbotten")
    planned(county, "lanssamverkansgrupp", d(2, 5))
    report = evaluate("vasterbotten", on=d(3, 1))
    [year] = findings(report, "meetings-per-year", "ledningsseminarium")
    assert year.severity == ERROR and "0 hållna eller planerade" in year.message
    assert "(1 per år)" in year.message or "1 per år" in year.message
    assert year.section == "5.2 Regionalt ledningsseminarium"
    planned(county, "ledningsseminarium", d(10, 15))
    report = evaluate("vasterbotten", on=d(3, 1))
    assert severities(report, "meetings-per-year", "ledningsseminarium") == [OK]
    # Held on the day, the year's one seminar is due and done by the year's end.
    Meeting.objects.filter(body="ledningsseminarium").update(status=HELD)
    report = evaluate("vasterbotten", on=d(12, 31))
    assert severities(report, "meetings-per-year", "ledningsseminarium") == [OK, OK]
