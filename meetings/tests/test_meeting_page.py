"""The meeting page: the meeting, its agenda, notice, attendance, minutes, action items and mail,
for the body's officers and members; refused to whoever neither sits in the body nor runs it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from meetings import actions, agenda
from meetings.models import Meeting
from meetings.tests.builders import (
    coordinator,
    meeting,
    member,
    office_holder,
    user,
    verified_login,
)
from outbox.models import Mail
from structure.tests.builders import appoint, loaded_county, organisation

pytestmark = pytest.mark.django_db
BODY = "lansstyrgrupp"


def later(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def build_lsg() -> dict:
    """Norrbotten's länsstyrgrupp (agreement v2): its secretary, chair and minutes keeper, two
    social chiefs with accounts, the named substitute of the adult psychiatry seat and a
    substitute social chief from Boden/Luleå; a meeting three weeks ahead."""
    county = loaded_county("norrbotten")
    people = {
        "secretary": office_holder(
            county, BODY, "secretary", username="sekreterare", email="sek@example.se"
        ),
        "chair": office_holder(
            county, BODY, "chair", username="ordforande", email="ordf@example.se"
        ),
        "writer": office_holder(
            county,
            BODY,
            "minutes",
            username="samverkansledare",
            principal="norrbottens-kommuner",
            email="led@example.se",
        ),
    }
    lulea = member(
        county, BODY, "social-chiefs", principal="lulea", username="lulea", email="lulea@example.se"
    )
    kiruna = member(
        county,
        BODY,
        "social-chiefs",
        principal="kiruna",
        username="kiruna",
        email="kiruna@example.se",
    )
    psychiatry = member(
        county,
        BODY,
        "county-chief-adult-psychiatry",
        username="psykiatri",
        email="psyk@example.se",
    )
    named = member(county, BODY, "county-chief-adult-psychiatry", email="ers-psyk@example.se")
    named.role, named.substitute_for = "substitute", psychiatry
    named.save()
    boden = member(county, BODY, "social-chiefs", principal="boden", email="boden@example.se")
    boden.role = "substitute"
    boden.save()
    gallivare = member(county, BODY, "education-chiefs", principal="gallivare")
    gallivare.role = "substitute"
    gallivare.save()
    # The chair sits in the body too, in the region's seat.
    appoint(
        people["chair"].person, BODY, "division-chief-local-care", starts=datetime.date(2026, 1, 1)
    )
    found = meeting(county, BODY, later(21), place="Luleå")
    return {
        "county": county,
        "meeting": found,
        **people,
        "lulea": lulea,
        "kiruna": kiruna,
        "psychiatry": psychiatry,
        "named": named,
        "boden": boden,
        "gallivare": gallivare,
    }


@pytest.fixture
def lsg(db):
    return build_lsg()


def page_of(found: Meeting) -> str:
    return f"/moten/{found.county.slug}/moten/{found.pk}/"


def with_agenda(lsg, *titles: str) -> Meeting:
    found = lsg["meeting"]
    for title in titles or ("Lägesrapport",):
        agenda.do_add_agenda_item(
            lsg["secretary"], found, agenda.ItemData(title=title, kind="information")
        )
    found.refresh_from_db()
    return found


def test_the_secretary_sees_the_meeting_and_its_next_step(client, lsg):
    verified_login(client, lsg["secretary"])
    response = client.get(page_of(lsg["meeting"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Länsstyrgruppen" in html and "Luleå" in html
    assert "Nästa steg" in html and "Dagordning" in html
    assert "Minnesanteckningar förs av" in html or "samverkansledare/samordnare" in html


def test_a_member_sees_the_page_without_the_secretarys_steps(client, lsg):
    verified_login(client, lsg["lulea"].person.user)
    html = client.get(page_of(lsg["meeting"])).content.decode()
    assert "Nästa steg" not in html and "Skickad post" not in html


def test_someone_outside_the_body_is_refused(client, lsg):
    verified_login(client, user("utomstaende"))
    assert client.get(page_of(lsg["meeting"])).status_code == 403


def test_a_meeting_of_another_county_is_not_found(client, lsg):
    verified_login(client, lsg["secretary"])
    assert client.get(f"/moten/vasterbotten/moten/{lsg['meeting'].pk}/").status_code == 404


def test_the_mail_sent_is_listed_and_a_failed_send_shown(client, lsg):
    found = with_agenda(lsg)
    actions.do_send_notice(lsg["secretary"], found)
    Mail.objects.filter(recipient="kiruna@example.se").update(status="failed", attempts=12)
    verified_login(client, lsg["secretary"])
    html = client.get(page_of(found)).content.decode()
    assert "kiruna@example.se" in html and "Kallelse" in html
    assert "12 försök" in html


def _page_queries(client, found: Meeting) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page_of(found)).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_page_reads_each_thing_once_however_full_the_meeting(client, lsg):
    small = with_agenda(lsg)
    actions.do_send_notice(lsg["secretary"], small)
    lsg["meeting"] = meeting(lsg["county"], BODY, later(28), place="Kiruna")
    large = with_agenda(lsg, *(f"Punkt {n}" for n in range(1, 7)))
    actions.do_send_notice(lsg["secretary"], large)
    verified_login(client, lsg["secretary"])
    _page_queries(client, small)
    few, many = _page_queries(client, small), _page_queries(client, large)
    assert len(few) == len(many)
    # The user's rights, the county's settings and the agreement: one read each, besides the
    # read of the logged-in user, which carries their structure role (accounts.backends).
    page_reads = [sql for sql in many if 'FROM "auth_user"' not in sql]
    for table in ("auth_group", "meetings_meetingsettings", "agreements_agreement"):
        assert sum(f'FROM "{table}"' in sql for sql in page_reads) <= 1, table


def test_the_page_reads_the_open_action_items_and_the_agenda_once(client, lsg):
    """The proposals for the agenda use the page's own reads of the open action items and of
    the items on the agenda."""
    found = with_agenda(lsg)
    verified_login(client, lsg["secretary"])
    _page_queries(client, found)
    queries = _page_queries(client, found)
    open_items = [
        sql for sql in queries if 'FROM "meetings_actionitem"' in sql and '"status" = ' in sql
    ]
    agenda_reads = [sql for sql in queries if 'FROM "meetings_agendaitem"' in sql]
    assert len(open_items) == 1
    assert len(agenda_reads) == 1


def test_a_coordinator_runs_the_meetings_of_their_own_county_only(client, lsg):
    own, other = coordinator("samordnare-nb"), coordinator("samordnare-vb")
    Membership.objects.create(
        user=own, organisation=organisation(lsg["county"], "lulea"), role="coordinator"
    )
    vasterbotten = loaded_county("vasterbotten")
    Membership.objects.create(
        user=other, organisation=organisation(vasterbotten, "umea"), role="coordinator"
    )
    verified_login(client, own)
    assert "Nästa steg" in client.get(page_of(lsg["meeting"])).content.decode()
    verified_login(client, other)
    assert client.get(page_of(lsg["meeting"])).status_code == 403
