"""Calendar feeds (iCalendar): a person's meetings, and a body's, at a private address.

The address holds a secret token; only its SHA-256 is stored (FeedToken), so the addresses are
shown once, when made, and renewing them makes the old ones stop working at once. Each meeting
keeps its UID across every change, its SEQUENCE is the meeting's own (raised on each change a
calendar should take in), a cancelled meeting stays in the feed as STATUS:CANCELLED so that
calendars remove it, and times are Swedish (Europe/Stockholm, with its VTIMEZONE). A feed names
bodies and places, never the people in them.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Timezone, vText

from accounts.two_factor import verified_required
from agreements.models import County
from audit.services import record
from structure.actions import agreement_in_force
from structure.models import Appointment

from . import events
from .models import FeedToken, Meeting

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PRODID = "-//Samverkan//Meetings//SV"
# Meetings from this long ago stay in a feed: last year's are still looked up in a calendar.
PAST = datetime.timedelta(days=400)
# The token's alphabet and length (secrets.token_urlsafe(32) gives 43 characters): anything
# else in the address is no feed.
TOKEN = r"(?P<token>[A-Za-z0-9_-]{43})"
SLUG = r"[-a-zA-Z0-9_]{1,64}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def do_renew_feed_token(actor) -> str:
    """New calendar addresses for the user: returns the token, which is stored only as its
    hash. The user's earlier addresses stop working when this commits."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        existing = FeedToken.objects.select_for_update().filter(user=actor).first()
        if existing is None:
            row = FeedToken.objects.create(user=actor, digest=_digest(token))
        else:
            row = existing
            row.digest = _digest(token)
            row.created_at = timezone.now()
            row.save(update_fields=["digest", "created_at"])
        record(actor, events.FEED_TOKEN_RENEWED, row, {"first": existing is None})
    return token


def _user_of(token: str):
    """The active user whose token this is; 404 for any other."""
    found = (
        FeedToken.objects.filter(digest=_digest(token), user__is_active=True)
        .select_related("user")
        .first()
    )
    if found is None:
        raise Http404
    return found.user


@dataclass(frozen=True)
class BodyRef:
    county: County
    body: str
    instance: str


def seats_of(user, day: datetime.date) -> list[BodyRef]:
    """The body instances the user's person sits in on the day (live appointments), in one
    query."""
    rows = (
        Appointment.objects.on(day)
        .filter(person__user=user)
        .select_related("county")
        .order_by("county__name", "body", "instance")
    )
    seen: dict[tuple, BodyRef] = {}
    for row in rows:
        seen.setdefault(
            (row.county_id, row.body, row.instance), BodyRef(row.county, row.body, row.instance)
        )
    return list(seen.values())


class BodyNames:
    """Bodies' names as the agreement in force gives them: one agreement read per county."""

    def __init__(self):
        self._agreements: dict[int, object] = {}
        self._names: dict[tuple[int, str, str], str] = {}

    def _agreement(self, county_id: int):
        if county_id not in self._agreements:
            try:
                self._agreements[county_id] = agreement_in_force(county_id)
            except ValidationError:
                self._agreements[county_id] = None
        return self._agreements[county_id]

    def body(self, county_id: int, body: str, instance: str) -> str:
        key = (county_id, body, instance)
        if key not in self._names:
            self._names[key] = self._body(county_id, body, instance)
        return self._names[key]

    def _body(self, county_id: int, body: str, instance: str) -> str:
        agreement = self._agreement(county_id)
        found = agreement.body(body) if agreement is not None else None
        if found is None:
            return body
        if not instance:
            return found.name
        names = dict(agreement.instances_of(found))
        return f"{found.name}, {names.get(instance, instance)}"

    def exists(self, county_id: int, body: str, instance: str) -> bool:
        agreement = self._agreement(county_id)
        found = agreement.body(body) if agreement is not None else None
        return found is not None and instance in dict(agreement.instances_of(found))


# What a feed reads of each meeting: plain rows, not model instances, which would cost more
# than writing the event.
FIELDS = (
    "pk",
    "uid",
    "county_id",
    "county__slug",
    "body",
    "instance",
    "title",
    "place",
    "starts_at",
    "ends_at",
    "status",
    "sequence",
    "changed_at",
)


