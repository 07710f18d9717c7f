"""The agenda: items with presenter, length and kind, in order; what is proposed for it (open
action items, the registry's proposals); the länsstyrgrupp's joint questions in the morning
("Gemensamma frågor ... avhandlas på förmiddagen", Arbetsformer länsstyrgruppen), warned about
with the clause; an item from someone outside the body refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from meetings import agenda
from meetings.models import Meeting
from meetings.registry import AGENDA_PROPOSERS, ProposedItem
from meetings.tests.builders import coordinator, meeting, user, verified_login
from structure.actions import agreement_in_force

from .test_meeting_page import build_lsg, later, page_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsg(db):
    return build_lsg()


def item(lsg, title, minutes, joint=False, kind="discussion"):
    return agenda.do_add_agenda_item(
        lsg["secretary"],
        lsg["meeting"],
        agenda.ItemData(title=title, kind=kind, minutes=minutes, joint_question=joint),
    )


def test_joint_questions_past_noon_are_warned_about_citing_the_clause(lsg):
    # The länsstyrgrupp meets 10-15: 90 + 60 minutes take the joint question to 12:30.
    item(lsg, "Lägesrapport", 90)
    late = item(lsg, "Gemensam fråga om skolfrånvaro", 60, joint=True)
    found = lsg["meeting"]
    document = agreement_in_force(found.county_id)
    items = list(found.agenda.order_by("position"))
    warning = agenda.morning_warning(found, items, document)
    assert warning.items == [late]
    assert warning.rule.startswith("Gemensamma frågor som inkluderar skola")
    assert warning.source.section == "Arbetsformer länsstyrgruppen"
    agenda.do_move_agenda_item(lsg["secretary"], late, -1)
    items = list(found.agenda.order_by("position"))
    assert items[0] == late
    assert agenda.morning_warning(found, items, document) is None


def test_the_warning_is_on_the_page(client, lsg):
    item(lsg, "Lägesrapport", 120)
    item(lsg, "Gemensam fråga om skolfrånvaro", 30, joint=True)
    verified_login(client, lsg["secretary"])
    html = client.get(page_of(lsg["meeting"])).content.decode()
    assert "Gemensamma frågor efter lunch" in html and "Arbetsformer länsstyrgruppen" in html
    assert "12:00–12:30" in html


def test_no_morning_rule_for_a_body_without_one(lsg):
    other = meeting(lsg["county"], "lansstyrgrupp-au", later(10), hours=(11, 12))
    found = agenda.do_add_agenda_item(
        coordinator(),
        other,
        agenda.ItemData(
            title="Gemensam fråga", kind="discussion", minutes=120, joint_question=True
        ),
    )
    document = agreement_in_force(other.county_id)
    assert agenda.morning_warning(other, [found], document) is None


def test_someone_outside_the_body_cannot_add_an_item(client, lsg):
    outsider = user("utanfor")
    with pytest.raises(PermissionDenied, match="Du sitter inte i Länsstyrgruppen"):
        agenda.do_add_agenda_item(outsider, lsg["meeting"], agenda.ItemData("X", "information"))
    verified_login(client, lsg["kiruna"].person.user)
    response = client.post(
        f"{page_of(lsg['meeting'])}dagordning/",
        {"title": "Ny fråga", "kind": "discussion", "minutes": "20", "version": ""},
    )
    assert response.status_code == 302  # a member proposes an item


def test_a_refused_item_keeps_what_was_typed(client, lsg):
    verified_login(client, lsg["secretary"])
    response = client.post(
        f"{page_of(lsg['meeting'])}dagordning/",
        {"title": "Budget 2027", "kind": "decision", "minutes": "999", "version": "1"},
    )
    assert response.status_code == 400
    assert 'value="Budget 2027"' in response.content.decode()


def test_the_registry_proposes_items_once(lsg):
    def matters(found: Meeting):
        return [
            ProposedItem(title="Ärende: skolfrånvaro", kind="recommendation", origin="matter:1")
        ]

    AGENDA_PROPOSERS.append(matters)
    try:
        found = lsg["meeting"]
        assert [p.item.origin for p in agenda.propose_agenda(found)] == ["matter:1"]
        assert agenda.do_propose_agenda(lsg["secretary"], found) == 1
        found.refresh_from_db()
        assert agenda.propose_agenda(found) == []
        assert found.agenda.get().kind == "recommendation"
    finally:
        AGENDA_PROPOSERS.remove(matters)


def test_an_agenda_item_has_its_time(lsg):
    item(lsg, "Inledning", 15)
    item(lsg, "Lägesrapport", 45)
    found = lsg["meeting"]
    schedule = agenda.timed(found, list(found.agenda.order_by("position")))
    assert [(t.starts.time(), t.ends.time()) for t in schedule] == [
        (datetime.time(10, 0), datetime.time(10, 15)),
        (datetime.time(10, 15), datetime.time(11, 0)),
    ]
