"""The bodies' meetings: each body's yearly plan, its meetings with their notices and agendas,
who attended (and on whose behalf), the minutes and the action items carried until done.

A meeting names its body as the agreement files do (`body`, `instance`), like the structure's
appointments: a meeting outlives a new version of the agreement. What a meeting's rules are
(how many a year, at which hours, prepared by whom) is read from the agreement in force, never
stored here; what is stored is what was planned, sent, answered, written and approved.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import County
from inputs import rules
from structure.models import Appointment, Organisation, Person

from .files import KeptFile, storage
from .titles import render as render_title


class MeetingSettings(models.Model):
    """A county's own choices for its meetings, where the agreements say nothing: how long
    before a meeting the notice goes out, how soon the minutes are approved, how many meetings
    a body whose rules give no number holds, its hours, and what is published."""

    county = models.OneToOneField(County, on_delete=models.CASCADE, related_name="meeting_settings")
    # Kommunallagen's rhythm as the default: the notice at least a week ahead (5 kap. 53 §
    # for a board's meetings is silent; a week is the common practice of 5 kap. 36 §), the
    # minutes approved within fourteen days (5 kap. 69 §).
    notice_days = models.PositiveSmallIntegerField(
        _("notice, days before the meeting"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    minutes_days = models.PositiveSmallIntegerField(
        _("minutes approved within, days after the meeting"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    default_per_year = models.PositiveSmallIntegerField(
        _("meetings a year where the rules give no number"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    default_start = models.TimeField(_("meetings start"), default=datetime.time(9, 0))
    default_end = models.TimeField(_("meetings end"), default=datetime.time(12, 0))
    publish_minutes = models.BooleanField(
        _("publish approved minutes on the county's public page"), default=True
    )
    publish_official_names = models.BooleanField(
        _("name the officials in published minutes"), default=True
    )
    # Off by default: a notice goes out in the body's name, so the county chooses to let the
    # platform send it; otherwise the convener and the secretary are reminded on the due day.
    send_notice_automatically = models.BooleanField(
        _("send the notice automatically on its due day when the agenda is ready"),
        default=False,
        help_text=_(
            "The agenda is ready when it has at least one item. Otherwise the convener and the "
            "secretary are reminded by e-mail on the day the notice is due."
        ),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")

    def __str__(self) -> str:
        return str(self.county)


class QuietPeriod(models.Model):
    """Days of the year a county plans no meetings (the summer weeks, Christmas): from one
    month and day to another, inclusive, wrapping over the new year when it ends earlier in
    the year than it starts."""

    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="quiet_periods")
    label = models.CharField(_("name"), max_length=rules.NAME)
    starts_month = models.PositiveSmallIntegerField(
        _("from month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    starts_day = models.PositiveSmallIntegerField(
        _("from day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    ends_month = models.PositiveSmallIntegerField(
        _("to month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    ends_day = models.PositiveSmallIntegerField(
        _("to day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )

    class Meta:
        ordering = ["county", "starts_month", "starts_day"]
        verbose_name = _("quiet period")
        verbose_name_plural = _("quiet periods")

    def __str__(self) -> str:
        return self.label

    def covers(self, day: datetime.date) -> bool:
        start, end = (self.starts_month, self.starts_day), (self.ends_month, self.ends_day)
        key = (day.month, day.day)
        if start <= end:
            return start <= key <= end
        return key >= start or key <= end


class YearPlan(models.Model):
    """A body's (or body instance's) meetings for a calendar year: proposed from the rules,
    adjusted and adopted by its chair or secretary. Each adoption keeps what was adopted
    (`AdoptedPlan`); a change after adoption is told to the members."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ADOPTED = "adopted", _("adopted")
        CHANGED = "changed", _("changed since it was adopted")

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="year_plans")
    body = models.SlugField(_("body"), max_length=rules.KEY)
    instance = models.SlugField(_("instance"), max_length=rules.KEY, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["county", "year", "body", "instance"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "body", "instance", "year"], name="year_plan_per_body"
            )
        ]
        verbose_name = _("yearly meeting plan")
        verbose_name_plural = _("yearly meeting plans")

    def __str__(self) -> str:
        return f"{self.body} {self.instance} {self.year}".replace("  ", " ")


class AdoptedPlan(models.Model):
    """One adoption of a year plan, kept as it was: the meetings as adopted."""

    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="adoptions")
    number = models.PositiveSmallIntegerField()
    adopted_at = models.DateTimeField()
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # [{"uid", "title", "kind", "starts_at", "ends_at", "place", "status"}], ISO times.
    meetings = models.JSONField()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="adopted_plan_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan} ({self.number})"


