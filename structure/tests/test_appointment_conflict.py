"""Two coordinators changing the same appointment: the second is told, keeps what they typed,
sees what changed meanwhile and can save again; a change without the version it was typed on is
refused rather than saved over another's."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from structure.models import Appointment

from .builders import START, loaded_county, member_from

pytestmark = pytest.mark.django_db
LSG = "lansstyrgrupp"


@pytest.fixture
def changing(coordinator):
    coordinator.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    appointment = member_from(loaded_county("norrbotten"), "lulea", LSG, "social-chiefs")
    url = reverse("structure:appointment", args=["norrbotten", LSG, appointment.pk])
    typed = {
        "person": appointment.person.pk,
        "organisation": appointment.organisation.pk,
        "seat": "social-chiefs",
        "role": "member",
        "starts": START.isoformat(),
        "version": coordinator.get(url).context["form"].initial["version"],
    }
    with translation.override("en"):
        yield coordinator, url, typed


def test_a_change_without_its_version_is_refused(changing):
    client, url, typed = changing
    typed = {k: v for k, v in typed.items() if k != "version"}
    response = client.post(url, {**typed, "ends": "2026-06-30"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Appointment.objects.get().ends is None


def test_a_stale_change_shows_what_changed_and_saves_again(changing):
    client, url, typed = changing
    assert client.post(url, {**typed, "ends": "2026-06-30"}).status_code == 302
    second = client.post(url, {**typed, "ends": "2026-09-30", "reason": "Beslut KS § 12"})
    assert second.status_code == 409
    assert second.context["changed"] == [("To and including", "2026-06-30", "2026-09-30")]
    form = second.context["form"]
    assert form["ends"].value() == "2026-09-30" and form["reason"].value() == "Beslut KS § 12"
    assert Appointment.objects.get().ends == datetime.date(2026, 6, 30)
    again = client.post(url, {**typed, "ends": "2026-09-30", "version": form["version"].value()})
    assert again.status_code == 302
    assert Appointment.objects.get().ends == datetime.date(2026, 9, 30)
