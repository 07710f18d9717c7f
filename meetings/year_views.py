"""The pages of a body's year: the year at a glance with the rules it follows, proposing and
adopting it, changing, adding, requesting and cancelling a meeting, the earlier adopted
versions, the county's year, and the county's meeting settings. Thin: each reads, calls one
action of year_actions or county_settings, and renders."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, register_converter, reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.two_factor import verified_required
from structure.actions import ConflictError
from structure.services import structure_agreement

from . import county_settings, planning, year_actions
from .forms_year import (
    AdoptForm,
    CancelForm,
    MeetingForm,
    QuietPeriodFormSet,
    RequestForm,
    SettingsForm,
)
from .models import Meeting, QuietPeriod, YearPlan

# Words of the meetings' other pages under /moten/<county>/: never a body.
RESERVED = {"moten", "kalender", "publicerat", "mina", "installningar"}


class BodyConverter:
    regex = "[a-z0-9][a-z0-9-]*"

    def to_python(self, value: str) -> str:
        if value in RESERVED:
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        # The years the working-day calendar counts, around today.
        if not 2000 <= year <= 2100:
            raise ValueError(value)
        return year

    def to_url(self, value) -> str:
        return str(value)


register_converter(BodyConverter, "body")
register_converter(YearConverter, "year")


@dataclass
class Place:
    """A body instance as the pages name it."""

    agreement: object
    county: object
    body: object
    instance: str
    instance_name: str

    @property
    def name(self) -> str:
        return f"{self.body.name}, {self.instance_name}" if self.instance_name else self.body.name


def _place(county: str, body: str, instance: str = "") -> Place:
    agreement = structure_agreement(county)
    found = agreement.document.body(body)
    if found is None:
        raise Http404(_("No such body."))
    instances = dict(agreement.document.instances_of(found))
    if instance not in instances:
        raise Http404(_("No such group of the body."))
    return Place(agreement, agreement.county, found, instance, instances[instance])


def _year_url(place: Place, year: int, name: str = "meetings:year") -> str:
    kwargs = {"county": place.county.slug, "body": place.body.id, "year": year}
    if place.instance:
        kwargs["instance"] = place.instance
    return reverse(name, kwargs=kwargs)


def from_rules(origin: str) -> bool:
    return origin in ("election", "programme") or origin.startswith("event:")


@dataclass
class Row:
    meeting: Meeting | planning.Proposed
    convener: object = None
    convener_role: str = ""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    own: bool = True
    # The other body of a meeting held with another: whose it is, or with whom.
    other: str = ""

    @property
    def stored(self) -> bool:
        return isinstance(self.meeting, Meeting)

    @property
    def kind_label(self) -> str:
        return Meeting.Kind(self.meeting.kind).label

    @property
    def status_label(self) -> str:
        return self.meeting.get_status_display() if self.stored else _("proposed")

    @property
    def items(self) -> list[str]:
        """The agenda items the rules put on the meeting (an event's, an election)."""
        if not self.stored:
            return [item.title for item in self.meeting.agenda]
        return [item.title for item in self.meeting.agenda.all() if from_rules(item.origin)]


def _rows(meetings: list[Meeting], place: Place, settings, periods, conveners) -> list[Row]:
    """Each stored meeting with its convener and what departs from the rules; the double
    bookings of all of them read at once."""
    live = [m for m in meetings if m.status != Meeting.Status.CANCELLED]
    slots = [planning.Slot(m.body, m.instance, m.starts_at, m.ends_at, m.pk) for m in live]
    found = dict(zip((m.pk for m in live), planning.clashes_of(place.county, slots), strict=True))
    return [
        _warnings(m, place, settings, periods, conveners, found.get(m.pk, [])) for m in meetings
    ]


def _warnings(meeting: Meeting, place: Place, settings, periods, conveners, clashes) -> Row:
    document = place.agreement.document
    row = Row(meeting, own=(meeting.body, meeting.instance) == (place.body.id, place.instance))
    day = timezone.localtime(meeting.starts_at, planning.STOCKHOLM).date()
    convening = conveners.get((meeting.body, meeting.instance))
    row.convener, row.convener_role = convening.on(day) if convening else (None, "")
    if meeting.status == Meeting.Status.CANCELLED:
        return row
    for departure in planning.departures(
        document, meeting.body, meeting.starts_at, meeting.ends_at, settings, periods
    ):
        row.warnings.append(departure.text)
    for clash in clashes:
        other = year_actions.body_name(document, clash.meeting.body, clash.meeting.instance)
        row.warnings.append(
            _("%(person)s has another meeting at the same time (%(body)s)")
            % {"person": clash.person, "body": other}
        )
    body = document.body(meeting.body)
    preparation = body.meetings.prepared_by if body and body.meetings else None
    if preparation and meeting.kind == Meeting.Kind.ORDINARY:
        before = [m for m in meeting.prepared_by.all() if m.status != Meeting.Status.CANCELLED]
        committee = document.body(preparation.body)
        lead, _rule = planning.preparation_rule(document, committee, body, settings)
        if not before:
            row.warnings.append(
                _("%(committee)s has no meeting before it") % {"committee": committee.name}
            )
        for prepared in before:
            gap = (day - timezone.localtime(prepared.starts_at, planning.STOCKHOLM).date()).days
            if gap < lead:
                row.warnings.append(
                    _("%(committee)s meets only %(gap)s days before it (the rule: %(lead)s)")
                    % {"committee": committee.name, "gap": gap, "lead": lead}
                )
    if meeting.requested_by_id:
        row.notes.append(
            _("Requested by %(party)s: %(reason)s")
            % {"party": meeting.requested_by.name, "reason": meeting.request_reason}
        )
    return row


def _by_month(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    months: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        months[timezone.localtime(row.meeting.starts_at, planning.STOCKHOLM).month].append(row)
    return [(MONTHS[number], months[number]) for number in sorted(months)]


def _rules_of(proposals: list[planning.Proposed]) -> list[planning.Rule]:
    seen, found = set(), []
    for proposed in proposals:
        for rule in proposed.rules:
            if rule.text not in seen:
                seen.add(rule.text)
                found.append(rule)
    return found


@login_required
@verified_required
def year(request, county, body, year, instance=""):
    """The body instance's year at a glance: its meetings by month (or the rules' proposal when
    none is stored yet), with the rules they follow and what departs from them."""
    place = _place(county, body, instance)
    plan = YearPlan.objects.filter(
        county=place.county, body=place.body.id, instance=place.instance, year=year
    ).first()
    settings = county_settings.settings_for(place.county)
    periods = list(QuietPeriod.objects.filter(county=place.county))
    conveners = planning.conveners_of(place.county, year)
    proposals = planning.propose_year(
        place.county,
        place.body.id,
        place.instance,
        year,
        place.agreement.document,
        settings=settings,
        periods=periods,
        conveners=conveners,
    )
    meetings = list(
        Meeting.objects.filter(county=place.county, starts_at__year=year)
        .filter(planning.shown_in(place.body.id, place.instance))
        .select_related("requested_by", "prepares", "plan")
        .prefetch_related("prepared_by", "agenda")
        .order_by("starts_at", "pk")
    )
    stored = plan is not None and plan.meetings.exists()
    if stored or meetings:
        rows = _rows(meetings, place, settings, periods, conveners)
    else:
        rows = [Row(p, p.convener, p.convener_role, own=p.body == place.body.id) for p in proposals]
    names = {b.id: b.name for b in place.agreement.document.bodies}
    for row in rows:
        row.other = names.get(row.meeting.with_body if row.own else row.meeting.body, "")
    may_plan = year_actions.may_plan(request.user, place.county, place.body.id, place.instance)
    return render(
        request,
        "meetings/year.html",
        {
            "place": place,
            "county": place.county,
            "year": year,
            "plan": plan,
            "stored": stored,
            "months": _by_month(rows),
            "rules": _rules_of(proposals),
            "may_plan": may_plan,
            "may_request": year_actions.requesting_party(
                request.user, place.county, place.body.id, place.instance, plans=may_plan
            )
            is not None,
            "settings": settings,
            "previous_year": year - 1,
            "next_year": year + 1,
        },
    )


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@verified_required
@require_POST
def propose(request, county, body, year, instance=""):
    place = _place(county, body, instance)
    try:
        year_actions.do_propose_year_plan(
            request.user,
            place.county,
            place.body.id,
            place.instance,
            year,
            place.agreement.document,
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The year's meetings are proposed. Adjust them, then adopt the plan."),
        )
    return redirect(_year_url(place, year))


@login_required
@verified_required
def adopt(request, county, body, year, instance=""):
    """Adopt the year's meetings, after a confirmation showing them."""
    place = _place(county, body, instance)
    plan = get_object_or_404(
        YearPlan, county=place.county, body=place.body.id, instance=place.instance, year=year
    )
    year_actions.require_planner(request.user, place.county, place.body.id, place.instance)
    form = AdoptForm(request.POST or None, initial={"version": plan.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            year_actions.do_adopt_year_plan(request.user, plan, form.cleaned_data["version"])
        except ConflictError as error:
            messages.error(request, str(error))
            status = 409
            plan.refresh_from_db()
            form = AdoptForm(initial={"version": plan.version})
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _(
                    "The plan is adopted. Next: send the notice of the first meeting from its "
                    "page; a later change is mailed to the members."
                ),
            )
            return redirect(_year_url(place, year))
    return render(
        request,
        "meetings/year_adopt.html",
        {
            "place": place,
            "county": place.county,
            "year": year,
            "plan": plan,
            "form": form,
            "meetings": plan.meetings.order_by("starts_at", "pk"),
            "year_url": _year_url(place, year),
        },
        status=status,
    )


@login_required
@verified_required
def adoptions(request, county, body, year, instance=""):
    """The plan as adopted each time, oldest first."""
    place = _place(county, body, instance)
    plan = get_object_or_404(
        YearPlan, county=place.county, body=place.body.id, instance=place.instance, year=year
    )
    shown = []
    for adoption in plan.adoptions.select_related("adopted_by"):
        rows = []
        for item in adoption.meetings:
            try:
                starts = datetime.datetime.fromisoformat(item["starts_at"])
                ends = datetime.datetime.fromisoformat(item["ends_at"])
            except (KeyError, TypeError, ValueError):
                continue
            rows.append(
                {
                    "starts": starts.astimezone(planning.STOCKHOLM),
                    "ends": ends.astimezone(planning.STOCKHOLM),
                    "kind": dict(Meeting.Kind.choices).get(item.get("kind"), ""),
                    "status": dict(Meeting.Status.choices).get(item.get("status"), ""),
                    "title": item.get("title", ""),
                    "place": item.get("place", ""),
                }
            )
        shown.append((adoption, rows))
    return render(
        request,
        "meetings/year_adoptions.html",
        {
            "place": place,
            "county": place.county,
            "year": year,
            "plan": plan,
            "adoptions": shown,
            "year_url": _year_url(place, year),
        },
    )


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            target = {"starts_at": "day", "ends_at": "ends"}.get(name, name)
            for problem in problems:
                form.add_error(target if target in form.fields else None, problem)
    else:
        for problem in error.messages:
            form.add_error(None, problem)


def _clash_messages(request, meeting: Meeting, place: Place) -> None:
    for clash in planning.clashes(
        place.county, meeting.body, meeting.instance, meeting.starts_at, meeting.ends_at, meeting.pk
    ):
        messages.warning(
            request,
            _("%(person)s has another meeting at the same time (%(body)s)")
            % {
                "person": clash.person,
                "body": year_actions.body_name(
                    place.agreement.document, clash.meeting.body, clash.meeting.instance
                ),
            },
        )


@login_required
@verified_required
def add_meeting(request, county, body, year, instance=""):
    place = _place(county, body, instance)
    year_actions.require_planner(request.user, place.county, place.body.id, place.instance)
    return _new_meeting_page(request, place, year, request_only=False)


@login_required
@verified_required
def request_meeting(request, county, body, year, instance=""):
    place = _place(county, body, instance)
    if (
        year_actions.requesting_party(request.user, place.county, place.body.id, place.instance)
        is None
    ):
        raise PermissionDenied(
            _("Only a member of the body, on behalf of their party, may request an extra meeting.")
        )
    return _new_meeting_page(request, place, year, request_only=True)


def _new_meeting_page(request, place: Place, year: int, request_only: bool):
    form_class = RequestForm if request_only else MeetingForm
    start, end, _rule = planning.hours_of(
        place.body, place.agreement.document, county_settings.settings_for(place.county)
    )
    form = form_class(request.POST or None, initial={"starts": start, "ends": end})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data.get("place", ""),
            "departure_reason": data.get("departure_reason", ""),
        }
        try:
            if request_only:
                meeting = year_actions.do_request_extra_meeting(
                    request.user,
                    place.county,
                    place.body.id,
                    place.instance,
                    reason=data["reason"],
                    **common,
                )
            else:
                meeting = year_actions.do_add_meeting(
                    request.user,
                    place.county,
                    place.body.id,
                    place.instance,
                    title=data.get("title", ""),
                    **common,
                )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            _clash_messages(request, meeting, place)
            messages.success(
                request,
                _("The extra meeting is requested and in the plan; the chair decides on it.")
                if request_only
                else _("The meeting is added. Next: put its agenda together on its page."),
            )
            return redirect(_year_url(place, meeting.starts_at.astimezone(planning.STOCKHOLM).year))
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "place": place,
            "county": place.county,
            "year": year,
            "form": form,
            "requesting": request_only,
            "year_url": _year_url(place, year),
            "heading": _("Request an extra meeting") if request_only else _("Add a meeting"),
            "button": _("Request the meeting") if request_only else _("Add the meeting"),
            "extra_rule": (place.body.meetings.extra_on_request if place.body.meetings else None),
            "rules_source": place.body.meetings.source if place.body.meetings else None,
        },
    )


