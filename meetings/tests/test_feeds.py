"""Calendar feeds: a person's and a body's meetings at a private address, importable in Outlook
and Google Calendar, with stable UIDs, the meeting's SEQUENCE and cancelled meetings marked."""

import datetime
import hashlib
import re
import time

import pytest
from django.utils import timezone
from icalendar import Calendar

from audit.models import AuditEvent
from meetings.models import FeedToken, Meeting
from meetings.tests.builders import at, meeting, member, verified_login
from structure.actions import agreement_in_force
from structure.tests.builders import appoint, loaded_county

ADDRESS = re.compile(r'value="(http://testserver/moten/kalender/[^"]+)"')


@pytest.fixture
def setting(db):
    county = loaded_county("norrbotten")
    seat = member(county, "lansstyrgrupp", "operations-director", username="anna")
    appoint(seat.person, "lansdelsgrupp", "social-chief", instance="boden-lulea")
    soon = timezone.localdate() + datetime.timedelta(days=30)
    meetings = {
        "county": meeting(county, "lansstyrgrupp", soon, place="Regionhuset, Luleå"),
        "area": meeting(county, "lansdelsgrupp", soon, instance="boden-lulea", hours=(13, 15)),
        "other_area": meeting(county, "lansdelsgrupp", soon, instance="norra-norrbotten"),
        "theme_day": meeting(
            county,
            "politisk-samverkansberedning",
            soon + datetime.timedelta(days=7),
            kind=Meeting.Kind.THEME_DAY,
            title="Temadag",
            with_body="lansstyrgrupp",
        ),
        "long_ago": meeting(county, "lansstyrgrupp", soon - datetime.timedelta(days=800)),
    }
    return county, seat.person, meetings


def addresses(client, confirmed=True) -> list[str]:
    data = {"confirmed": "1"} if confirmed else {}
    return ADDRESS.findall(client.post("/moten/kalender/nya-adresser/", data).content.decode())


def parsed(client, address: str) -> Calendar:
    response = client.get(address.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar: Calendar) -> dict[str, object]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_addresses_are_shown_once_and_only_their_hash_is_kept(client, setting):
    _county, person, _meetings = setting
    verified_login(client, person.user)
    page = client.get("/moten/kalender/").content.decode()
    assert "Skapa mina kalenderadresser" in page and "Länsstyrgrupp" in page
    mine, area_group, county_group = addresses(client)
    assert mine.endswith(".ics") and "/norrbotten/lansstyrgrupp.ics" in county_group
    assert area_group.endswith("/norrbotten/lansdelsgrupp/boden-lulea.ics")
    token = mine.rsplit("/", 1)[1].removesuffix(".ics")
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert FeedToken.objects.get(user=person.user).digest == digest
    assert token not in client.get("/moten/kalender/").content.decode()
    event = AuditEvent.objects.get(code="meetings.feed_token_renewed")
    assert token not in str(event.params) + str(event.changes)


def test_a_persons_feed_has_the_meetings_of_every_body_they_sit_in(client, setting):
    county, person, meetings = setting
    verified_login(client, person.user)
    calendar = parsed(client, addresses(client)[0])
    assert str(calendar["method"]) == "PUBLISH" and str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) and str(calendar["x-wr-calname"]) == "Samverkan: mina möten"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    found = events_of(calendar)
    expected = {f"{meetings[k].uid}@samverkan" for k in ("county", "area", "theme_day")}
    assert set(found) == expected
    held = meetings["county"]
    event = found[f"{held.uid}@samverkan"]
    names = agreement_in_force(county.pk)
    assert str(event["summary"]) == names.body("lansstyrgrupp").name
    assert str(event["location"]) == "Regionhuset, Luleå"
    assert event["dtstart"].dt == held.starts_at and event["dtend"].dt == held.ends_at
    assert str(event["dtstart"].dt.tzinfo) == "Europe/Stockholm"
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    page = f"http://testserver/moten/norrbotten/moten/{held.pk}/"
    assert str(event["url"]) == page and page in str(event["description"])
    assert event["sequence"] == 0 and str(event["status"]) == "CONFIRMED"
    theme = found[f"{meetings['theme_day'].uid}@samverkan"]
    assert str(theme["summary"]).endswith(": Temadag")
    area = found[f"{meetings['area'].uid}@samverkan"]
    assert "Boden/Luleå" in str(area["summary"])
    # Bodies and places, never the people in them.
    assert person.name not in calendar.to_ical().decode()


