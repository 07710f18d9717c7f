"""The forms of the matter pages: every text, date and file bounded by the input rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import schema
from inputs import rules
from inputs.fields import DayField, LineField, TextField
from meetings.files import FILES_HELP, FilesField

from . import flow, steps
from .actions import MAX_REVISION_BYTES
from .models import Decision, GoverningDocument, Handling, Matter


def _version(form: forms.Form) -> None:
    form.fields["version"] = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=rules.LARGEST_ID
    )


class FilterForm(forms.Form):
    body = forms.ChoiceField(label=_("Body"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("all")), *Matter.State.choices]
    )

    def __init__(self, *args, agreement: schema.Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("all")), *((b.id, b.name) for b in agreement.bodies)]


class RaiseForm(forms.Form):
    title = LineField(label=_("Title"), max_length=rules.LINE)
    question = TextField(
        label=_("The question"),
        help_text=_("What is to be prepared and decided, and why: the matter is prepared from it."),
    )
    place = forms.ChoiceField(label=_("Raised at"))
    organisation = forms.ModelChoiceField(label=_("Raised by"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of matter"), choices=Matter.Kind.choices[:2])
    dispute = forms.ChoiceField(
        label=_("The agreement's path for a dispute"),
        required=False,
        help_text=_("Only for a dispute on responsibility or costs."),
    )
    files = FilesField(label=_("Documentation"), help_text=FILES_HELP)

    def __init__(self, *args, agreement, organisations, paths, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [(p.key, p.name) for p in flow.places(agreement)]
        self.fields["organisation"].queryset = organisations
        self.fields["dispute"].choices = [("", "–")] + [(p.key, p.path.subject) for p in paths]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Matter.Kind.DISPUTE and not cleaned.get("dispute"):
            self.add_error("dispute", _("Choose the agreement's path for the dispute."))
        return cleaned


class PrepareForm(forms.Form):
    preparer = forms.ChoiceField(label=_("Prepared by"))
    text = TextField(label=_("What is to be prepared"), required=False)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preparer"].choices = [(p.key, p.name) for p in places]
        _version(self)


HANDLING_OUTCOMES = [
    (Handling.Outcome.INFORMATION.value, _("taken as information (closes the matter)")),
    (Handling.Outcome.RECOMMENDATION.value, Handling.Outcome.RECOMMENDATION.label),
    (Handling.Outcome.UPWARD.value, Handling.Outcome.UPWARD.label),
    (Handling.Outcome.BACK.value, Handling.Outcome.BACK.label),
    (Handling.Outcome.CLOSED.value, _("closed without more")),
]


class HandleForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=HANDLING_OUTCOMES)
    text = TextField(
        label=_("What the body said or recommends"),
        required=False,
        help_text=_("For a recommendation: its text. Sent back: the task."),
    )
    target = forms.ChoiceField(label=_("To the body"), required=False)
    meeting = forms.ModelChoiceField(label=_("At the meeting"), queryset=None, required=False)
    on = DayField(label=_("Date"), window=rules.CASE_STEP)

    def __init__(self, *args, upward, downward, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [
            ("", "–"),
            (_("Upward"), [(p.key, p.name) for p in upward]),
            (_("Downward"), [(p.key, p.name) for p in downward]),
        ]
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{timezone.localtime(m.starts_at).date().isoformat()} {m.title}".strip()
        )
        _version(self)

    def clean(self):
        cleaned = super().clean()
        # The step's own rules, the same the API answers with (matters.steps).
        for field, problem in steps.HANDLE.problems(cleaned).items():
            self.add_error(field, problem)
        return cleaned


class TextStepForm(forms.Form):
    """Escalating a dispute or reporting back on a task: a text and the date."""

    text = TextField(label=_("What was concluded"), required=False)
    on = DayField(label=_("Date"), window=rules.CASE_STEP)

    def __init__(self, *args, text_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = text_required
        _version(self)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=[c for c in Decision.Outcome.choices if c[0] != "pending"]
    )
    decided_on = DayField(label=_("Decided on"), window=rules.CASE_STEP)
    decided_by = LineField(
        label=_("Deciding body"), help_text=_("E.g. kommunstyrelsen, regionstyrelsen.")
    )
    reference = LineField(label=_("Reference (diarienummer, paragraph)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _version(self)


class RevisionForm(forms.Form):
    text = TextField(
        label=_("The proposed agreement file (YAML)"),
        max_length=MAX_REVISION_BYTES,
        required=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
    )
    upload = forms.FileField(label=_("Or upload the file"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _version(self)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload:
            if upload.size > MAX_REVISION_BYTES:
                self.add_error("upload", _("The file is larger than 200 kB."))
                return cleaned
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", _("The file is not UTF-8 text."))
                return cleaned
            problem = rules.text_problem(cleaned["text"], limit=None, multiline=True)
            if problem:
                self.add_error("upload", problem)
        elif not (cleaned.get("text") or "").strip() and not self.errors:
            self.add_error("text", _("Paste the file or upload it."))
        return cleaned


class AttachForm(forms.Form):
    files = FilesField(label=_("Add documentation"), help_text=FILES_HELP)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=GoverningDocument.Kind.choices)
    title = LineField(label=_("Title"), max_length=rules.LINE)
    owner_body = forms.ChoiceField(label=_("Owner body"))
    adopted_on = DayField(label=_("Adopted on"), window=rules.STRUCTURE)
    adopted_by = LineField(label=_("Adopted by"))
    document_version = LineField(label=_("Version"), max_length=rules.KEY)
    review_months = forms.IntegerField(
        label=_("Months between revisions"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Leave empty for the county's interval."),
    )
    review_basis = LineField(
        label=_("Why this interval"),
        max_length=rules.LINE,
        required=False,
        help_text=_("The agreement's words, e.g. “6.2: minst vartannat år”."),
    )
    public = forms.BooleanField(label=_("Public on the county's page"), required=False)
    files = FilesField(label=_("Files"), help_text=FILES_HELP)

    def __init__(self, *args, agreement: schema.Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].choices = [(b.id, b.name) for b in agreement.bodies]
        _version(self)


class SettingsForm(forms.Form):
    review_months = forms.IntegerField(
        label=_("Months between revisions of a governing document"), min_value=1, max_value=120
    )
    decision_days = forms.IntegerField(
        label=_("Days a recommendation may wait for the principals' decisions"),
        min_value=1,
        max_value=730,
    )
    dispute_answer_days = forms.IntegerField(
        label=_("Working days each step of a dispute has to answer"),
        help_text=_(
            "Used where the dispute path's document gives no time of its own; "
            "by default 20 working days, about four weeks."
        ),
        min_value=1,
        max_value=250,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _version(self)