def _meeting_of(county: str, pk: int) -> tuple[Meeting, Place]:
    agreement = structure_agreement(county)
    meeting = get_object_or_404(
        Meeting.objects.select_related("plan", "county"), pk=pk, county=agreement.county
    )
    return meeting, _place(county, meeting.body, meeting.instance)


@login_required
@verified_required
def edit_meeting(request, county, pk):
    """Move a meeting, or change its place or title; a stale change keeps what was typed."""
    meeting, place = _meeting_of(county, pk)
    year_actions.require_planner(request.user, place.county, meeting.body, meeting.instance)
    year_of = meeting.starts_at.astimezone(planning.STOCKHOLM).year
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                year_actions.do_change_meeting(
                    request.user,
                    meeting,
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    place=data["place"],
                    title=data["title"],
                    departure_reason=data["departure_reason"],
                    expected_version=data["version"] or meeting.version,
                )
            except ConflictError as error:
                meeting.refresh_from_db()
                typed = request.POST.copy()
                typed["version"] = meeting.version
                form = MeetingForm(typed)
                form.is_valid()
                form.add_error(
                    None,
                    f"{error} "
                    + _(
                        "What you typed is kept below: check the meeting as it is now, "
                        "then save again."
                    ),
                )
                status = 409
            except ValidationError as error:
                _form_errors(form, error)
            else:
                meeting.refresh_from_db()
                _clash_messages(request, meeting, place)
                messages.success(
                    request,
                    _("The meeting is changed. The members are told by mail.")
                    if meeting.plan and meeting.plan.state != YearPlan.State.PROPOSED
                    else _("The meeting is changed."),
                )
                return redirect(_year_url(place, year_of))
    else:
        form = MeetingForm(initial=MeetingForm.initial_for(meeting))
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "place": place,
            "county": place.county,
            "year": year_of,
            "form": form,
            "meeting": meeting,
            "year_url": _year_url(place, year_of),
            "heading": _("Change the meeting"),
            "button": _("Save the change"),
            "now": meeting,
        },
        status=status,
    )