class Meeting(models.Model):
    """A meeting of a body: planned, notified, held or cancelled."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("meeting")
        EXTRA = "extra", _("extra meeting")
        THEME_DAY = "theme_day", _("theme day")
        EVENT = "event", _("meeting of the rules")  # a theme or joint meeting, a seminar
        PREPARATORY = "preparatory", _("preparatory meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        NOTIFIED = "notified", _("notice sent")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    # The calendar feeds' UID: stable across every change of the meeting.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="meetings")
    body = models.SlugField(_("body"), max_length=rules.KEY)
    instance = models.SlugField(_("instance"), max_length=rules.KEY, blank=True)
    plan = models.ForeignKey(
        YearPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    # The rules' event (agreements.schema.MeetingEvent.id) a meeting of kind EVENT holds.
    event = models.SlugField(max_length=rules.KEY, blank=True)
    title = models.CharField(_("title"), max_length=rules.LINE, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=rules.LINE, blank=True)
    # A theme day held with another body appears in both bodies' plans.
    with_body = models.SlugField(max_length=rules.KEY, blank=True)
    with_instance = models.SlugField(max_length=rules.KEY, blank=True)
    # A working committee's meeting names the meeting it prepares.
    prepares = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="prepared_by"
    )
    # Why the meeting departs from the calendar or the county's quiet periods, when it does.
    departure_reason = models.TextField(_("why on this day"), blank=True)
    # An extra meeting a party asked for, and why.
    requested_by = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    request_reason = models.TextField(_("why the meeting was requested"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    cancelled_reason = models.TextField(_("why the meeting was cancelled"), blank=True)
    notice_sent_at = models.DateTimeField(null=True, blank=True)
    notice_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # iCalendar's SEQUENCE: raised on every change a calendar should take in.
    sequence = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["county", "body", "instance", "starts_at"]),
            models.Index(fields=["starts_at"]),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.title or self.body} {self.starts_at:%Y-%m-%d}"


class ActionItem(models.Model):
    """Something a meeting gave someone to do, carried on the body's agendas until done."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="action_items")
    body = models.SlugField(_("body"), max_length=rules.KEY)
    instance = models.SlugField(_("instance"), max_length=rules.KEY, blank=True)
    raised_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="action_items_raised"
    )
    description = models.TextField(_("what is to be done"))
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="action_items_closed"
    )
    closing_note = models.TextField(_("how it was done, or why not"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["county", "body", "instance", "status"])]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.description[:80]


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        INFORMATION = "information", _("information")
        DISCUSSION = "discussion", _("discussion")
        RECOMMENDATION = "recommendation", _("recommendation")
        DECISION = "decision", _("decision")
        ELECTION = "election", _("election")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    # The title as someone wrote it; an item the rules or another app made has none, but a
    # code and its parameters instead, written in the reader's language (meetings.titles).
    text = models.CharField(_("item"), max_length=rules.LINE, blank=True)
    title_code = models.CharField(max_length=rules.KEY, blank=True)
    title_params = models.JSONField(default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    presenter = models.CharField(_("presented by"), max_length=rules.NAME, blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("length of the item (min)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(480)],
    )
    # Norrbotten's länsstyrgrupp: questions of school, social services and health care together
    # are taken in the morning (lansstyrgrupp "Arbetsformer länsstyrgruppen").
    joint_question = models.BooleanField(
        _("concerns school, social services and health care together"), default=False
    )
    # An open action item carried to this agenda, or where the item comes from in the rules
    # ("election", "event:<id>"), so that an item is proposed once.
    action_item = models.ForeignKey(
        ActionItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    origin = models.CharField(max_length=rules.KEY, blank=True)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The title in the active language."""
        if self.title_code:
            return render_title(self.title_code, self.title_params)
        return self.text

    @title.setter
    def title(self, value: str) -> None:
        # Written over by someone: the item's title is theirs from now on.
        self.text, self.title_code, self.title_params = value, "", {}

    @classmethod
    def proposed(cls, meeting: Meeting, position: int, item, **fields) -> AgendaItem:
        """An unsaved item from a proposal (meetings.registry.ProposedItem): a coded title
        is stored as its code and parameters."""
        return cls(
            meeting=meeting,
            position=position,
            text="" if item.code else item.title,
            title_code=item.code,
            title_params=dict(item.params),
            kind=item.kind,
            presenter=item.presenter,
            minutes=item.minutes,
            origin=item.origin,
            **fields,
        )


class MeetingDocument(KeptFile):
    """A document the notice goes out with: attached to the meeting, or to one of its agenda
    items. Read only by those who may see the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    file = models.FileField(storage=storage, upload_to="meetings/%Y/", max_length=rules.LINE)

    class Meta:
        ordering = ["meeting", "uploaded_at", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")


class Attendance(models.Model):
    """A person called to a meeting: their answer, and whether and as what they attended."""

    class Answer(models.TextChoices):
        NONE = "", _("not answered")
        COMING = "coming", _("coming")
        NOT_COMING = "not_coming", _("not coming")

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        SUBSTITUTE = "substitute", _("substitute")
        CO_OPTED = "co_opted", _("co-opted")
        GUEST = "guest", _("guest")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("person")
    )
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(_("as"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer.choices, default=Answer.NONE, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # A substitute attends on behalf of the absent member (the minutes say "för").
    on_behalf_of = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("on behalf of"),
    )

    class Meta:
        ordering = ["meeting", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.person} {self.meeting}"


class Minutes(models.Model):
    """The minutes of a meeting, one version of them: written by the secretary, approved
    (justerade) by the chair and an adjuster; approved minutes never change, a correction is a
    new version with its reason."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for approval")
        APPROVED = "approved", _("approved")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    number = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    adjuster = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("adjuster"),
    )
    chair_approved_at = models.DateTimeField(null=True, blank=True)
    chair_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adjuster_approved_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    correction_reason = models.TextField(_("why the minutes are corrected"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_version")
        ]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting} ({self.number})"


class MinutesEntry(models.Model):
    """What the minutes say under one agenda item."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+")
    discussion = models.TextField(_("discussion"), blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)
    decision = models.TextField(_("decision"), blank=True)

    class Meta:
        ordering = ["minutes", "agenda_item__position"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "agenda_item"], name="minutes_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.minutes} {self.agenda_item}"


class FeedToken(models.Model):
    """The secret in a person's calendar feed address, kept as its hash; renewing it replaces
    the row, and the old address stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        # Never the token, nor its hash.
        return str(self.user)
