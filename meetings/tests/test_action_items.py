"""Action items: given in the minutes, carried on every later agenda of the body until done or
cancelled, marked overdue, closed with a note by the owner or at a meeting."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meetings import actions, agenda
from meetings.models import ActionItem
from meetings.tests.builders import meeting, verified_login

from .test_meeting_page import build_lsg, later

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsg(db):
    return build_lsg()


def given(lsg, due_on, description="Ta fram en gemensam rutin för skolfrånvaro"):
    earlier = meeting(lsg["county"], "lansstyrgrupp", later(-30))
    return earlier, actions.do_add_action_item(
        lsg["secretary"],
        earlier,
        description=description,
        owner=lsg["kiruna"].person,
        due_on=due_on,
    )


def test_an_open_action_item_is_carried_to_the_next_meeting_until_done(lsg):
    _earlier, open_item = given(lsg, later(-1))
    proposals = agenda.propose_agenda(lsg["meeting"])
    assert [p.action_item for p in proposals] == [open_item]
    assert actions.is_overdue(open_item)
    agenda.do_propose_agenda(lsg["secretary"], lsg["meeting"])
    carried = lsg["meeting"].agenda.get()
    assert carried.action_item == open_item and carried.origin == f"action:{open_item.pk}"
    # Still open: the meeting after proposes it again.
    following = meeting(lsg["county"], "lansstyrgrupp", later(60))
    assert [p.action_item for p in agenda.propose_agenda(following)] == [open_item]
    actions.do_close_action_item(
        lsg["kiruna"].person.user, open_item, status="done", note="Rutinen är antagen."
    )
    assert agenda.propose_agenda(following) == []


def test_an_action_item_of_another_body_is_not_carried(lsg):
    other = meeting(lsg["county"], "lansstyrgrupp-au", later(-20))
    actions.do_add_action_item(
        lsg["secretary"].__class__.objects.create_superuser("admin", password="x" * 16),
        other,
        description="AU:s uppgift",
        owner=None,
        due_on=later(5),
    )
    assert agenda.propose_agenda(lsg["meeting"]) == []


def test_only_the_owner_or_the_officers_close_and_with_a_note(lsg):
    _earlier, item = given(lsg, later(10))
    with pytest.raises(PermissionDenied):
        actions.do_close_action_item(lsg["lulea"].person.user, item, status="done", note="Klart")
    with pytest.raises(ValidationError):
        actions.do_close_action_item(lsg["secretary"], item, status="done", note=" ")
    closed = actions.do_close_action_item(
        lsg["secretary"], item, status="cancelled", note="Ersätts av länsgemensam rutin."
    )
    assert closed.status == ActionItem.Status.CANCELLED and closed.closed_on is not None


def test_a_stale_close_is_refused(client, lsg):
    _earlier, item = given(lsg, later(10))
    verified_login(client, lsg["kiruna"].person.user)
    url = f"/moten/norrbotten/atgardspunkter/{item.pk}/stang/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "done", "note": "Klart", "version": item.version + 5})
    assert response.status_code == 409
    assert "Klart" in response.content.decode()
    response = client.post(url, {"status": "done", "note": "Klart", "version": item.version})
    assert response.status_code == 302


def test_an_action_item_due_before_its_meeting_is_refused(lsg):
    with pytest.raises(ValidationError):
        given(lsg, later(-31))
    assert timezone.localdate() > later(-31)
