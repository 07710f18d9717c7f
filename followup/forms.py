"""The forms of the effect goals' survey: opening a round and answering it, every value bounded
as the models bound it."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inputs import rules
from inputs.fields import DayField, TextField

from .survey import Answer
from .survey_models import COMMENT_MAX, RATING_MAX, RATING_MIN

ENDS = {RATING_MIN: _("%(n)s – do not agree at all"), RATING_MAX: _("%(n)s – agree completely")}


def scale() -> list[tuple[int, str]]:
    """The choices 1–5 with the ends named, in the reader's language."""
    return [
        (n, str(ENDS[n]) % {"n": n} if n in ENDS else str(n))
        for n in range(RATING_MIN, RATING_MAX + 1)
    ]


# How long a round stays open at most: the survey is short.
LONGEST_ROUND_DAYS = 90


class OpenSurveyForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year the survey follows up"), coerce=int)
    closes_on = DayField(
        label=_("Last day to answer"),
        window=rules.CASE_STEP,
        help_text=_("At most 90 days from today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in (this_year, this_year - 1)]

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        if day <= today:
            raise forms.ValidationError(_("The last day to answer must be after today."))
        if (day - today).days > LONGEST_ROUND_DAYS:
            raise forms.ValidationError(_("At most 90 days from today."))
        return day


class AnswerForm(forms.Form):
    """A rating and an optional comment for each statement of the round."""

    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = []
        for question in questions:
            key = question["id"]
            self.fields[f"rating-{key}"] = forms.TypedChoiceField(
                label=question["text"],
                choices=scale(),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how much you agree, from 1 to 5.")},
            )
            self.fields[f"comment-{key}"] = TextField(
                label=_("Comment (optional)"),
                required=False,
                max_length=COMMENT_MAX,
                help_text=_(
                    "At most %(n)s characters. Do not name anyone: the comments are shown "
                    "to the county's collaboration coordinators as written."
                )
                % {"n": COMMENT_MAX},
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.questions.append((question, self[f"rating-{key}"], self[f"comment-{key}"]))

    def answers(self) -> dict[str, Answer]:
        data = self.cleaned_data
        return {
            question["id"]: Answer(
                rating=data[f"rating-{question['id']}"],
                comment=data.get(f"comment-{question['id']}", ""),
            )
            for question, _rating, _comment in self.questions
        }
