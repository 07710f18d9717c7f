"""The meeting page's forms, each bounded by the input rules; each carries the version of what it
was prepared on, so that a stale save is refused rather than overwriting another's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inputs import rules
from inputs.fields import DayField, LineField, TextField
from structure.models import Person

from .files import FILES_HELP, FilesField
from .minutes import DECIDED
from .models import ActionItem, AgendaItem, Attendance, Meeting

LARGEST_VERSION = 2**31 - 1


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=0, max_value=LARGEST_VERSION, **kwargs)


class VersionForm(forms.Form):
    """A step that changes the meeting and asks nothing more (propose the agenda, send the
    notice)."""

    version = VersionField()


class AgendaItemForm(forms.Form):
    title = LineField(label=_("Item"), max_length=rules.LINE)
    kind = forms.ChoiceField(label=_("Kind of item"), choices=AgendaItem.Kind.choices)
    presenter = LineField(label=_("Presented by"), required=False)
    minutes = forms.IntegerField(
        label=_("Length of the item (min)"), min_value=1, max_value=480, initial=15
    )
    joint_question = forms.BooleanField(
        label=_("Concerns school, social services and health care together"), required=False
    )
    version = VersionField()


class MoveForm(forms.Form):
    step = forms.TypedChoiceField(choices=[("-1", "-1"), ("1", "1")], coerce=int)
    version = VersionField()


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Attendance.Answer.COMING, _("I am coming")),
            (Attendance.Answer.NOT_COMING, _("I cannot come")),
        ],
        widget=forms.RadioSelect,
    )


class SubstituteForm(forms.Form):
    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"] = forms.TypedChoiceField(
            label=_("Substitute to call"),
            choices=[(c.appointment.pk, c.appointment.person.name) for c in candidates],
            coerce=int,
        )


class DocumentsForm(forms.Form):
    """Documents for the meeting, or for one of its agenda items."""

    files = FilesField(label=_("Documents"), help_text=FILES_HELP)
    agenda_item = forms.ModelChoiceField(
        label=_("For the agenda item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("The whole meeting"),
    )
    version = VersionField()

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        items = meeting.agenda.order_by("position", "pk")
        self.fields["agenda_item"].queryset = items
        self.fields["agenda_item"].label_from_instance = lambda item: item.title


class WithdrawSubstituteForm(forms.Form):
    """Take back a substitute's call, saying why: it decides the member's answer."""

    member_coming = forms.TypedChoiceField(
        label=_("Why the call is withdrawn"),
        choices=[
            ("yes", _("The member comes after all")),
            ("no", _("The wrong person was called: the member still cannot come")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    version = VersionField()


class ParticipantForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(
        label=_("As"),
        choices=[
            (Attendance.Role.CO_OPTED, Attendance.Role.CO_OPTED.label),
            (Attendance.Role.GUEST, Attendance.Role.GUEST.label),
        ],
    )
    version = VersionField()

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(county_id=meeting.county_id)


class AttendanceForm(forms.Form):
    """One box per person called: ticked when they attended."""

    version = VersionField()

    def __init__(self, *args, rows: list[Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"attended_{row.pk}"] = forms.BooleanField(
                label=row.person.name,
                required=False,
                initial=row.attended if row.attended is not None else row.answer == "coming",
            )

    def attended(self) -> set[int]:
        return {row.pk for row in self.rows if self.cleaned_data.get(f"attended_{row.pk}")}


class MinutesForm(forms.Form):
    """Per agenda item its discussion, recommendation and (where the body decides) decision;
    the adjuster among those who attended."""

    version = VersionField()

    def __init__(self, *args, items: list[AgendaItem], attendees: list[Person], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.fields["adjuster"] = forms.ModelChoiceField(
            label=_("Adjuster"),
            queryset=Person.objects.filter(pk__in=[p.pk for p in attendees]),
            required=False,
            help_text=_("Someone who attended, not the one who writes the minutes."),
        )
        for item in items:
            self.fields[f"discussion_{item.pk}"] = TextField(label=_("Discussion"), required=False)
            self.fields[f"recommendation_{item.pk}"] = TextField(
                label=_("Recommendation"), required=False
            )
            if item.kind in DECIDED:
                self.fields[f"decision_{item.pk}"] = TextField(label=_("Decision"), required=False)

    def item_fields(self):
        """Each agenda item with its bound fields, for the template."""
        for item in self.items:
            names = [f"{part}_{item.pk}" for part in ("discussion", "recommendation", "decision")]
            yield item, [self[name] for name in names if name in self.fields]


class ActionItemForm(forms.Form):
    description = TextField(label=_("What is to be done"), max_length=rules.SUMMARY)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Person.objects.none())
    due_on = DayField(label=_("Due"), window=rules.FOLLOW_UP)
    version = VersionField()

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class CloseActionItemForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Closed as"),
        choices=[
            (ActionItem.Status.DONE, ActionItem.Status.DONE.label),
            (ActionItem.Status.CANCELLED, ActionItem.Status.CANCELLED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = TextField(label=_("How it was done, or why not"))
    at_meeting = forms.ModelChoiceField(
        label=_("At the meeting"), queryset=Meeting.objects.none(), required=False
    )
    version = VersionField()

    def __init__(self, *args, item: ActionItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            county_id=item.county_id,
            body=item.body,
            instance=item.instance,
            starts_at__gte=item.raised_at.starts_at,
        ).exclude(status=Meeting.Status.CANCELLED)


class CorrectionForm(forms.Form):
    reason = TextField(label=_("Why the minutes are corrected"))
