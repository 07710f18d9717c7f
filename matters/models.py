"""Matters (samverkansärenden) as they travel between the bodies, the principals' decisions on a
recommendation, and the county's register of governing documents.

Bodies and instances are the agreement's ids (`body`, `instance`), as in the live structure: a
matter outlives a new version of the agreement. A matter's lineage is its handlings, oldest
first; what the matter is now (`state`, `body`, `instance`) follows from the last of them.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import County
from inputs import rules
from meetings.files import FileStorage, KeptFile, files
from structure.models import Organisation


def _files() -> FileStorage:
    # Named by the migrations: the storage every app's files share (meetings.files).
    return files


class MattersSettings(models.Model):
    """A county's own choices where the agreements leave the number open."""

    county = models.OneToOneField(County, on_delete=models.CASCADE, related_name="+")
    # "Upprätta och fortlöpande revidera lokala styrdokument": a yearly review unless a document
    # states its own interval.
    review_months = models.PositiveSmallIntegerField(
        _("months between revisions of a governing document"), default=12
    )
    # How long a recommendation may wait for the principals' decisions before it is a finding.
    decision_days = models.PositiveSmallIntegerField(
        _("days a recommendation may wait for the principals' decisions"), default=90
    )
    # How many working days each step of a dispute path has to answer, where the path's
    # document states none (Norrbus "Oenighet vid tillämpning av riktlinjer" gives no time).
    dispute_answer_days = models.PositiveSmallIntegerField(
        _("working days each step of a dispute has to answer"), default=20
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("settings for matters")
        verbose_name_plural = _("settings for matters")

    def __str__(self) -> str:
        return str(self.county)


class Matter(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("question")
        DISPUTE = "dispute", _("dispute on responsibility or costs")
        TASK = "task", _("task sent downward")

    class State(models.TextChoices):
        OPEN = "open", _("with the body")
        PREPARATION = "preparation", _("in preparation")
        PRINCIPALS = "principals", _("waiting for the principals' decisions")
        TASK_OUT = "task_out", _("waiting for a task's report")
        CLOSED = "closed", _("closed")

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="matters")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUESTION)
    title = models.CharField(_("title"), max_length=rules.LINE)
    question = models.TextField(_("the question"))
    raised_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="matters_raised",
        verbose_name=_("raised by"),
    )
    raised_on = models.DateField(_("raised on"))
    # Where it was raised, and where it is now.
    origin_body = models.SlugField(max_length=rules.KEY)
    origin_instance = models.SlugField(max_length=rules.KEY, blank=True)
    body = models.SlugField(_("body"), max_length=rules.KEY)
    instance = models.SlugField(_("instance"), max_length=rules.KEY, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    # A task sent downward names the matter it reports back to.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    # A dispute follows one path of the agreement's matter_flow: the document and the path's
    # index there, and the step it has reached.
    dispute_document = models.SlugField(max_length=rules.KEY, blank=True)
    dispute_path = models.PositiveSmallIntegerField(null=True, blank=True)
    dispute_step = models.PositiveSmallIntegerField(default=0)
    # The day the step a dispute is at should answer by (resolve it or send it on), counted in
    # working days from the day it came there; stored for the inbox and the worklist.
    answer_due = models.DateField(null=True, blank=True)
    recommendation = models.TextField(_("recommendation to the principals"), blank=True)
    recommended_on = models.DateField(null=True, blank=True)
    decisions_due = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [
            models.Index(fields=["county", "state"]),
            models.Index(fields=["county", "body", "instance"]),
        ]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")

    def __str__(self) -> str:
        return self.title


class Handling(models.Model):
    """One step of a matter's lineage: raised, prepared, handled with an outcome, escalated."""

    class Outcome(models.TextChoices):
        RAISED = "raised", _("raised")
        PREPARED = "prepared", _("prepared")
        INFORMATION = "information", _("information")
        RECOMMENDATION = "recommendation", _("recommendation to the principals")
        UPWARD = "upward", _("sent upward")
        BACK = "back", _("sent back with a task")
        ESCALATED = "escalated", _("escalated")
        REPORTED = "reported", _("reported back")
        CLOSED = "closed", _("closed")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="handlings")
    body = models.SlugField(max_length=rules.KEY)
    instance = models.SlugField(max_length=rules.KEY, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    text = models.TextField(_("what was said or decided"), blank=True)
    target_body = models.SlugField(max_length=rules.KEY, blank=True)
    target_instance = models.SlugField(max_length=rules.KEY, blank=True)
    # The task matter a handling sent down, or the task whose report it records.
    task = models.ForeignKey(
        Matter, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("at the meeting"),
    )
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["matter", "at", "pk"]
        verbose_name = _("handling")
        verbose_name_plural = _("handlings")

    def __str__(self) -> str:
        return f"{self.matter} – {self.outcome}"


class Decision(models.Model):
    """One principal's decision on a recommendation, in its own line."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("pending")
        ADOPTED = "adopted", _("adopted")
        CHANGED = "changed", _("adopted with changes")
        REJECTED = "rejected", _("rejected")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="decisions")
    principal = models.SlugField(max_length=rules.KEY)
    principal_name = models.CharField(max_length=rules.NAME)
    outcome = models.CharField(
        _("decision"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.CharField(_("deciding body"), max_length=rules.NAME, blank=True)
    reference = models.CharField(
        _("reference (diarienummer, paragraph)"), max_length=rules.NAME, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["matter", "principal_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "principal"], name="one_decision_per_principal"
            )
        ]
        verbose_name = _("principal's decision")
        verbose_name_plural = _("principals' decisions")

    def __str__(self) -> str:
        return f"{self.matter} – {self.principal_name}"

    @property
    def adopted(self) -> bool:
        return self.outcome in (self.Outcome.ADOPTED, self.Outcome.CHANGED)


class Attachment(KeptFile):
    """The documentation of a matter (Västerbotten §7: "Frågeställningen skall också
    dokumenteras")."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=_files, upload_to="matters/%Y/", max_length=rules.LINE)

    class Meta:
        ordering = ["matter", "uploaded_at", "pk"]


class Revision(models.Model):
    """A proposed new version of an agreement file that a matter carries; the newest counts."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="revisions")
    document_id = models.SlugField(max_length=rules.KEY)
    text = models.TextField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["matter", "-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.matter} – {self.document_id}"


class GoverningDocument(models.Model):
    """A governing document in the county's register: an agreement, a guideline, a routine or
    an action plan, who owns it, when and by whom it was adopted, and when it is to be revised."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("agreement")
        GUIDELINE = "guideline", _("guideline")
        ROUTINE = "routine", _("routine")
        ACTION_PLAN = "action_plan", _("action plan")

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="governing_documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=rules.LINE)
    owner_body = models.SlugField(_("owner body"), max_length=rules.KEY)
    adopted_on = models.DateField(_("adopted on"))
    adopted_by = models.CharField(_("adopted by"), max_length=rules.NAME)
    document_version = models.CharField(_("version"), max_length=rules.KEY)
    # Empty: the county's interval (MattersSettings.review_months).
    review_months = models.PositiveSmallIntegerField(
        _("months between revisions"), null=True, blank=True
    )
    # Where a document's own interval comes from, in the agreement's words (e.g. "6.2
    # Beredningar: minst vartannat år").
    review_basis = models.CharField(_("why this interval"), max_length=rules.LINE, blank=True)
    next_revision = models.DateField(_("next revision due"))
    public = models.BooleanField(_("public"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["county", "title"]
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")

    def __str__(self) -> str:
        return self.title

    def overdue(self, on: datetime.date) -> bool:
        return self.next_revision < on


class DocumentFile(KeptFile):
    document = models.ForeignKey(GoverningDocument, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(storage=_files, upload_to="documents/%Y/", max_length=rules.LINE)

    class Meta:
        ordering = ["document", "-uploaded_at", "-pk"]
