"""Withdrawing a called substitute: the member comes after all, or the wrong person was called.
A confirm step on the meeting page, the action audited, the substitute told, and the minutes'
attendance naming only who was called in the end; refused once attendance is recorded and to
anyone but the member and the body's officers; the same in the API, 409 on a stale version."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from meetings import actions, attendance, minutes
from meetings.tests.builders import verified_login
from outbox.models import Mail

from .test_meeting_page import build_lsg, page_of, with_agenda

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def lsg(db):
    found = build_lsg()
    actions.do_send_notice(found["secretary"], with_agenda(found))
    found["meeting"].refresh_from_db()
    return found


def row_of(lsg, key):
    return lsg["meeting"].attendance.get(person=lsg[key].person)


def psychiatry_away(lsg):
    """The adult psychiatry's member cannot come: the named substitute is called at once."""
    absent = row_of(lsg, "psychiatry")
    called = attendance.do_answer_notice(lsg["psychiatry"].person.user, absent, "not_coming")
    assert called.person == lsg["named"].person
    lsg["meeting"].refresh_from_db()
    return absent, called


def test_the_member_comes_after_all_on_the_page_with_a_confirm_step(client, lsg):
    absent, called = psychiatry_away(lsg)
    verified_login(client, lsg["secretary"])
    page = client.get(page_of(lsg["meeting"])).content.decode()
    url = f"{page_of(lsg['meeting'])}ersattare/{called.pk}/aterkalla/"
    assert f'href="{url}"' in page and "Återkalla kallelsen" in page
    confirm = client.get(url).content.decode()
    assert "Återkalla kallelsen" in confirm and "Avbryt: ingenting ändras" in confirm
    # Nothing is chosen: refused, nothing changed.
    assert client.post(url, {"version": lsg["meeting"].version}).status_code == 400
    assert lsg["meeting"].attendance.filter(pk=called.pk).exists()
    response = client.post(url, {"member_coming": "yes", "version": lsg["meeting"].version})
    assert response.status_code == 302
    assert not lsg["meeting"].attendance.filter(pk=called.pk).exists()
    absent.refresh_from_db()
    assert absent.answer == "coming"
    event = AuditEvent.objects.get(code="meetings.substitute_withdrawn")
    assert event.params == {
        "seat": called.appointment.seat,
        "attendance": called.pk,
        "member_coming": True,
    }
    assert Mail.objects.filter(
        kind="meetings.substitute_withdrawn", recipient="ers-psyk@example.se"
    ).exists()


def test_the_wrong_person_called_leaves_the_member_away_and_another_may_be_called(lsg):
    kiruna = row_of(lsg, "kiruna")
    attendance.do_answer_notice(lsg["kiruna"].person.user, kiruna, "not_coming")
    called = attendance.do_call_substitute(lsg["secretary"], kiruna, lsg["gallivare"])
    attendance.do_withdraw_substitute(lsg["kiruna"].person.user, called, member_coming=False)
    kiruna.refresh_from_db()
    assert kiruna.answer == "not_coming"
    assert [c.appointment for c in attendance.substitute_candidates(kiruna)] == [lsg["gallivare"]]
    again = attendance.do_call_substitute(lsg["secretary"], kiruna, lsg["gallivare"])
    assert again.on_behalf_of == kiruna.person


def test_the_minutes_name_only_who_was_called_in_the_end(lsg):
    absent, called = psychiatry_away(lsg)
    attendance.do_withdraw_substitute(lsg["secretary"], called, member_coming=True)
    found = lsg["meeting"]
    found.starts_at -= datetime.timedelta(days=22)
    found.ends_at -= datetime.timedelta(days=22)
    found.save()
    attendance.do_record_attendance(lsg["secretary"], found, {absent.pk, row_of(lsg, "lulea").pk})
    written = minutes.do_write_minutes(lsg["writer"], found, entries={}, adjuster=None)
    present = minutes.minutes_context(written)["present"]
    assert {row.person_id for row in present} == {absent.person_id, lsg["lulea"].person_id}
    assert all(row.on_behalf_of_id is None for row in present)


