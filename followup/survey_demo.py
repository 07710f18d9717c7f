"""The demo's survey on the effect goals: Västerbotten's coordinator has opened this year's
round to the structure's members, and the demo users who sit in it have answered, so that
`make run` shows a round with its count of answers (under the small-number threshold, as a
real round is in its first days)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements.models import County
from structure.actions import ConflictError

from . import survey
from .survey import Answer
from .survey_models import SurveyRound

COUNTY = "vasterbotten"
ANSWERING = ("ordforande-vasterbotten", "justerare-vasterbotten")
OPEN_DAYS = 30


def ensure_demo_survey() -> bool:
    """Open the round and answer it once; False when it exists or the demo lacks its users."""
    county = County.objects.filter(slug=COUNTY).first()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["samordnare-vasterbotten", *ANSWERING]
        )
    }
    year = timezone.localdate().year
    if county is None or "samordnare-vasterbotten" not in users:
        return False
    if SurveyRound.objects.filter(county=county, year=year).exists():
        return False
    try:
        found = survey.do_open_survey_round(
            users["samordnare-vasterbotten"],
            county,
            year,
            timezone.localdate() + datetime.timedelta(days=OPEN_DAYS),
        )
    except (ConflictError, PermissionDenied, ValidationError):
        # A demo without the county's seats or agreement has no round to show.
        return False
    for rating, username in enumerate(ANSWERING, start=3):
        voter = users.get(username)
        if voter is not None and survey.invitation_of(voter, found) is not None:
            survey.do_answer_survey(
                voter, found, {key: Answer(rating) for key in found.question_keys()}
            )
    return True
