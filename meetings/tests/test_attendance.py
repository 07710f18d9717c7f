"""Attendance: members answer the notice; an absent member's substitute is called by Norrbotten
v2's rule ("Ersättare utses för vuxenpsykiatri och barnsjukvård"; "Ersättare för kommunernas
representanter är annan social- eller barnutbildningschef i tillhörande närsjukvårdsområde",
Representanter länsstyrgruppen); co-opted and guests recorded as such; who attended recorded,
and whether every party that must be represented was."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings import actions, attendance
from meetings.models import Attendance
from meetings.tests.builders import person_with_user, verified_login
from outbox.models import Mail
from structure.actions import agreement_in_force

from .test_meeting_page import build_lsg, page_of, with_agenda

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsg(db):
    found = build_lsg()
    actions.do_send_notice(found["secretary"], with_agenda(found))
    found["meeting"].refresh_from_db()
    return found


def row_of(lsg, key) -> Attendance:
    return lsg["meeting"].attendance.get(person=lsg[key].person)


def test_the_named_substitute_is_called_at_once_for_adult_psychiatry(client, lsg):
    verified_login(client, lsg["psychiatry"].person.user)
    response = client.post(f"{page_of(lsg['meeting'])}svar/", {"answer": "not_coming"})
    assert response.status_code == 302
    absent = row_of(lsg, "psychiatry")
    assert absent.answer == "not_coming"
    called = lsg["meeting"].attendance.get(on_behalf_of=absent.person)
    assert called.person == lsg["named"].person and called.role == "substitute"
    assert Mail.objects.filter(
        kind="meetings.substitute_called", recipient="ers-psyk@example.se"
    ).exists()
    html = client.get(page_of(lsg["meeting"])).content.decode()
    assert f"för {absent.person.name}" in html


def test_a_social_chief_is_replaced_from_the_same_area(lsg):
    # Kiruna lies in Norra Norrbotten with Gällivare; Boden in Boden/Luleå.
    kiruna = row_of(lsg, "kiruna")
    assert attendance.do_answer_notice(lsg["kiruna"].person.user, kiruna, "not_coming") is None
    candidates = attendance.substitute_candidates(kiruna)
    assert [c.appointment for c in candidates] == [lsg["gallivare"]]
    called = attendance.do_call_substitute(lsg["secretary"], kiruna, lsg["gallivare"])
    assert called.on_behalf_of == kiruna.person
    lulea = row_of(lsg, "lulea")
    attendance.do_answer_notice(lsg["lulea"].person.user, lulea, "not_coming")
    assert [c.appointment for c in attendance.substitute_candidates(lulea)] == [lsg["boden"]]
    with pytest.raises(ValidationError):
        attendance.do_call_substitute(lsg["secretary"], lulea, lsg["named"])


def test_the_substitute_rule_is_cited_where_one_is_called(client, lsg):
    kiruna = row_of(lsg, "kiruna")
    attendance.do_answer_notice(lsg["kiruna"].person.user, kiruna, "not_coming")
    verified_login(client, lsg["secretary"])
    url = f"{page_of(lsg['meeting'])}ersattare/{kiruna.pk}/"
    html = client.get(url).content.decode()
    assert "Representanter länsstyrgruppen" in html and "tillhörande närsjukvårdsområde" in html
    response = client.post(url, {"substitute": str(lsg["boden"].pk)})
    assert response.status_code == 400  # Boden is not in Kiruna's area
    assert client.post(url, {"substitute": str(lsg["gallivare"].pk)}).status_code == 302


def test_one_answers_only_ones_own_notice(lsg):
    with pytest.raises(PermissionDenied):
        attendance.do_answer_notice(lsg["lulea"].person.user, row_of(lsg, "kiruna"), "not_coming")


def test_co_opted_and_guests_and_who_attended(lsg):
    guest = person_with_user(lsg["county"], "lulea", username="gast")
    added = attendance.do_add_participant(lsg["secretary"], lsg["meeting"], guest, "guest")
    assert added.role == "guest"
    found = lsg["meeting"]
    found.starts_at -= datetime.timedelta(days=22)
    found.ends_at -= datetime.timedelta(days=22)
    found.save()
    present = {row_of(lsg, "lulea").pk, row_of(lsg, "psychiatry").pk, added.pk}
    attendance.do_record_attendance(lsg["secretary"], found, present)
    found.refresh_from_db()
    assert found.status == "held"
    rows = list(
        found.attendance.select_related("appointment__organisation", "person__organisation")
    )
    represented = {
        r.label: r.present
        for r in attendance.representation(found, rows, agreement_in_force(found.county_id))
    }
    assert represented["Region Norrbotten"] is True
    assert represented["Kommunerna"] is True
    assert represented["Norrbottens Kommuner"] is False  # the association's lead did not sit


def test_attendance_is_not_recorded_before_the_day(lsg):
    with pytest.raises(ValidationError):
        attendance.do_record_attendance(lsg["secretary"], lsg["meeting"], set())