def test_withdrawing_is_refused_to_others_for_a_member_and_once_attendance_is_recorded(lsg):
    absent, called = psychiatry_away(lsg)
    with pytest.raises(PermissionDenied):
        attendance.do_withdraw_substitute(lsg["lulea"].person.user, called, member_coming=True)
    with pytest.raises(ValidationError):
        attendance.do_withdraw_substitute(lsg["secretary"], absent, member_coming=True)
    found = lsg["meeting"]
    found.starts_at -= datetime.timedelta(days=22)
    found.ends_at -= datetime.timedelta(days=22)
    found.save()
    attendance.do_record_attendance(lsg["secretary"], found, {called.pk})
    with pytest.raises(ValidationError):
        attendance.do_withdraw_substitute(lsg["secretary"], called, member_coming=True)


def test_the_api_withdraws_with_409_on_a_stale_version(client, lsg):
    absent, called = psychiatry_away(lsg)
    verified_login(client, lsg["secretary"])
    url = f"/api/meetings/norrbotten/{lsg['meeting'].pk}/substitutes/withdraw"
    version = lsg["meeting"].version
    stale = {"attendance": called.pk, "member_coming": True, "version": version - 1}
    assert client.post(url, stale, content_type=JSON).status_code == 409
    bad = {"attendance": 10**12, "member_coming": True, "version": version}
    assert client.post(url, bad, content_type=JSON).status_code == 422
    done = client.post(url, {**stale, "version": version}, content_type=JSON)
    assert done.status_code == 200
    assert called.person.name not in {row["person"] for row in done.json()["attendance"]}


def test_answering_coming_again_withdraws_the_called_substitute(lsg):
    absent, called = psychiatry_away(lsg)
    member = lsg["psychiatry"].person.user
    assert attendance.do_answer_notice(member, absent, "coming") is None
    assert not lsg["meeting"].attendance.filter(pk=called.pk).exists()
    absent.refresh_from_db()
    assert absent.answer == "coming"
    event = AuditEvent.objects.get(code="meetings.substitute_withdrawn")
    assert event.actor == member
    assert event.params == {
        "seat": called.appointment.seat,
        "attendance": called.pk,
        "member_coming": True,
    }
    assert Mail.objects.filter(
        kind="meetings.substitute_withdrawn", recipient="ers-psyk@example.se"
    ).exists()
    # Away again: the substitute is called again, once however often the member says so.
    again = attendance.do_answer_notice(member, absent, "not_coming")
    assert again.person == lsg["named"].person
    assert attendance.do_answer_notice(member, absent, "not_coming") is None
    assert lsg["meeting"].attendance.filter(role="substitute").count() == 1


def test_the_member_answers_coming_on_the_page_and_is_told_the_substitute_goes(client, lsg):
    absent, called = psychiatry_away(lsg)
    verified_login(client, lsg["psychiatry"].person.user)
    page = client.get(page_of(lsg["meeting"])).content.decode()
    name = lsg["named"].person.name
    assert f"{name} är kallad i ditt ställe" in page
    url = f"{page_of(lsg['meeting'])}svar/"
    assert f"{name} är kallad i ditt ställe" in client.get(url).content.decode()
    response = client.post(url, {"answer": "coming"}, follow=True)
    assert f"{name}, som var kallad i ditt ställe, får veta att kallelsen" in (
        response.content.decode()
    )
    assert not lsg["meeting"].attendance.filter(pk=called.pk).exists()
    assert f"för {absent.person.name}" not in response.content.decode()


def test_answering_coming_is_refused_once_attendance_is_recorded(lsg):
    absent, called = psychiatry_away(lsg)
    found = lsg["meeting"]
    found.starts_at -= datetime.timedelta(days=22)
    found.ends_at -= datetime.timedelta(days=22)
    found.save()
    attendance.do_record_attendance(lsg["secretary"], found, {called.pk})
    absent.refresh_from_db()
    with pytest.raises(ValidationError):
        attendance.do_answer_notice(lsg["psychiatry"].person.user, absent, "coming")
    assert found.attendance.filter(pk=called.pk).exists()
