"""Three deviations between the same two parties within twelve months (Norrbotten's threshold)
are handed over by a coordinator as a matter for the area's body where the parties share an
area, else for the länsstyrgrupp; the matter names the parties and the count, never a case."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deviations import actions
from deviations.models import Deviation
from matters.models import Matter

from .conftest import D

pytestmark = pytest.mark.django_db


def _report(user, party, day, case=None):
    return actions.do_report_deviation(
        user,
        report=actions.Report(
            "norrbus:Samordnad planering – nätverksmöte", party, day, "Kallelsen besvarades inte."
        ),
        case=case,
        confirm_warnings=True,
        on=day,
    )


def test_three_within_twelve_months_go_to_the_area_s_body(people, orgs, case):
    reporter = people["reporter"]
    _report(reporter, orgs["bup"], D("2025-03-10"))  # more than twelve months before
    for day in ("2025-04-01", "2025-11-03"):
        _report(reporter, orgs["bup"], D(day))
    assert actions.recurring_in(orgs["school"].county_id, D("2026-03-16")) == []
    _report(people["social_chief"], orgs["bup"], D("2026-03-16"), case)
    [recurring] = actions.recurring_in(orgs["school"].county_id, D("2026-03-16"))
    assert recurring.pair == "lulea|region-norrbotten" and recurring.count == 3
    assert (recurring.place.body, recurring.place.instance) == ("lansdelsgrupp", "boden-lulea")
    with pytest.raises(PermissionDenied):
        actions.do_hand_over_recurring(
            reporter,
            county_id=orgs["school"].county_id,
            pair=recurring.pair,
            title="t",
            question="q",
            on=D("2026-03-16"),
        )
    hand_over = actions.do_hand_over_recurring(
        people["coordinator"],
        county_id=orgs["school"].county_id,
        pair=recurring.pair,
        title="Återkommande avvikelser mellan Luleå kommun och Region Norrbotten",
        question="3 avvikelser inom 12 månader.",
        on=D("2026-03-16"),
    )
    matter = hand_over.matter
    assert (matter.body, matter.instance, matter.kind) == (
        "lansdelsgrupp",
        "boden-lulea",
        "question",
    )
    assert Deviation.objects.filter(hand_over=hand_over).count() == 3
    assert actions.recurring_in(orgs["school"].county_id, D("2026-03-16")) == []
    with pytest.raises(ValidationError):
        actions.do_hand_over_recurring(
            people["coordinator"],
            county_id=orgs["school"].county_id,
            pair=recurring.pair,
            title="t",
            question="q",
            on=D("2026-03-16"),
        )
    assert Matter.objects.count() == 1


def test_parties_of_two_areas_go_to_the_lansstyrgrupp(people, orgs, case):
    for day in ("2026-01-12", "2026-02-09", "2026-03-09"):
        _report(people["kiruna"], orgs["social"], D(day))
    [recurring] = actions.recurring_in(orgs["school"].county_id, D("2026-03-16"))
    assert recurring.pair == "kiruna|lulea"
    assert (recurring.place.body, recurring.place.instance) == ("lansstyrgrupp", "")
