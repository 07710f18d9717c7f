"""The forms of a body's year: a meeting's day and hours (changed, added or requested), the
adoption and the cancellation, and the county's meeting settings with its quiet periods."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from inputs import rules
from inputs.fields import DayField, LineField, TextField

from . import planning
from .models import MeetingSettings

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, max_value=2**31 - 1, **kwargs)


class MeetingForm(forms.Form):
    day = DayField(label=_("Day"), window=rules.MEETING)
    starts = forms.TimeField(label=_("Starts"), widget=TIME_WIDGET)
    ends = forms.TimeField(label=_("Ends"), widget=TIME_WIDGET)
    place = LineField(label=_("Place"), max_length=rules.LINE, required=False)
    title = LineField(label=_("Title (optional)"), max_length=rules.LINE, required=False)
    departure_reason = TextField(
        label=_("Why on this day or at these hours"),
        required=False,
        help_text=_(
            "Needed only when the meeting falls on a holiday, in a quiet period or outside the "
            "body's hours."
        ),
    )
    version = VersionField()

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", _("The meeting ends before it starts."))
            cleaned["starts_at"] = planning.at(day, starts)
            cleaned["ends_at"] = planning.at(day, ends)
        return cleaned

    @staticmethod
    def initial_for(meeting) -> dict:
        starts = meeting.starts_at.astimezone(planning.STOCKHOLM)
        return {
            "day": starts.date(),
            "starts": starts.time(),
            "ends": meeting.ends_at.astimezone(planning.STOCKHOLM).time(),
            "place": meeting.place,
            "title": meeting.title,
            "departure_reason": meeting.departure_reason,
            "version": meeting.version,
        }


class RequestForm(MeetingForm):
    reason = TextField(label=_("Why the extra meeting is needed"))

    field_order = ["reason", "day", "starts", "ends", "place", "departure_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["title"]
        del self.fields["version"]


class CancelForm(forms.Form):
    reason = TextField(label=_("Why the meeting is cancelled"))
    version = VersionField()


class AdoptForm(forms.Form):
    version = VersionField()


class SettingsForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = MeetingSettings
        fields = [
            "notice_days",
            "minutes_days",
            "default_per_year",
            "default_start",
            "default_end",
            "publish_minutes",
            "publish_official_names",
            "send_notice_automatically",
        ]
        widgets = {"default_start": TIME_WIDGET, "default_end": TIME_WIDGET}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("default_start"), cleaned.get("default_end")
        if isinstance(start, datetime.time) and isinstance(end, datetime.time) and end <= start:
            self.add_error("default_end", _("The meetings end before they start."))
        return cleaned


class QuietPeriodForm(forms.Form):
    label = LineField(label=_("Name"), max_length=rules.NAME)
    starts_day = forms.IntegerField(label=_("From day"), min_value=1, max_value=31)
    starts_month = forms.IntegerField(label=_("From month"), min_value=1, max_value=12)
    ends_day = forms.IntegerField(label=_("To day"), min_value=1, max_value=31)
    ends_month = forms.IntegerField(label=_("To month"), min_value=1, max_value=12)


QuietPeriodFormSet = forms.formset_factory(
    QuietPeriodForm, extra=1, can_delete=True, max_num=20, absolute_max=20, validate_max=True
)
