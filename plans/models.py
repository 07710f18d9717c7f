"""The individual level: individuals and their cases, from a first concern to a followed-up plan.

A case moves through the Norrbus working model (004 "Arbetsmodell för samverkan"): opened by a
professional, consent given, the manager's decision to call a network meeting, the notice, the
meeting, the plan. Each step records who and when; the rules and deadlines come from the
county's guideline file, not from here.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import County
from inputs import rules
from structure.models import Organisation

ONE_DAY = datetime.timedelta(days=1)


class Individual(models.Model):
    """The person a case is about. The identity number is stored only encrypted."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="individuals")
    identity_encrypted = models.TextField()
    # A keyed hash of the number: finds an individual by exact match, reveals nothing.
    identity_index = models.CharField(max_length=64, unique=True)
    coordination_number = models.BooleanField(default=False)
    name = models.CharField(_("name"), max_length=rules.NAME)
    birth_date = models.DateField(_("date of birth"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("individual")
        verbose_name_plural = _("individuals")

    def __str__(self) -> str:
        # Never the identity number.
        return self.name

    @property
    def audit_individual_id(self):
        return self.pk


class Guardian(models.Model):
    """Who speaks for the individual besides themselves: a child's guardian, or a legal
    representative (god man, förvaltare) of an adult or of an unaccompanied child."""

    class Kind(models.TextChoices):
        GUARDIAN = "guardian", _("guardian")
        TRUSTEE = "trustee", _("god man")
        ADMINISTRATOR = "administrator", _("förvaltare")

    REPRESENTATIVES = (Kind.TRUSTEE, Kind.ADMINISTRATOR)

    individual = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("name"), max_length=rules.NAME)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GUARDIAN)

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    class State(models.TextChoices):
        OPENED = "opened", _("opened, waiting for consent")
        CONSENTED = "consented", _("consent given")
        CALLED = "called", _("decided to call a network meeting")
        NOTIFIED = "notified", _("notice sent")
        MET = "met", _("network meeting held")
        PLANNED = "planned", _("plan established")
        FOLLOW_UP_CALLED = "follow_up_called", _("follow-up meeting called")
        FOLLOWED_UP = "followed_up", _("plan followed up")
        # The follow-up meeting decided to revise the plan: the revision is the next step.
        REVISING = "revising", _("the plan is being revised")
        CLOSED = "closed", _("closed")

    class ClosedAs(models.TextChoices):
        CLOSED = "closed", _("closed with a reason")
        NOT_CALLED = "not_called", _("decided not to call a network meeting")
        FOLLOW_UP = "follow_up", _("closed at the follow-up meeting")

    individual = models.ForeignKey(Individual, on_delete=models.PROTECT, related_name="cases")
    opening_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="opened_cases"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="opened_cases"
    )
    opened_at = models.DateTimeField()
    acute = models.BooleanField(_("acute"), default=False)
    concern = models.TextField(_("needs noticed"))
    # What the opening organisation typed, kept as typed: when the number was registered by
    # another organisation, its name and guardians stay hidden from this one until consent
    # covers both (plans.access.shown_identity).
    name_as_given = models.CharField(_("name given when opening"), max_length=200, blank=True)
    guardians_as_given = models.TextField(_("guardians given when opening"), blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPENED)
    consent_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notice_sent_on = models.DateField(null=True, blank=True)
    meeting_on = models.DateField(null=True, blank=True)
    # The organisations the manager decided should take part, besides the child and parents.
    participants = models.ManyToManyField(
        Organisation, related_name="participating_cases", blank=True, verbose_name=_("taking part")
    )
    # Relatives take part "om det är lämpligt och den enskilde inte motsätter sig det" (004).
    relatives = models.CharField(_("relatives taking part"), max_length=rules.LINE, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_reason = models.TextField(_("why the case was closed"), blank=True)
    closed_as = models.CharField(
        _("how the case was closed"), max_length=20, choices=ClosedAs.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    # The case's pending deadlines in brief, kept with them (plans.deadlines.refresh_pending):
    # the start page orders an organisation's open cases by these without reading the
    # deadlines of every one.
    next_due_on = models.DateField(null=True, blank=True, editable=False)
    due_as_soon_as_possible = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def audit_individual_id(self):
        return self.individual_id

    def consent_in_force(self, on):
        """The latest consent given by the day, neither withdrawn nor past its end by it, if
        any."""
        # Through `.all()`, as `Consent.holds_on` judges: the case page has read them already.
        holding = [consent for consent in self.consents.all() if consent.holds_on(on)]
        return max(holding, key=lambda consent: consent.given_on, default=None)


def consent_holds(on, prefix: str = "") -> models.Q:
    """Consents in force on the day: given by it, not withdrawn by it, and not past their end
    date (the last day they hold). `prefix`: the path to the consent from the model queried."""
    return (
        models.Q(**{f"{prefix}given_on__lte": on})
        & (
            models.Q(**{f"{prefix}withdrawn_on__isnull": True})
            | models.Q(**{f"{prefix}withdrawn_on__gt": on})
        )
        & (
            models.Q(**{f"{prefix}valid_until__isnull": True})
            | models.Q(**{f"{prefix}valid_until__gte": on})
        )
    )


class PendingDeadline(models.Model):
    """A deadline of a case not yet met, kept in step with the case by the services
    (plans.deadlines.refresh_pending), so that an organisation's worklist is one indexed query
    however many cases it has handled."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pending_deadlines")
    step = models.CharField(max_length=20)
    # None: as soon as possible (an acute case).
    due_on = models.DateField(null=True, blank=True)
    # Whose step it is: the opening organisation sends the notice and holds the network
    # meeting, the coordinator's organisation of the plan in force calls the follow-ups (004
    # "Samordnare"); None for a follow-up of a plan that names no coordinator.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["case", "due_on"]),
            # An organisation's steps of one kind, most urgent first, as one index range: the
            # inbox reads the few that wait for it, not every case it has handled.
            models.Index(
                fields=["organisation", "step", "due_on"],
                include=["case"],
                name="pending_organisation_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.step} {self.due_on}"


class CaseVisibility(models.Model):
    """An organisation sees a case from one day until another: the opening organisation always;
    one taking part while a consent covers it (one row for each stretch of days the consents
    cover). Kept by `plans.access.keep_visibility` after each change of the case, with the case's
    open flag and order keys, so that an organisation's open cases are one index range. The rows
    serve the lists only; `plans.access.reach_case` decides on each case read."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    # Indexed with the case below, first.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # None: since the case was opened.
    visible_from = models.DateField(null=True)
    # The first day it is no longer seen; None: until further notice.
    visible_until = models.DateField(null=True)
    # Copied from the case: whether it is open, and what orders the start page (its deadlines
    # in brief, and when it was opened).
    open = models.BooleanField()
    next_due_on = models.DateField(null=True)
    due_as_soon_as_possible = models.BooleanField()
    opened_at = models.DateTimeField()

    class Meta:
        indexes = [
            # An organisation's cases on a day (the lists of all cases, the worklist's pending
            # ones): an index-only range.
            models.Index(
                fields=["organisation", "case", "visible_from", "visible_until"],
                name="plans_visibility_org_case",
            ),
            # An organisation's open cases with all the start page reads: an index-only range.
            models.Index(
                fields=[
                    "organisation",
                    "next_due_on",
                    "due_as_soon_as_possible",
                    "opened_at",
                    "case",
                    "visible_from",
                    "visible_until",
                ],
                condition=models.Q(open=True),
                name="plans_visibility_open",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.case_id} {self.organisation_id} {self.visible_from}–{self.visible_until}"


class NetworkMeeting(models.Model):
    """A network meeting held: the first, after the decision to call, or a follow-up called by
    the coordinator (004 "Samordnare": "kalla till nya nätverksmöten")."""

    class Kind(models.TextChoices):
        FIRST = "first", _("network meeting")
        FOLLOW_UP = "follow_up", _("follow-up meeting")

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("the plan continues as it is")
        REVISE = "revise", _("the plan is revised")
        CLOSE = "close", _("the case is closed")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    called_on = models.DateField(_("called on"), null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    planned_for = models.DateField(_("to be held on"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    attended = models.TextField(_("who attended"), blank=True)
    # "en gemensam bild av behov och resurser" (004 "Samordnad planering – nätverksmöte").
    picture = models.TextField(_("joint picture of needs and resources"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"

    @property
    def audit_individual_id(self):
        return self.case.individual_id


class EmergencyAccess(models.Model):
    """Access to an individual's cases outside participation, with a written reason, for a
    limited time, and flagged for the log review until an auditor has reviewed it (PDL 4 kap,
    "nödåtkomst")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # None when no individual has the number asked for: logged, counted and reviewed like any
    # other, so that the answer never tells whether a number has cases before it is logged.
    individual = models.ForeignKey(
        Individual,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
    )
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def audit_individual_id(self):
        return self.individual_id


CONSENT_END_TOO_EARLY = _("The end date must be after the day the consent was given.")


class Consent(models.Model):
    """Consent to share between organisations, from the individual or the guardians; it can be
    withdrawn, after which sharing stops but the record stays. It may be given for a limited
    time: after its end date it no longer holds, as if withdrawn the day after."""

    class Given(models.TextChoices):
        WRITING = "writing", _("in writing")
        ORALLY = "orally", _("orally")
        DIGITALLY = "digitally", _("digitally")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consents")

    class GivenAs(models.TextChoices):
        # The county's consent rules (agreements.schema.ConsentGiverKind) say who may, by age.
        INDIVIDUAL = "individual", _("the individual")
        GUARDIANS = "guardians", _("the guardians")
        LEGAL_REPRESENTATIVE = "legal_representative", _("the legal representative")

    given_by = models.CharField(_("given by"), max_length=rules.NAME)
    # Blank on consents recorded before the rules said who gives it.
    given_as = models.CharField(_("given as"), max_length=20, choices=GivenAs.choices, blank=True)
    given_how = models.CharField(_("how"), max_length=20, choices=Given.choices)
    given_on = models.DateField(_("given on"))
    child_view = models.TextField(_("the child's own view"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="consents", verbose_name=_("may share with")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    # The last day it holds; None: until withdrawn.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gt=models.F("given_on")),
                name="consent_valid_until_after_given",
            )
        ]
        # The consents about to end (inbox.sources.consent_expiry): few among many.
        indexes = [
            models.Index(
                fields=["valid_until"],
                condition=models.Q(valid_until__isnull=False),
                name="consent_valid_until",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.given_on}"

    @property
    def ends_on(self):
        """The first day it no longer holds: withdrawn, or the day after its end date; None
        while neither is set."""
        past_end = self.valid_until + ONE_DAY if self.valid_until else None
        return min((d for d in (self.withdrawn_on, past_end) if d), default=None)

    def holds_on(self, on) -> bool:
        return self.given_on <= on and (self.ends_on is None or on < self.ends_on)

    def expired_on(self, on) -> bool:
        """Past its end date on the day, without having been withdrawn before."""
        return (
            self.valid_until is not None
            and self.valid_until < on
            and (self.withdrawn_on is None or self.withdrawn_on > self.valid_until)
        )

    @property
    def audit_individual_id(self):
        return self.case.individual_id


# A reminder from a day to half a year ahead.
REMINDER_DAYS = (1, 180)


class ConsentReminder(models.Model):
    """How many days before a consent's end date the case's staff are reminded to renew it, in
    a county. The agreements name no period for a consent or its renewal (004 asks only that
    consent is given), so the county sets it here, not in its agreement file."""

    DEFAULT_DAYS = 30

    county = models.OneToOneField(County, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField(
        _("days before the end date"),
        default=DEFAULT_DAYS,
        validators=[MinValueValidator(REMINDER_DAYS[0]), MaxValueValidator(REMINDER_DAYS[1])],
    )

    class Meta:
        verbose_name = _("reminder of consents about to expire")
        verbose_name_plural = _("reminders of consents about to expire")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    days_before__gte=REMINDER_DAYS[0], days_before__lte=REMINDER_DAYS[1]
                ),
                name="consent_reminder_days_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"{self.county} {self.days_before}"

    @classmethod
    def days_for(cls, county_id: int) -> int:
        found = cls.objects.filter(county_id=county_id).values_list("days_before", flat=True)
        return next(iter(found), cls.DEFAULT_DAYS)


class Plan(models.Model):
    """One version of a case's SIP; every revision is kept and comparable."""

    class Approval(models.TextChoices):
        """How the individual or the guardians approved the version."""

        AT_MEETING = "at_meeting", _("at the network meeting")
        ON_PAPER = "on_paper", _("signed on paper")
        DIGITALLY = "digitally", _("digitally on My pages")
        ORALLY = "orally", _("orally")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plans")
    number = models.PositiveIntegerField(_("version"))
    needs = models.TextField(_("needs"), blank=True)
    # "vilka åtgärder som vidtas av någon annan än landstinget eller kommunen": stated, even
    # when there are none.
    measures_by_others = models.TextField(_("measures by others"), blank=True)
    overall_responsibility = models.SlugField(
        _("principal with overall responsibility"), max_length=rules.KEY, blank=True
    )
    coordinator_name = models.CharField(_("coordinator"), max_length=rules.NAME, blank=True)
    coordinator_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    plan_owner_name = models.CharField(_("plan owner"), max_length=rules.NAME, blank=True)
    plan_owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.CharField(_("approved by"), max_length=rules.NAME, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    # Blank on plans approved before the platform asked how.
    approved_how = models.CharField(
        _("how it was approved"),
        max_length=20,
        choices=Approval.choices,
        blank=True,
        db_default="",
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="plan_version")]
        # The established plans an organisation coordinates, read without their rows (the
        # inbox's follow-ups and consents ending): an organisation's plans lie spread over the
        # table, one page each.
        indexes = [
            models.Index(
                fields=["coordinator_organisation", "case", "number"],
                condition=models.Q(established_on__isnull=False),
                name="plan_coordinated",
            )
        ]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.case} v{self.number}"

    @property
    def audit_individual_id(self):
        return self.case.individual_id


class Intervention(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="interventions")
    description = models.TextField(_("intervention"))
    principal = models.SlugField(_("responsible principal"), max_length=rules.KEY, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(_("scope"), max_length=rules.LINE, blank=True)
    performer = models.CharField(_("performer"), max_length=rules.NAME, blank=True)
    follow_up = models.CharField(_("how it is followed up"), max_length=rules.LINE, blank=True)
    follow_up_on = models.DateField(_("followed up on"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self) -> str:
        return self.description[:60]


class NoFurtherAction(models.Model):
    """An actor's documented decision that no further assessment or intervention is needed
    from its side (004 "Samordnad individuell plan (SIP)")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="no_further_action")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    statement = models.TextField(_("statement"))

    class Meta:
        verbose_name = _("decision that nothing further is needed")
        verbose_name_plural = _("decisions that nothing further is needed")

    def __str__(self) -> str:
        return f"{self.plan} {self.organisation}"
