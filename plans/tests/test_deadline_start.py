"""The step a deadline runs from is the county's file's (`counted_from`), not the code's.

Norrbus (004 "Samordnad planering – nätverksmöte") gives the meeting ten working days without
naming the event; Norrbotten's file counts them from the decision to call, and says it is an
interpretation. A county that reads them from consent sets `counted_from: consent`."""

import datetime

import pytest

from agreements.registry import Catalogue
from agreements.schema import DeadlineStart
from plans.deadlines import case_deadlines
from plans.models import Case
from plans.tests.test_case_pages import setting, verified_login  # noqa: F401 (a fixture)

CONSENT = datetime.date(2026, 3, 2)  # a Monday
DECIDED = datetime.date(2026, 3, 9)  # a Monday, a week later


def norrbus():
    return Catalogue().find("norrbotten", "norrbus").agreement.individual


def meeting_due(rules) -> datetime.date:
    case = Case(consent_on=CONSENT, decided_on=DECIDED)
    return next(d.on for d in case_deadlines(case, rules) if d.step == "meeting")


def test_norrbotten_counts_the_meeting_from_the_decision_and_says_it_interprets():
    rules = norrbus()
    meeting = rules.network_meeting.meeting
    assert meeting.counted_from == DeadlineStart.DECISION_TO_CALL
    assert meeting.source.interpretation and "10 arbetsdagar" in meeting.source.quote
    assert meeting_due(rules) == datetime.date(2026, 3, 23)  # ten working days after 9 March


def test_a_county_that_counts_from_consent_gets_the_earlier_day():
    rules = norrbus()
    meeting = rules.network_meeting.meeting.model_copy(
        update={"counted_from": DeadlineStart.CONSENT}
    )
    other = rules.model_copy(
        update={"network_meeting": rules.network_meeting.model_copy(update={"meeting": meeting})}
    )
    assert meeting_due(other) == datetime.date(2026, 3, 16)  # ten working days after 2 March


def test_no_meeting_deadline_before_its_step():
    case = Case(consent_on=CONSENT)
    assert [d.step for d in case_deadlines(case, norrbus())] == ["notice"]


@pytest.mark.django_db
def test_the_case_page_cites_the_guideline_by_title_and_section(client, setting):  # noqa: F811
    case, users = setting
    verified_login(client, users["kurator"])
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Norrbus – gemensamma riktlinjer för samverkan för barn och unga, version 1, " in html
    assert "avsnitt ”Arbetsmodell för samverkan”" in html
    assert ".txt" not in html
