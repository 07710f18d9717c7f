"""My meetings: the meetings to come of the bodies one sits in, the notices to answer, the minutes
waiting for one's approval and one's open action items, overdue marked; where a person who sits
in bodies lands after logging in."""

import pytest
from django.utils import timezone

from meetings import actions, minutes
from meetings.tests.builders import meeting, user, verified_login
from samverkan.views import landing

from .test_meeting_page import build_lsg, later, with_agenda
from .test_minutes import held, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsg(db):
    return build_lsg()


def test_my_meetings_notices_and_action_items(client, lsg):
    found = with_agenda(lsg)
    actions.do_send_notice(lsg["secretary"], found)
    earlier = meeting(lsg["county"], "lansstyrgrupp", later(-40))
    overdue = actions.do_add_action_item(
        lsg["secretary"],
        earlier,
        description="Rapportera läget",
        owner=lsg["kiruna"].person,
        due_on=later(-2),
    )
    verified_login(client, lsg["kiruna"].person.user)
    response = client.get("/moten/mina/")
    html = response.content.decode()
    assert response.status_code == 200
    assert [m for m, _name in response.context["upcoming"]] == [found]
    assert [row.meeting for row, _name in response.context["to_answer"]] == [found]
    assert [(i, o) for i, _n, o in response.context["action_items"]] == [(overdue, True)]
    assert "Kallelser att svara på" in html and "försenad" in html
    assert f"/moten/norrbotten/atgardspunkter/{overdue.pk}/stang/" in html


def test_minutes_to_approve_for_the_adjuster_and_the_chair(client, lsg):
    state = held(lsg)
    found = write(state)
    minutes.do_submit_minutes(state["writer"], found, found.version)
    for approver in (state["lulea"].person.user, state["chair"]):
        verified_login(client, approver)
        response = client.get("/moten/mina/")
        assert [m.pk for m, _name in response.context["to_approve"]] == [found.pk]
    verified_login(client, state["writer"])
    assert client.get("/moten/mina/").context["to_approve"] == []


def test_who_lands_on_my_meetings(lsg):
    assert landing(lsg["lulea"].person.user) == ("meetings:mine", ())
    assert landing(user("ingen")) == ("structure:home", ())
    assert timezone.localdate() <= later(0)


def test_a_user_without_a_person_is_told(client, lsg):
    verified_login(client, user("okopplad"))
    assert "inte kopplat till en person" in client.get("/moten/mina/").content.decode()
