"""Builders for the meetings' tests: users in the structure's roles, members and meetings, each in
one call. Other test files import these: keep their names and arguments stable."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import COORDINATOR_GROUP
from accounts.two_factor import current_code
from agreements.models import County
from meetings.models import Meeting
from structure.models import Appointment, OfficeTerm, Person
from structure.tests.builders import START, appoint, organisation, person

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_numbers = itertools.count(1)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """The day at the hour, Swedish time."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


def user(username: str | None = None, **fields):
    return get_user_model().objects.create_user(
        username or f"user{next(_numbers)}", password="x" * 16, **fields
    )


def coordinator(username: str | None = None):
    """A user in the structure's coordinator group (accounts.roles.can_manage_structure)."""
    found = user(username)
    found.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    return found


def person_with_user(
    county: County,
    principal: str = "region-norrbotten",
    *,
    username: str | None = None,
    email: str = "",
    sector: str = "health_care",
) -> Person:
    """A person of a new organisation of the party, with an account of their own."""
    holder = person(organisation(county, principal, sector), email=email)
    holder.user = user(username)
    holder.save(update_fields=["user"])
    return holder


def office_holder(
    county: County,
    body: str,
    role: str = "chair",
    *,
    instance: str = "",
    principal: str = "region-norrbotten",
    username: str | None = None,
    email: str = "",
    starts: datetime.date = START,
    ends: datetime.date | None = None,
):
    """A user whose person holds the body's office (chair, secretary, convener) from `starts`."""
    holder = person_with_user(county, principal, username=username, email=email)
    OfficeTerm.objects.create(
        county=county,
        body=body,
        instance=instance,
        role=role,
        person=holder,
        principal=principal,
        starts=starts,
        ends=ends,
    )
    return holder.user


def member(
    county: County,
    body: str,
    seat: str,
    *,
    instance: str = "",
    principal: str = "region-norrbotten",
    email: str = "",
    username: str | None = None,
    starts: datetime.date = START,
    ends: datetime.date | None = None,
) -> Appointment:
    """A member of the body's seat, with an account when `username` is given."""
    if username:
        holder = person_with_user(county, principal, username=username, email=email)
    else:
        holder = person(organisation(county, principal), email=email)
    return appoint(holder, body, seat, instance=instance, starts=starts, ends=ends)


def meeting(
    county: County,
    body: str,
    day: datetime.date,
    *,
    instance: str = "",
    hours: tuple[int, int] = (10, 15),
    **fields,
) -> Meeting:
    """A planned meeting of the body on the day, at the hours."""
    return Meeting.objects.create(
        county=county,
        body=body,
        instance=instance,
        starts_at=at(day, hours[0]),
        ends_at=at(day, hours[1]),
        **fields,
    )


def verified_login(client, login_user) -> None:
    """Log in and pass the second factor, as the meetings' pages require."""
    client.force_login(login_user)
    device = TOTPDevice.objects.get_or_create(user=login_user, confirmed=True, name="app")[0]
    response = client.post("/konto/tvafaktor/", {"code": current_code(device)})
    assert response.status_code == 302
