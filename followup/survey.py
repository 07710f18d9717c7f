"""The survey of the structure's members on the effect goals no figure of the platform shows.

The county's coordinator opens a round for a year: every person holding a seat in the county's
structure that day is asked the statements the agreement in force lists under its effect goals,
each rated from 1 (do not agree at all) to 5 (agree completely) with an optional comment. Each
person answers once. The results are read only as aggregates, and not at all while fewer have
answered than the county's small-number threshold.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import schema
from agreements.models import County
from audit.services import record
from structure.actions import ConflictError, agreement_in_force
from structure.models import Appointment, Person

from . import events
from .access import is_county_coordinator
from .models import FollowupSettings
from .survey_models import (
    COMMENT_MAX,
    RATING_MAX,
    RATING_MIN,
    SurveyAnswer,
    SurveyInvitation,
    SurveyRound,
)

RATINGS = range(RATING_MIN, RATING_MAX + 1)


def questions_of(agreement: schema.Agreement) -> list[dict]:
    """The agreement's statements with the goal each follows, in the agreement's order."""
    return [
        {"goal": goal.id, "goal_text": goal.goal, "id": question.id, "text": question.statement}
        for follow_up in agreement.follow_up
        for goal in follow_up.effect_goals
        for question in goal.questions
    ]


def members(county: County, day: datetime.date) -> list[Person]:
    """The people holding a seat (as member, substitute or co-opted) in the county's structure
    on the day, each once."""
    holders = Appointment.objects.on(day).filter(county=county).values("person")
    return list(Person.objects.filter(pk__in=holders).order_by("pk"))


def do_open_survey_round(actor, county: County, year: int, closes_on: datetime.date) -> SurveyRound:
    """Opens the year's round to the structure's members of today. A second round of the
    same year is refused (ConflictError): one round a year keeps the years comparable."""
    if not is_county_coordinator(actor, county):
        raise PermissionDenied(_("Only the county's collaboration coordinators may open a survey."))
    today = timezone.localdate()
    if closes_on <= today:
        raise ValidationError({"closes_on": _("The last day to answer must be after today.")})
    questions = questions_of(agreement_in_force(county.pk))
    if not questions:
        raise ValidationError(
            _("The agreement in force has no survey questions under its effect goals.")
        )
    invited = members(county, today)
    if not invited:
        raise ValidationError(_("No one holds a seat in the county's structure today."))
    try:
        with transaction.atomic():
            survey = SurveyRound.objects.create(
                county=county,
                year=year,
                questions=questions,
                opened_at=timezone.now(),
                opened_by=actor,
                closes_on=closes_on,
            )
            SurveyInvitation.objects.bulk_create(
                SurveyInvitation(round=survey, person=person) for person in invited
            )
            record(
                actor,
                events.SURVEY_OPENED,
                survey,
                {"year": year, "invited": len(invited), "closes_on": closes_on.isoformat()},
            )
    except IntegrityError:
        raise ConflictError(
            _("A survey of %(year)s is already open for the county.") % {"year": year}
        ) from None
    return survey


def invitation_of(user, survey: SurveyRound) -> SurveyInvitation | None:
    person = Person.objects.filter(user=user).first() if user.is_authenticated else None
    if person is None:
        return None
    return SurveyInvitation.objects.filter(round=survey, person=person).first()


@dataclass(frozen=True)
class Answer:
    rating: int
    comment: str = ""


def do_answer_survey(actor, survey: SurveyRound, answers: dict[str, Answer]) -> None:
    """Stores one person's answers, once. The answers are not tied to the person: only the
    invitation says that they have answered."""
    if not answers or set(answers) != set(survey.question_keys()):
        raise ValidationError(_("Answer every statement."))
    for answer in answers.values():
        if answer.rating not in RATINGS or len(answer.comment) > COMMENT_MAX:
            raise ValidationError(_("Answer every statement."))
    if timezone.localdate() > survey.closes_on:
        raise ValidationError(_("The survey closed on %(day)s.") % {"day": survey.closes_on})
    with transaction.atomic():
        invitation = invitation_of(actor, survey)
        if invitation is None:
            raise PermissionDenied(_("You were not asked in this survey."))
        invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.answered:
            raise ConflictError(_("You have already answered this survey."))
        invitation.answered = True
        invitation.save(update_fields=["answered"])
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(round=survey, question=key, rating=a.rating, comment=a.comment.strip())
            for key, a in answers.items()
        )
        record(actor, events.SURVEY_ANSWERED, survey, {"year": survey.year})


@dataclass(frozen=True)
class QuestionResult:
    key: str
    goal: str
    goal_text: str
    text: str
    answers: int
    mean: Decimal | None
    distribution: dict[int, int] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Results:
    survey: SurveyRound
    invited: int
    answered: int
    threshold: int
    questions: list[QuestionResult]

    @property
    def suppressed(self) -> bool:
        """Fewer have answered than the threshold: no figure is given."""
        return self.answered < self.threshold

    def of_goal(self, goal: str) -> list[QuestionResult]:
        return [q for q in self.questions if q.goal == goal]


def results(survey: SurveyRound) -> Results:
    """The round's answers as aggregates, in a fixed number of queries; under the threshold
    only how many were asked and answered."""
    tally = Counter(survey.invitations.values_list("answered", flat=True).order_by().iterator())
    invited, answered = tally[True] + tally[False], tally[True]
    threshold = FollowupSettings.threshold_for(survey.county)
    shown = answered >= threshold
    means, spread, comments = {}, {}, {}
    if shown:
        for row in survey.answers.values("question").annotate(mean=Avg("rating")).order_by():
            means[row["question"]] = Decimal(str(row["mean"])).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
        for row in survey.answers.values("question", "rating").annotate(n=Count("pk")).order_by():
            spread.setdefault(row["question"], {})[row["rating"]] = row["n"]
        # Sorted by their words, not by when they came, so that no order points to a person.
        for key, comment in (
            survey.answers.exclude(comment="").values_list("question", "comment").order_by()
        ):
            comments.setdefault(key, []).append(comment)
    questions = [
        QuestionResult(
            key=q["id"],
            goal=q["goal"],
            goal_text=q["goal_text"],
            text=q["text"],
            answers=sum(spread.get(q["id"], {}).values()),
            mean=means.get(q["id"]),
            distribution={r: spread.get(q["id"], {}).get(r, 0) for r in RATINGS} if shown else {},
            comments=sorted(comments.get(q["id"], []), key=str.casefold),
        )
        for q in survey.asked()
    ]
    return Results(survey, invited, answered, threshold, questions)