def _meetings(refs: list[BodyRef], since: datetime.datetime) -> list:
    """The meetings of the body instances, and those held with them (a theme day held with
    another body), from `since`: one query."""
    # One condition per body and county with its instances listed, not one per seat: a
    # coordinator who sits in hundreds of groups costs a few conditions, each an index scan.
    instances: dict[tuple[int, str], list[str]] = defaultdict(list)
    for ref in refs:
        instances[(ref.county.pk, ref.body)].append(ref.instance)
    match = Q(pk__in=[])
    for (county, body), listed in instances.items():
        match |= Q(county_id=county, body=body, instance__in=listed)
        match |= Q(county_id=county, with_body=body, with_instance__in=listed)
    return list(
        Meeting.objects.filter(match, ends_at__gte=since)
        .order_by("starts_at", "pk")
        .values_list(*FIELDS, named=True)
    )


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545, 3.1), never inside a character."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    chunks, start, limit = [], 0, 75
    while len(raw) - start > limit:
        cut = start + limit
        while raw[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        chunks.append(raw[start:cut])
        start, limit = cut, 74  # the next line begins with the folding space
    chunks.append(raw[start:])
    return b"\r\n ".join(chunks).decode()


def _text(value: str) -> str:
    return vText(value).to_ical().decode()


def _stamp(moment: datetime.datetime) -> str:
    # %-formatting: three times a meeting, the quickest of the ways measured.
    return "%04d%02d%02dT%02d%02d%02d" % (  # noqa: UP031
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
    )


def _local(moment: datetime.datetime) -> str:
    return _stamp(moment.astimezone(STOCKHOLM))


def _utc(moment: datetime.datetime) -> str:
    return _stamp(moment.astimezone(datetime.UTC)) + "Z"


@lru_cache(maxsize=8)
def _timezone(first_year: int, last_year: int) -> bytes:
    """Europe/Stockholm as a VTIMEZONE covering the years of the feed's events."""
    zone = Timezone.from_tzid(
        "Europe/Stockholm",
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )
    return zone.to_ical()


def calendar(request, name: str, meetings: list) -> bytes:
    """The meetings (rows of FIELDS) as a published calendar, each event linking to its
    meeting page.

    The calendar's own properties, the text escaping and the VTIMEZONE are icalendar's; the
    events are written line by line, since icalendar's components cost a millisecond or more
    an event and a person's feed of a thousand meetings must come in well under a second.
    """
    names = BodyNames()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Stockholm")
    # How often Outlook and others may fetch the feed again (RFC 7986 and its forerunner).
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    host = request.build_absolute_uri("/")[:-1]
    see = _("Agenda, notice and minutes: %(url)s")
    # What many events share is written once: the escaped names and places, and per county
    # the meeting page's address with a marker for the meeting's number.
    summaries: dict[str, str] = {}
    places: dict[str, str] = {}
    pages: dict[str, tuple[str, str]] = {}
    marker = "1000001"
    lines: list[str] = []
    for meeting in meetings:
        slug = meeting.county__slug
        if slug not in pages:
            path = reverse("meetings:meeting", kwargs={"county": slug, "pk": int(marker)})
            url = host + path
            pages[slug] = (url, "DESCRIPTION:" + _text(see % {"url": url}))
        url, description = pages[slug]
        number = str(meeting.pk)
        body = names.body(meeting.county_id, meeting.body, meeting.instance)
        summary = f"{body}: {meeting.title}" if meeting.title else body
        if summary not in summaries:
            summaries[summary] = _fold("SUMMARY:" + _text(summary))
        stamp = _utc(meeting.changed_at)
        cancelled = meeting.status == Meeting.Status.CANCELLED
        lines += [
            "BEGIN:VEVENT",
            f"UID:{meeting.uid}@samverkan",
            f"SEQUENCE:{meeting.sequence}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{stamp}",
            f"DTSTART;TZID=Europe/Stockholm:{_local(meeting.starts_at)}",
            f"DTEND;TZID=Europe/Stockholm:{_local(meeting.ends_at)}",
            summaries[summary],
        ]
        if meeting.place:
            if meeting.place not in places:
                places[meeting.place] = _fold("LOCATION:" + _text(meeting.place))
            lines.append(places[meeting.place])
        lines += [
            _fold("URL:" + url.replace(marker, number)),
            _fold(description.replace(marker, number)),
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            f"TRANSP:{'TRANSPARENT' if cancelled else 'OPAQUE'}",
            "END:VEVENT",
        ]
    head = cal.to_ical().removesuffix(b"END:VCALENDAR\r\n")
    years = [meeting.starts_at.year for meeting in meetings] or [timezone.localdate().year]
    events_text = ("\r\n".join(lines) + "\r\n").encode() if lines else b""
    return head + _timezone(min(years), max(years)) + events_text + b"END:VCALENDAR\r\n"


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def person_feed(request, token):
    user = _user_of(token)
    refs = seats_of(user, timezone.localdate())
    meetings = _meetings(refs, timezone.now() - PAST)
    return _ics(calendar(request, _("Samverkan: my meetings"), meetings), "samverkan.ics")


@require_GET
def body_feed(request, token, county, body, instance=""):
    """A body instance's feed, for the body instances the person sits in: the addresses the
    person was given. Any other body's address is not found, as if it did not exist."""
    user = _user_of(token)
    ref = next(
        (
            ref
            for ref in seats_of(user, timezone.localdate())
            if (ref.county.slug, ref.body, ref.instance) == (county, body, instance)
        ),
        None,
    )
    names = BodyNames()
    if ref is None or not names.exists(ref.county.pk, body, instance):
        raise Http404
    meetings = _meetings([ref], timezone.now() - PAST)
    name = _("Samverkan: %(body)s") % {"body": names.body(ref.county.pk, body, instance)}
    return _ics(calendar(request, name, meetings), f"{body}.ics")


def _addresses(request, token: str, refs: list[BodyRef]) -> list[tuple[str, str]]:
    """(what, address) for the person's feed and each body instance's."""
    names = BodyNames()
    rows = [
        (
            _("All my meetings"),
            request.build_absolute_uri(reverse("meetings:person_feed", args=[token])),
        )
    ]
    for ref in refs:
        args = [token, ref.county.slug, ref.body] + ([ref.instance] if ref.instance else [])
        rows.append(
            (
                names.body(ref.county.pk, ref.body, ref.instance),
                request.build_absolute_uri(reverse("meetings:body_feed", args=args)),
            )
        )
    return rows


@login_required
@verified_required
@require_GET
def feeds(request):
    refs = seats_of(request.user, timezone.localdate())
    names = BodyNames()
    return render(
        request,
        "meetings/feeds.html",
        {
            "has_token": FeedToken.objects.filter(user=request.user).exists(),
            "bodies": [names.body(r.county.pk, r.body, r.instance) for r in refs],
        },
    )


@login_required
@verified_required
@require_http_methods(["GET", "POST"])
def renew(request):
    """New addresses: at once the first time; once confirmed when there are addresses to lose."""
    has_token = FeedToken.objects.filter(user=request.user).exists()
    if request.method == "GET" and not has_token:
        return redirect("meetings:feeds")
    if request.method == "GET" or (has_token and request.POST.get("confirmed") != "1"):
        return render(request, "meetings/feed_renew.html", {})
    token = do_renew_feed_token(request.user)
    refs = seats_of(request.user, timezone.localdate())
    # Shown in this answer only: the token is not kept anywhere it could be read again.
    return render(
        request,
        "meetings/feed_addresses.html",
        {"addresses": _addresses(request, token, refs), "renewed": has_token},
    )


urlpatterns = [
    path("kalender/", feeds, name="feeds"),
    path("kalender/nya-adresser/", renew, name="renew_feeds"),
    re_path(rf"^kalender/{TOKEN}\.ics$", person_feed, name="person_feed"),
    re_path(
        rf"^kalender/{TOKEN}/(?P<county>{SLUG})/(?P<body>{SLUG})\.ics$",
        body_feed,
        name="body_feed",
    ),
    re_path(
        rf"^kalender/{TOKEN}/(?P<county>{SLUG})/(?P<body>{SLUG})/(?P<instance>{SLUG})\.ics$",
        body_feed,
        name="body_feed",
    ),
]
