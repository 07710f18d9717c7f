"""The effect goals' pages: a county's goals with what follows them and the survey's results;
opening a survey round (confirmed first); a member's answer. Login and the second factor as
everywhere; results only as aggregates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.two_factor import verified_required
from agreements import measures
from agreements.models import County
from meetings.steps import refuse
from structure.actions import ConflictError, agreement_in_force
from workdays.calendar import MAX_YEAR, MIN_YEAR

from . import forms, survey
from .access import is_county_coordinator, may_read_follow_up
from .survey_models import SurveyRound


def _county(slug: str) -> County:
    return get_object_or_404(County, slug=slug)


def goal_rows(agreement, titles) -> list[dict]:
    """Each follow-up of the agreement with its goals, the indicators by title."""
    return [
        {
            "follow_up": follow_up,
            "goals": [
                {
                    "goal": goal,
                    "indicators": [titles.get(key, key) for key in goal.indicators],
                }
                for goal in follow_up.effect_goals
            ],
        }
        for follow_up in agreement.follow_up
    ]


@login_required
@verified_required
def goals(request, county: str):
    found = _county(county)
    if not may_read_follow_up(request.user, found):
        raise PermissionDenied
    try:
        agreement = agreement_in_force(found.pk)
    except ValidationError:
        agreement = None
    rounds = list(SurveyRound.objects.filter(county=found).order_by("-year"))
    return render(
        request,
        "followup/goals.html",
        {
            "county": found,
            "agreement": agreement,
            "follow_ups": goal_rows(agreement, measures.indicator_titles() or {})
            if agreement
            else [],
            "rounds": rounds,
            "latest": survey.results(rounds[0]) if rounds else None,
            "may_open": is_county_coordinator(request.user, found),
            "form": forms.OpenSurveyForm(),
            "this_year": timezone.localdate().year,
        },
    )


@login_required
@verified_required
def open_survey(request, county: str):
    found = _county(county)
    if not is_county_coordinator(request.user, found):
        raise PermissionDenied
    back = reverse("followup:goals", args=[found.slug])
    form = forms.OpenSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        year, closes_on = form.cleaned_data["year"], form.cleaned_data["closes_on"]
        if request.POST.get("confirmed") and not request.POST.get("change"):
            try:
                survey.do_open_survey_round(request.user, found, year, closes_on)
            except (ValidationError, ConflictError) as error:
                refuse(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The survey is open. Next: the members answer it by %(day)s, from "
                        "their inbox; the results show here once enough have answered."
                    )
                    % {"day": closes_on.isoformat()},
                )
                return redirect(back)
        elif not request.POST.get("change"):
            invited = len(survey.members(found, timezone.localdate()))
            return render(
                request,
                "followup/survey_confirm.html",
                {
                    "county": found,
                    "form": form,
                    "back": back,
                    "summary": [
                        (_("Year the survey follows up"), str(year)),
                        (_("Last day to answer"), closes_on.isoformat()),
                        (_("Members asked"), str(invited)),
                    ],
                    "consequence": _(
                        "Every member of the structure today is asked, once; a year has one "
                        "survey, which cannot be opened again."
                    ),
                    "button": _("Open the survey"),
                },
            )
    return render(request, "followup/survey_open.html", {"county": found, "form": form})


@login_required
@verified_required
def answer(request, county: str, year: int):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    found = _county(county)
    round_ = get_object_or_404(SurveyRound, county=found, year=year)
    invitation = survey.invitation_of(request.user, round_)
    if invitation is None:
        raise PermissionDenied(_("You were not asked in this survey."))
    back = reverse("followup:goals", args=[found.slug])
    if invitation.answered:
        return render(request, "followup/survey_answered.html", {"county": found, "survey": round_})
    form = forms.AnswerForm(request.POST or None, questions=round_.asked())
    if request.method == "POST" and form.is_valid():
        try:
            survey.do_answer_survey(request.user, round_, form.answers())
        except ValidationError as error:
            refuse(form, error)
        except ConflictError:
            return redirect(request.path)
        else:
            messages.success(request, _("Thank you: your answers are saved, without your name."))
            return redirect(request.path)
    return render(
        request,
        "followup/survey_answer.html",
        {"county": found, "survey": round_, "form": form, "back": back},
    )
