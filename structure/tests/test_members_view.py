"""The members pages: coordinators appoint, change and end; others are refused."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from audit.models import AuditEvent
from structure.models import Appointment, Person

from .builders import START, loaded_county, member_from, organisation, person

pytestmark = pytest.mark.django_db
LSG = "lansstyrgrupp"


@pytest.fixture
def county():
    return loaded_county("norrbotten")


def post_data(org, **fields):
    data = {
        "new_name": "Inga Keskitalo",
        "new_title": "Socialchef",
        "new_email": "inga.keskitalo@kalix.example.se",
        "organisation": org.pk,
        "seat": "social-chiefs",
        "role": "member",
        "starts": "2026-01-01",
        "reason": "KS 2025-12-10 § 4",
    }
    data.update(fields)
    return data


def test_only_coordinators_manage(client, county):
    url = reverse("structure:members", args=["norrbotten", LSG])
    assert client.get(url).status_code == 302  # to log in
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    client.force_login(user)
    assert client.get(url).status_code == 403


def test_appoint_a_new_person(coordinator, county):
    kalix = organisation(county, "kalix")
    url = reverse("structure:appoint", args=["norrbotten", LSG])
    assert coordinator.get(url).status_code == 200
    response = coordinator.post(url, post_data(kalix))
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.person.name == "Inga Keskitalo" and appointment.seat == "social-chiefs"
    assert [e.action for e in AuditEvent.objects.all()] == ["create", "create"]
    listing = coordinator.get(reverse("structure:members", args=["norrbotten", LSG]))
    assert "Inga Keskitalo" in listing.content.decode()


def test_bad_input_shows_messages_and_keeps_what_was_typed(coordinator, county):
    kalix = organisation(county, "kalix")
    url = reverse("structure:appoint", args=["norrbotten", LSG])
    response = coordinator.post(url, post_data(kalix, ends="2025-01-01", seat="nosuch"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors and form.data["new_name"] == "Inga Keskitalo"
    assert not Appointment.objects.exists() and not Person.objects.exists()


def test_a_stale_form_is_refused_with_409(coordinator, county):
    appointment = member_from(county, "lulea", LSG, "social-chiefs")
    url = reverse("structure:appointment", args=["norrbotten", LSG, appointment.pk])
    form = coordinator.get(url).context["form"]
    stale = {
        "person": appointment.person.pk,
        "organisation": appointment.organisation.pk,
        "seat": "social-chiefs",
        "role": "member",
        "starts": START.isoformat(),
        "version": form.initial["version"],
    }
    first = coordinator.post(url, {**stale, "ends": "2026-06-30"})
    assert first.status_code == 302
    second = coordinator.post(url, {**stale, "ends": "2026-09-30"})
    assert second.status_code == 409
    assert Appointment.objects.get().ends == datetime.date(2026, 6, 30)


def test_an_appointment_of_another_body_is_not_found(coordinator, county):
    appointment = member_from(county, "lulea", LSG, "social-chiefs")
    url = reverse("structure:appointment", args=["norrbotten", "lansstyrgrupp-au", appointment.pk])
    assert coordinator.get(url).status_code == 404


def test_the_appointment_page_shows_who_changed_what_and_when(coordinator, county):
    from django.contrib.auth import get_user_model

    from structure.actions import do_appoint, do_end_appointment

    from .test_actions import data

    actor = get_user_model().objects.get(username="samordnare")
    holder = person(organisation(county, "lulea"))
    appointment = do_appoint(actor, data(holder, starts=datetime.date(2027, 1, 1)), "KS § 4")
    do_end_appointment(actor, appointment, appointment.version, datetime.date(2027, 6, 30))
    url = reverse("structure:appointment", args=["norrbotten", LSG, appointment.pk])
    response = coordinator.get(url)
    history = response.context["history"]
    assert [(e.actor_name, e.action) for e in history] == [
        ("samordnare", "create"),
        ("samordnare", "end"),
    ]
    assert history[0].reason == "KS § 4"
    # Each event's sentence written from its code, in the reader's language.
    assert f"samordnare: {holder.name} har utsetts" in response.content.decode()
