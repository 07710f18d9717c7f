"""The year's pages: the body's year at a glance, proposing and adopting it, changing, adding,
requesting and cancelling a meeting, the adopted versions and the county's year."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Meeting, YearPlan
from meetings.tests.builders import (
    coordinator,
    meeting,
    member,
    office_holder,
    user,
    verified_login,
)
from outbox.models import Mail
from structure.tests.builders import appoint, loaded_county

pytestmark = pytest.mark.django_db
YEAR = "/moten/norrbotten/lansstyrgrupp/2027/"


@pytest.fixture
def county():
    return loaded_county("norrbotten")


@pytest.fixture
def chair(county, client):
    holder = office_holder(county, "lansstyrgrupp", "chair", username="ordf")
    verified_login(client, holder)
    return holder


def test_the_year_shows_the_rules_proposal_with_sources(county, chair, client):
    page = client.get(YEAR)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Minst 4 möten per år" in text
    assert "Arbetsformer länsstyrgruppen" in text
    assert "Kl. 10:00–15:00" in text
    assert "Temadag" in text or "temadag" in text
    assert "Föreslå dessa möten som årets mötesplan" in text


def test_propose_adopt_change_and_tell_the_members(county, chair, client):
    member(county, "lansstyrgrupp", "region-director", email="ledamot@example.se")
    response = client.post(YEAR + "foresla/")
    assert response.status_code == 302
    plan = YearPlan.objects.get(county=county, body="lansstyrgrupp", year=2027)
    assert plan.meetings.count() == 6
    assert (
        YearPlan.objects.get(county=county, body="lansstyrgrupp-au", year=2027).meetings.count()
        == 4
    )
    confirm = client.get(YEAR + "anta/")
    assert confirm.status_code == 200
    assert "Fastställa mötesplanen" in confirm.content.decode()
    response = client.post(YEAR + "anta/", {"version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == YearPlan.State.ADOPTED
    meeting = plan.meetings.filter(kind=Meeting.Kind.ORDINARY).first()
    form = client.get(f"/moten/norrbotten/moten/{meeting.pk}/andra/")
    assert form.status_code == 200
    response = client.post(
        f"/moten/norrbotten/moten/{meeting.pk}/andra/",
        {
            "day": "2027-03-09",
            "starts": "10:00",
            "ends": "15:00",
            "place": "Luleå",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302, response.content.decode()
    plan.refresh_from_db()
    assert plan.state == YearPlan.State.CHANGED
    assert Mail.objects.filter(
        kind="meetings.plan_changed", recipient="ledamot@example.se"
    ).exists()
    # Each meeting links to its own page.
    assert f"/moten/norrbotten/moten/{meeting.pk}/" in client.get(YEAR).content.decode()
    versions = client.get(YEAR + "antagna/")
    assert "Version 1" in versions.content.decode()


def test_a_stale_change_keeps_what_was_typed(county, chair, client):
    client.post(YEAR + "foresla/")
    meeting = Meeting.objects.filter(body="lansstyrgrupp", kind="ordinary").first()
    data = {"day": "2027-03-10", "starts": "10:00", "ends": "15:00", "place": "Kiruna"}
    response = client.post(
        f"/moten/norrbotten/moten/{meeting.pk}/andra/", {**data, "version": meeting.version + 5}
    )
    assert response.status_code == 409
    assert 'value="Kiruna"' in response.content.decode()


def test_a_holiday_needs_a_reason(county, chair, client):
    client.post(YEAR + "foresla/")
    meeting = Meeting.objects.filter(body="lansstyrgrupp", kind="ordinary").first()
    data = {"day": "2027-12-24", "starts": "10:00", "ends": "15:00", "version": meeting.version}
    response = client.post(f"/moten/norrbotten/moten/{meeting.pk}/andra/", data)
    assert response.status_code == 200
    assert "julafton" in response.content.decode().lower()
    data["departure_reason"] = "Akut läge"
    response = client.post(f"/moten/norrbotten/moten/{meeting.pk}/andra/", data)
    assert response.status_code == 302
    page = client.get(YEAR).content.decode()
    assert "Skäl: Akut läge" in page


def test_a_member_requests_an_extra_meeting(county, client):
    seat = member(county, "lansstyrgrupp", "region-director", username="ledamot")
    verified_login(client, seat.person.user)
    response = client.post(
        YEAR + "begar-mote/",
        {"reason": "Ny lagstiftning", "day": "2027-05-11", "starts": "10:00", "ends": "12:00"},
    )
    assert response.status_code == 302
    extra = Meeting.objects.get(kind=Meeting.Kind.EXTRA)
    assert extra.requested_by == seat.organisation
    assert "Ny lagstiftning" in client.get(YEAR).content.decode()


def test_cancel_asks_first_and_needs_a_reason(county, chair, client):
    client.post(YEAR + "foresla/")
    meeting = Meeting.objects.filter(body="lansstyrgrupp", kind="ordinary").first()
    url = f"/moten/norrbotten/moten/{meeting.pk}/stall-in/"
    assert "Ställa in mötet?" in client.get(url).content.decode()
    assert client.post(url, {"reason": "", "confirmed": "1"}).status_code == 200
    response = client.post(url, {"reason": "Krockar", "confirmed": "1", "version": meeting.version})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED


def test_someone_without_an_office_may_not_plan(county, client):
    verified_login(client, user("utomstaende"))
    assert client.post(YEAR + "foresla/").status_code == 403
    assert client.get(YEAR + "nytt-mote/").status_code == 403
    assert client.get(YEAR + "begar-mote/").status_code == 403
    assert client.get(YEAR).status_code == 200


def test_the_county_year_lists_every_body_and_area(county, client):
    verified_login(client, coordinator("samordnare"))
    page = client.get("/moten/norrbotten/2027/").content.decode()
    assert "Länsstyrgruppen" in page
    assert "inte föreslagen än" in page
    assert "/moten/norrbotten/lansdelsgrupp/boden-lulea/2027/" in page


def test_theme_days_are_shown_in_the_boards_year(county, chair, client):
    client.post(YEAR + "foresla/")
    page = client.get("/moten/norrbotten/politisk-samverkansberedning/2027/").content.decode()
    assert "Hålls av Länsstyrgruppen" in page


def test_unknown_bodies_years_and_words_are_not_found(county, chair, client):
    assert client.get("/moten/norrbotten/finns-inte/2027/").status_code == 404
    assert client.get("/moten/norrbotten/lansdelsgrupp/fel/2027/").status_code == 404
    assert client.get("/moten/norrbotten/lansstyrgrupp/9999/").status_code == 404
    assert client.get("/moten/okand/lansstyrgrupp/2027/").status_code == 404


def test_the_pages_need_a_login(county, client):
    assert client.get(YEAR).status_code == 302


def test_a_form_with_bad_input_keeps_it(county, chair, client):
    response = client.post(
        YEAR + "nytt-mote/",
        {"day": "2027-02-30", "starts": "25:00", "ends": "10:00", "place": "x\x00" * 200},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Meeting.objects.exists()


def _year_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(YEAR).status_code == 200
    return len(captured)


def test_the_years_queries_do_not_grow_with_its_meetings(county, chair, client):
    """Double bookings, lead times and conveners are read for the whole year at once."""
    seat = member(county, "lansstyrgrupp", "director")
    appoint(seat.person, "lansdelsgrupp", "social-chief", instance="boden-lulea")
    client.post(YEAR + "foresla/")
    first = Meeting.objects.filter(body="lansstyrgrupp", kind="ordinary").order_by("starts_at")[0]
    day = first.starts_at.date()
    meeting(county, "lansdelsgrupp", day, instance="boden-lulea", hours=(13, 16))
    few = _year_queries(client)
    page = client.get(YEAR).content.decode()
    assert f"{seat.person.name} har ett annat möte samtidigt" in page
    for month in range(1, 12):
        added = datetime.date(2027, month, 2)
        meeting(county, "lansstyrgrupp", added, hours=(9, 10))
        meeting(county, "lansdelsgrupp", added, instance="boden-lulea", hours=(9, 10))
        meeting(county, "lansstyrgrupp-au", added, hours=(8, 9))
    assert Meeting.objects.filter(body="lansstyrgrupp").count() > 15
    assert _year_queries(client) == few
    assert client.get(YEAR).content.decode().count("har ett annat möte samtidigt") >= 12