def test_a_changed_meeting_keeps_its_uid_and_raises_its_sequence(client, setting):
    _county, person, meetings = setting
    verified_login(client, person.user)
    mine = addresses(client)[0]
    held = meetings["county"]
    before = events_of(parsed(client, mine))[f"{held.uid}@samverkan"]
    day = timezone.localtime(held.starts_at).date() + datetime.timedelta(days=1)
    Meeting.objects.filter(pk=held.pk).update(
        starts_at=at(day, 9), ends_at=at(day, 12), sequence=held.sequence + 1
    )
    after = events_of(parsed(client, mine))[f"{held.uid}@samverkan"]
    assert after["sequence"] == before["sequence"] + 1 == 1
    assert after["dtstart"].dt == at(day, 9) != before["dtstart"].dt


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(client, setting):
    _county, person, meetings = setting
    verified_login(client, person.user)
    held = meetings["area"]
    Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.CANCELLED, sequence=1)
    event = events_of(parsed(client, addresses(client)[0]))[f"{held.uid}@samverkan"]
    assert str(event["status"]) == "CANCELLED" and event["sequence"] == 1


def test_a_body_instances_feed(client, setting):
    _county, person, meetings = setting
    verified_login(client, person.user)
    _mine, area_group, county_group = addresses(client)
    area = parsed(client, area_group)
    assert set(events_of(area)) == {f"{meetings['area'].uid}@samverkan"}
    assert str(area["x-wr-calname"]) == "Samverkan: Länsdelssamverkan, Boden/Luleå"
    assert f"{meetings['theme_day'].uid}@samverkan" in events_of(parsed(client, county_group))
    token = area_group.split("/kalender/")[1].split("/")[0]
    for wrong in (
        f"/moten/kalender/{token}/norrbotten/ingen.ics",
        f"/moten/kalender/{token}/norrbotten/lansdelsgrupp/ingen.ics",
        f"/moten/kalender/{token}/ingen/lansstyrgrupp.ics",
        f"/moten/kalender/{'A' * 43}/norrbotten/lansstyrgrupp.ics",
    ):
        assert client.get(wrong).status_code == 404


def test_a_body_feed_is_only_of_the_bodies_the_person_sits_in(client, setting):
    _county, person, _meetings = setting
    verified_login(client, person.user)
    _mine, area_group, _county_group = addresses(client)
    token = area_group.split("/kalender/")[1].split("/")[0]
    # Bodies of the agreement with meetings, in which the person holds no seat: not found.
    for other in ("lansdelsgrupp/norra-norrbotten", "politisk-samverkansberedning"):
        assert client.get(f"/moten/kalender/{token}/norrbotten/{other}.ics").status_code == 404
    # A seat that has ended takes its body's feed with it.
    person.appointments.filter(body="lansdelsgrupp").update(
        ends=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(area_group.removeprefix("http://testserver")).status_code == 404


def test_a_renewed_address_stops_working_at_once(client, setting):
    _county, person, _meetings = setting
    verified_login(client, person.user)
    old = addresses(client)[0].removeprefix("http://testserver")
    # Asked first: renewing loses the addresses in use.
    assert addresses(client, confirmed=False) == []
    assert client.get(old).status_code == 200
    new = addresses(client)[0].removeprefix("http://testserver")
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert AuditEvent.objects.filter(code="meetings.feed_token_renewed").count() == 2


def test_a_feed_of_a_user_no_longer_active_or_a_malformed_address_is_not_found(client, setting):
    _county, person, _meetings = setting
    verified_login(client, person.user)
    mine = addresses(client)[0].removeprefix("http://testserver")
    person.user.is_active = False
    person.user.save()
    assert client.get(mine).status_code == 404
    assert client.get("/moten/kalender/kort.ics").status_code == 404


def test_the_pages_need_the_second_factor(client, setting):
    _county, person, _meetings = setting
    assert client.get("/moten/kalender/").status_code == 302
    client.force_login(person.user)
    assert "/konto/tvafaktor/" in client.get("/moten/kalender/")["Location"]


def test_a_feed_of_a_thousand_meetings_is_quick_with_few_queries(
    client, setting, django_assert_max_num_queries
):
    county, person, _meetings = setting
    verified_login(client, person.user)
    start = timezone.localdate()
    Meeting.objects.bulk_create(
        Meeting(
            county=county,
            body="lansstyrgrupp",
            starts_at=at(start + datetime.timedelta(days=n // 4), 10),
            ends_at=at(start + datetime.timedelta(days=n // 4), 12),
        )
        for n in range(1000)
    )
    mine = addresses(client)[0].removeprefix("http://testserver")
    client.logout()
    with django_assert_max_num_queries(6):
        began = time.perf_counter()
        response = client.get(mine)
        took = time.perf_counter() - began
    assert response.content.count(b"BEGIN:VEVENT") == 1003
    # The bench's bound is 100 ms on PostgreSQL; here, a bound that catches a query per event.
    assert took < 2.0