@login_required
@verified_required
def cancel_meeting(request, county, pk):
    """Cancel a meeting, with its reason, after a confirmation."""
    meeting, place = _meeting_of(county, pk)
    year_actions.require_planner(request.user, place.county, meeting.body, meeting.instance)
    year_of = meeting.starts_at.astimezone(planning.STOCKHOLM).year
    status = 200
    if request.method == "POST":
        form = CancelForm(request.POST)
        if form.is_valid() and request.POST.get("confirmed"):
            try:
                year_actions.do_cancel_meeting(
                    request.user,
                    meeting,
                    form.cleaned_data["reason"],
                    form.cleaned_data["version"] or meeting.version,
                )
            except ConflictError as error:
                form.add_error(None, str(error))
                meeting.refresh_from_db()
                status = 409
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The meeting is cancelled."))
                return redirect(_year_url(place, year_of))
    else:
        form = CancelForm(initial={"version": meeting.version})
    return render(
        request,
        "meetings/cancel_meeting.html",
        {
            "place": place,
            "county": place.county,
            "meeting": meeting,
            "form": form,
            "year_url": _year_url(place, year_of),
            "tells_members": bool(
                meeting.notice_sent_at
                or (meeting.plan and meeting.plan.state != YearPlan.State.PROPOSED)
            ),
        },
        status=status,
    )


