"""The survey of the structure's members on the effect goals: a round per county and year, who
was asked, and the answers.

An answer is kept apart from the person who gave it: the invitation records only that the
person has answered, and each answer row has a random key and no time, so that no order of rows
ties an answer to an invitation. Results are read only as aggregates (followup.survey)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import County
from structure.models import Person
from workdays.calendar import MAX_YEAR, MIN_YEAR

RATING_MIN = 1
RATING_MAX = 5
COMMENT_MAX = 500
QUESTION_KEY = 80


class SurveyRound(models.Model):
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="survey_rounds")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    # The goals and statements as the agreement worded them when the round opened: a later
    # version of the agreement does not change what was asked.
    questions = models.JSONField(_("questions"), default=list)
    opened_at = models.DateTimeField(_("opened"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closes_on = models.DateField(_("last day to answer"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["county", "year"], name="followup_one_round_a_year"),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="followup_survey_year_bounds",
            ),
        ]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")

    def __str__(self) -> str:
        return f"{self.county} {self.year}"

    def asked(self) -> list[dict]:
        """The questions as stored, leaving out any row not of their shape: odd stored data
        must not break a page."""
        stored = self.questions if isinstance(self.questions, list) else []
        return [
            q
            for q in stored
            if isinstance(q, dict)
            and all(isinstance(q.get(key), str) for key in ("id", "goal", "goal_text", "text"))
        ]

    def question_keys(self) -> list[str]:
        return [question["id"] for question in self.asked()]


class SurveyInvitation(models.Model):
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="followup_invited_once")
        ]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"{self.round} – {self.person_id}"


class SurveyAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="answers")
    question = models.SlugField(_("question"), max_length=QUESTION_KEY)
    rating = models.PositiveSmallIntegerField(
        _("answer"), validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    comment = models.CharField(_("comment"), max_length=COMMENT_MAX, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN) & Q(rating__lte=RATING_MAX),
                name="followup_rating_one_to_five",
            )
        ]
        indexes = [models.Index(fields=["round", "question"])]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return f"{self.round} – {self.question}"
