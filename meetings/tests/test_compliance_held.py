"""Each held meeting against the rules: the working committee's lead time before it (Norrbotten:
at least 10 days), its minutes approved within the county's days, every party present; and the
meeting findings in `samverkan check`, on the compliance page, read in a constant number of
queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Attendance, Meeting, MeetingSettings, Minutes
from meetings.tests.builders import at, meeting, user
from structure.compliance import ERROR, OK, WARNING, evaluate
from structure.tests.builders import appoint, loaded_county, organisation, person

pytestmark = pytest.mark.django_db

HELD = Meeting.Status.HELD
AU = "lansstyrgrupp-au"


def d(month, day, year=2026):
    return datetime.date(year, month, day)


def findings(report, rule, body="lansstyrgrupp"):
    return [f for f in report.findings if f.rule == rule and f.body == body]


@pytest.fixture
def norrbotten():
    return loaded_county("norrbotten")


def test_the_working_committee_ten_days_before_is_in_time(norrbotten):
    board = meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD)
    meeting(norrbotten, AU, d(3, 10), kind=Meeting.Kind.PREPARATORY, prepares=board)
    [finding] = findings(evaluate("norrbotten", on=d(4, 1)), "preparation-lead")
    assert finding.severity == OK and "minst 10 dagar före varje möte" in finding.message
    assert "(1 till och med 2026-04-01)" in finding.message
    assert finding.section == "Arbetsutskott länsstyrgruppen"


def test_the_working_committee_eight_days_before_is_late(norrbotten):
    board = meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD)
    meeting(norrbotten, AU, d(3, 12), kind=Meeting.Kind.PREPARATORY, prepares=board)
    [finding] = findings(evaluate("norrbotten", on=d(4, 1)), "preparation-lead")
    assert finding.severity == ERROR
    assert "först den 2026-03-12" in finding.message and "senast 2026-03-10" in finding.message


def test_an_unlinked_committee_meeting_since_the_last_one_prepares_the_next(norrbotten):
    meeting(norrbotten, "lansstyrgrupp", d(2, 12), status=HELD)
    meeting(norrbotten, "lansstyrgrupp", d(5, 7), status=HELD)
    meeting(norrbotten, AU, d(1, 29), kind=Meeting.Kind.PREPARATORY)
    meeting(norrbotten, AU, d(4, 23), kind=Meeting.Kind.PREPARATORY)
    report = evaluate("norrbotten", on=d(6, 1))
    [finding] = findings(report, "preparation-lead")
    assert finding.severity == OK and "(2 till och med 2026-06-01)" in finding.message


def test_no_committee_meeting_once_the_last_day_has_passed(norrbotten):
    meeting(norrbotten, "lansstyrgrupp", d(3, 20))
    # Still time: nothing to say.
    assert not findings(evaluate("norrbotten", on=d(3, 10)), "preparation-lead")
    [finding] = findings(evaluate("norrbotten", on=d(3, 11)), "preparation-lead")
    assert finding.severity == ERROR and "senast 2026-03-10" in finding.message


def test_a_committee_meeting_planned_too_late_is_warned_about_before_it_is_too_late(norrbotten):
    board = meeting(norrbotten, "lansstyrgrupp", d(3, 20))
    meeting(norrbotten, AU, d(3, 16), kind=Meeting.Kind.PREPARATORY, prepares=board)
    [finding] = findings(evaluate("norrbotten", on=d(3, 1)), "preparation-lead")
    assert finding.severity == WARNING and "2026-03-16" in finding.message


def approved(held_meeting, day):
    return Minutes.objects.create(
        meeting=held_meeting,
        written_by=user(),
        state=Minutes.State.APPROVED,
        approved_at=at(day, 16),
    )


def test_minutes_approved_within_the_countys_fourteen_days(norrbotten):
    board = meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD)
    # Within the time and not approved: nothing to say yet.
    assert not findings(evaluate("norrbotten", on=d(4, 3)), "minutes-approved")
    [late] = findings(evaluate("norrbotten", on=d(4, 4)), "minutes-approved")
    assert late.severity == WARNING and "gick ut den 2026-04-03" in late.message
    approved(board, d(4, 3))
    [in_time] = findings(evaluate("norrbotten", on=d(4, 10)), "minutes-approved")
    assert in_time.severity == OK and "inom länets 14 dagar" in in_time.message


def test_minutes_approved_late_and_a_county_of_its_own_time(norrbotten):
    board = meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD)
    approved(board, d(3, 30))
    [finding] = findings(evaluate("norrbotten", on=d(4, 10)), "minutes-approved")
    assert finding.severity == OK
    MeetingSettings.objects.create(county=norrbotten, minutes_days=7)
    [finding] = findings(evaluate("norrbotten", on=d(4, 10)), "minutes-approved")
    assert finding.severity == WARNING and "senare än länets 7 dagar" in finding.message
    assert "senast 2026-03-27" in finding.message


def attended(held_meeting, principal, *, role=Attendance.Role.MEMBER, came=True, seat="x"):
    org = organisation(held_meeting.county, principal)
    holder = person(org)
    appointment = appoint(holder, held_meeting.body, seat, organisation=org)
    return Attendance.objects.create(
        meeting=held_meeting, person=holder, appointment=appointment, role=role, attended=came
    )


def test_every_party_of_the_seats_at_each_held_meeting(norrbotten):
    board = meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD)
    [unrecorded] = findings(evaluate("norrbotten", on=d(4, 1)), "parties-present")
    assert unrecorded.severity == WARNING and "inte registrerad" in unrecorded.message
    attended(board, "region-norrbotten")
    attended(board, "lulea", role=Attendance.Role.SUBSTITUTE)
    attended(board, "norrbottens-kommuner", came=False)
    attended(board, "kiruna", role=Attendance.Role.GUEST)
    [missing] = findings(evaluate("norrbotten", on=d(4, 1)), "parties-present")
    assert missing.severity == ERROR
    assert "ingen deltog i mötet 2026-03-20 för Norrbottens Kommuner" in missing.message
    assert "Region Norrbotten" not in missing.message and "kommunerna" not in missing.message
    Attendance.objects.filter(meeting=board, attended=False).update(attended=True)
    [present] = findings(evaluate("norrbotten", on=d(4, 1)), "parties-present")
    assert present.severity == OK
    assert present.section == "Länsstyrgruppens organisation"


def test_an_area_group_asks_for_each_municipality_of_its_area():
    county = loaded_county("vasternorrland")
    board = meeting(county, "lansledning", d(3, 20), status=HELD)
    attended(board, "region-vasternorrland")
    attended(board, "sundsvall")
    [missing] = findings(evaluate("vasternorrland", on=d(4, 1)), "parties-present", "lansledning")
    assert missing.severity == ERROR
    assert "Härnösands kommun" in missing.message and "Sundsvalls kommun" not in missing.message


def test_samverkan_check_prints_a_meeting_finding(norrbotten, capsys):
    from samverkan.cli import main

    meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD)
    assert main(["check", "norrbotten", "--on", "2026-07-02"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    [line] = [line for line in lines if "Länsstyrgruppen, möten: 1 hållna eller planerade" in line]
    assert line.startswith("FEL")
    assert "avsnitt ”Arbetsformer länsstyrgruppen”" in line
    assert any("Länsstyrgruppens arbetsutskott har inte sammanträtt" in line for line in lines)


def test_the_compliance_page_shows_the_meeting_findings_and_filters_by_rule(norrbotten, client):
    meeting(norrbotten, "lansstyrgrupp", d(3, 20), status=HELD)
    client.force_login(user())
    url = reverse("structure:compliance", args=["norrbotten"])
    html = client.get(url, {"on": "2026-07-02"}).content.decode()
    assert "Möten per år" in html and "Länsstyrgruppen, möten: 1 hållna eller planerade" in html
    assert "närvaron vid mötet 2026-03-20 är inte registrerad" in html
    only = client.get(url, {"on": "2026-07-02", "rule": "meetings-per-year"}).content.decode()
    assert "Länsstyrgruppen, möten" in only and "inte registrerad" not in only


def _queries(county_slug, on):
    with CaptureQueriesContext(connection) as captured:
        evaluate(county_slug, on=on)
    return len(captured)


def test_one_query_per_kind_of_row_whatever_the_number_of_meetings(norrbotten):
    board = meeting(norrbotten, "lansstyrgrupp", d(1, 15), status=HELD)
    approved(board, d(1, 20))
    attended(board, "region-norrbotten")
    few = _queries("norrbotten", d(12, 31))
    for month in range(2, 13):
        for body, instance in (
            ("lansstyrgrupp", ""),
            ("lansdelsgrupp", "boden-lulea"),
            ("lansdelsgrupp", "ostra-norrbotten"),
        ):
            held = meeting(norrbotten, body, d(month, 10), instance=instance, status=HELD)
            approved(held, d(month, 12))
            attended(held, "region-norrbotten")
            meeting(norrbotten, AU, d(month, 1), kind=Meeting.Kind.PREPARATORY, prepares=held)
    assert _queries("norrbotten", d(12, 31)) == few


def test_a_lead_in_working_days_skips_holidays_and_de_facto_holidays():
    from agreements.schema import Preparation
    from meetings.compliance import _deadline

    three = Preparation(body=AU, lead_days=3, lead_days_are_working_days=True, source="x")
    # Back from Monday 28 December 2026 over juldagen and julafton: 23, 22, 21 December.
    assert _deadline(three, d(12, 28)) == d(12, 21)
    in_days = three.model_copy(update={"lead_days_are_working_days": False})
    assert _deadline(in_days, d(12, 28)) == d(12, 25)