@login_required
@verified_required
def county_year(request, county, year):
    """Every body and instance of the county with its plan's state for the year."""
    agreement = structure_agreement(county)
    document = agreement.document
    plans = {
        (p.body, p.instance): p for p in YearPlan.objects.filter(county=agreement.county, year=year)
    }
    rows = []
    for body in document.bodies:
        if body.kind in planning.MEETS_ON_NEED:
            continue
        for instance, instance_name in document.instances_of(body):
            place = Place(agreement, agreement.county, body, instance, instance_name)
            rows.append((place, plans.get((body.id, instance)), _year_url(place, year)))
    return render(
        request,
        "meetings/year_county.html",
        {
            "county": agreement.county,
            "year": year,
            "rows": rows,
            "previous_year": year - 1,
            "next_year": year + 1,
            "may_manage": year_actions.is_county_coordinator(request.user, agreement.county),
        },
    )


def _periods_data(formset) -> list[county_settings.QuietPeriodData]:
    return [
        county_settings.QuietPeriodData(
            form.cleaned_data["label"],
            (form.cleaned_data["starts_month"], form.cleaned_data["starts_day"]),
            (form.cleaned_data["ends_month"], form.cleaned_data["ends_day"]),
        )
        for form in formset.forms
        if form.has_changed() or form.initial
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@login_required
@verified_required
def settings_page(request, county):
    """The county's meeting settings and quiet periods, for the structure's coordinators."""
    agreement = structure_agreement(county)
    if not year_actions.is_county_coordinator(request.user, agreement.county):
        raise PermissionDenied(_("Only the structure's coordinators change the meeting settings."))
    settings = county_settings.settings_for(agreement.county)
    periods = QuietPeriod.objects.filter(county=agreement.county)
    initial_periods = [
        {
            "label": p.label,
            "starts_day": p.starts_day,
            "starts_month": p.starts_month,
            "ends_day": p.ends_day,
            "ends_month": p.ends_month,
        }
        for p in periods
    ]
    status = 200
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=settings)
        formset = QuietPeriodFormSet(request.POST, initial=initial_periods, prefix="quiet")
        if form.is_valid() and formset.is_valid():
            values = {name: form.cleaned_data[name] for name in county_settings.SETTINGS_FIELDS}
            try:
                county_settings.do_change_settings(
                    request.user,
                    agreement.county,
                    values,
                    _periods_data(formset),
                    form.cleaned_data["version"] or settings.version,
                )
            except ConflictError as error:
                form.add_error(
                    None,
                    f"{error} "
                    + _(
                        "What you typed is kept below: open the page again to see the "
                        "settings as they are now."
                    ),
                )
                status = 409
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The meeting settings are saved."))
                return redirect("meetings:settings", county)
    else:
        form = SettingsForm(instance=settings, initial={"version": settings.version})
        formset = QuietPeriodFormSet(initial=initial_periods, prefix="quiet")
    return render(
        request,
        "meetings/settings.html",
        {
            "county": agreement.county,
            "form": form,
            "formset": formset,
            "year": timezone.localdate().year,
        },
        status=status,
    )


def _year_paths(prefix: str) -> list:
    return [
        path(f"{prefix}", year, name="year"),
        path(f"{prefix}foresla/", propose, name="propose"),
        path(f"{prefix}anta/", adopt, name="adopt"),
        path(f"{prefix}antagna/", adoptions, name="adoptions"),
        path(f"{prefix}nytt-mote/", add_meeting, name="add_meeting"),
        path(f"{prefix}begar-mote/", request_meeting, name="request_meeting"),
    ]


urlpatterns = [
    path("<slug:county>/installningar/", settings_page, name="settings"),
    path("<slug:county>/<year:year>/", county_year, name="county_year"),
    path("<slug:county>/moten/<int:pk>/andra/", edit_meeting, name="edit_meeting"),
    path("<slug:county>/moten/<int:pk>/stall-in/", cancel_meeting, name="cancel_meeting"),
    *_year_paths("<slug:county>/<body:body>/<year:year>/"),
    *_year_paths("<slug:county>/<body:body>/<slug:instance>/<year:year>/"),
]
