"""Appointing, changing and ending: the agreement's limits, no lost update, every change audited."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from audit.services import verify
from structure.actions import (
    AppointmentData,
    ConflictError,
    appointment_data,
    do_appoint,
    do_change_appointment,
    do_end_appointment,
    do_record_office_term,
)
from structure.models import Appointment

from .builders import START, loaded_county, organisation, person

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def actor():
    return get_user_model().objects.create_user("samordnare", password="x" * 16)


@pytest.fixture
def lulea_chief():
    county = loaded_county("norrbotten")
    return person(organisation(county, "lulea"), "Karin Lantto")


def data(holder, **fields):
    values = {
        "person": holder,
        "organisation": holder.organisation,
        "body": "lansstyrgrupp",
        "seat": "social-chiefs",
        "role": Appointment.Role.MEMBER,
        "starts": START,
    }
    values.update(fields)
    return AppointmentData(**values)


def errors_of(excinfo):
    return excinfo.value.message_dict


def test_appoint_is_audited(actor, lulea_chief):
    appointment = do_appoint(actor, data(lulea_chief), reason="Beslut i kommunstyrelsen")
    [event] = AuditEvent.objects.all()
    assert event.actor == actor and event.action == "create"
    assert event.object_id == str(appointment.pk) and event.reason == "Beslut i kommunstyrelsen"
    assert event.changes["seat"] == [None, "social-chiefs"]
    assert verify().intact


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"seat": "no-such-seat"}, "seat"),
        ({"body": "no-such-body"}, "body"),
        ({"ends": D("2025-12-31")}, "ends"),
        ({"starts": D("1890-01-01")}, "starts"),
        ({"body": "lansdelsgrupp", "seat": "social-chief"}, "instance"),
        ({"role": Appointment.Role.SUBSTITUTE}, "substitute_for"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(actor, lulea_chief, fields, field):
    with pytest.raises(ValidationError) as excinfo:
        do_appoint(actor, data(lulea_chief, **fields))
    assert field in errors_of(excinfo)
    assert not Appointment.objects.exists() and not AuditEvent.objects.exists()


def test_the_same_person_twice_in_overlapping_periods(actor, lulea_chief):
    do_appoint(actor, data(lulea_chief, ends=D("2026-12-31")))
    with pytest.raises(ValidationError) as excinfo:
        do_appoint(actor, data(lulea_chief, starts=D("2026-06-01")))
    assert "starts" in errors_of(excinfo)
    do_appoint(actor, data(lulea_chief, starts=D("2027-01-01")))  # after the first: allowed


def test_a_stale_edit_is_refused_and_the_first_one_kept(actor, lulea_chief):
    appointment = do_appoint(actor, data(lulea_chief))
    first, second = (Appointment.objects.get(pk=appointment.pk) for _ in range(2))
    do_end_appointment(actor, first, first.version, D("2026-06-30"))
    with pytest.raises(ConflictError):
        do_change_appointment(
            actor, second, second.version, appointment_data(second, starts=D("2026-02-01"))
        )
    saved = Appointment.objects.get(pk=appointment.pk)
    assert saved.ends == D("2026-06-30") and saved.starts == START and saved.version == 2
    assert [e.action for e in AuditEvent.objects.all()] == ["create", "end"]


def test_ending_keeps_the_row(actor, lulea_chief):
    appointment = do_appoint(actor, data(lulea_chief))
    do_end_appointment(actor, appointment, appointment.version, D("2026-03-31"))
    assert Appointment.objects.on(D("2026-04-01")).count() == 0
    assert Appointment.objects.on(D("2026-03-31")).count() == 1


def test_recording_an_office_term(actor, lulea_chief):
    term = do_record_office_term(
        actor, person=lulea_chief, body="lansstyrgrupp", role="chair", starts=START
    )
    assert term.principal == "lulea"
    with pytest.raises(ValidationError) as excinfo:
        do_record_office_term(
            actor, person=lulea_chief, body="lansstyrgrupp", role="treasurer", starts=START
        )
    assert "role" in errors_of(excinfo)


def test_coordinators_are_told_of_a_change_of_participants(
    actor, lulea_chief, django_capture_on_commit_callbacks, mailoutbox
):
    # 003 "Administrativt stöd": "Förändringar av deltagare anmäls till Samverkanskoordinator".
    from django.contrib.auth.models import Group

    from accounts.roles import COORDINATOR_GROUP

    actor.email = "samordnare@region.example.se"
    actor.save()
    actor.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    with django_capture_on_commit_callbacks(execute=True):
        appointment = do_appoint(actor, data(lulea_chief))
    with django_capture_on_commit_callbacks(execute=True):
        do_end_appointment(actor, appointment, appointment.version, D("2026-06-30"))
    assert [m.to for m in mailoutbox] == [["samordnare@region.example.se"]] * 2
    assert "Karin Lantto" in mailoutbox[0].body and "Länsstyrgruppen" in mailoutbox[0].subject
    assert "2026-06-30" in mailoutbox[1].body
