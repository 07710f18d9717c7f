"""Västerbotten 6.2 (seed 002, "Beredningar till Länssamverkansgruppen"): "Beredningarna skall ha
ett uppdrag med tydliga målsättningar från LSG. [...] Beredningarnas uppdrag och bemanning skall
revideras vid behov och minst vartannat år." Encoded as each beredning's revised_every (24
months, revised by the Länssamverkansgrupp), proposed on the Länssamverkansgrupp's yearly plan
when due and checked by the compliance rule "mandate-revision"."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from agreements.validation import validate_text
from meetings import planning, revision
from meetings.models import AgendaItem, Meeting
from meetings.tests.builders import meeting
from structure.compliance import ERROR, OK, WARNING, evaluate
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db

LSG = "lanssamverkansgrupp"
BEREDNINGAR = ("beredning-barn-unga", "beredning-vuxna-aldre")


@pytest.fixture
def vasterbotten():
    return loaded_county("vasterbotten")


def revised_on(county, day: datetime.date, body: str = "beredning-barn-unga") -> Meeting:
    held = meeting(county, LSG, day, status=Meeting.Status.HELD)
    AgendaItem.objects.create(
        meeting=held,
        position=1,
        title_code=revision.CODE,
        title_params={"body": body, "name": body},
        kind=AgendaItem.Kind.DECISION,
    )
    return held


def revision_items(proposed):
    return [
        (p.day, item.params["body"])
        for p in proposed
        for item in p.agenda
        if item.code == revision.CODE
    ]


def test_the_beredningar_are_revised_at_least_every_other_year_by_the_lsg(vasterbotten):
    agreement = planning.agreement_in_force(vasterbotten.pk)
    for body_id in BEREDNINGAR:
        rule = agreement.body(body_id).revised_every
        assert (rule.every_months, rule.revised_by) == (24, LSG)
        assert rule.source.section == "6.2 Beredningar till Länssamverkansgruppen"
        assert "minst vartannat år" in rule.source.quote and "från LSG" in rule.source.quote
    assert [b.id for b in revision.revised_by(agreement, LSG)] == list(BEREDNINGAR)


def test_an_unknown_revising_body_is_refused():
    path = Path(settings.BASE_DIR) / "agreements/data/vasterbotten/samverkan-vard-omsorg-v1.yaml"
    text = path.read_text(encoding="utf-8")
    assert validate_text(text).valid
    wrong = validate_text(text.replace("revised_by: lanssamverkansgrupp", "revised_by: ingen", 1))
    assert not wrong.valid
    assert any("ingen" in problem.message for problem in wrong.errors)


def test_with_none_held_the_plan_proposes_both_revisions_on_the_first_meeting(vasterbotten):
    proposed = planning.propose_year(vasterbotten, LSG, "", 2027)
    ordinary = [p for p in proposed if p.kind == Meeting.Kind.ORDINARY]
    items = revision_items(proposed)
    assert items == [(ordinary[0].day, b) for b in BEREDNINGAR]
    [rule] = [r for r in ordinary[0].rules if r.code == "mandate_revision"][:1]
    assert rule.section == "6.2 Beredningar till Länssamverkansgruppen"
    assert "minst vartannat år" in rule.quote
    # The beredningar's own plans carry no revision: it is the LSG's item.
    assert not revision_items(planning.propose_year(vasterbotten, BEREDNINGAR[0], "", 2027))


def test_a_revision_held_is_next_proposed_in_the_year_it_falls_due(vasterbotten):
    revised_on(vasterbotten, datetime.date(2025, 9, 10))
    revised_on(vasterbotten, datetime.date(2026, 3, 11), "beredning-vuxna-aldre")
    # Due 2027-09-10 and 2028-03-11: nothing in 2026's plan for either.
    assert revision_items(planning.propose_year(vasterbotten, LSG, "", 2026)) == []
    in_2027 = planning.propose_year(vasterbotten, LSG, "", 2027)
    [(day, body)] = revision_items(in_2027)
    assert body == "beredning-barn-unga" and day <= datetime.date(2027, 9, 10)
    later = [p.day for p in in_2027 if p.kind == Meeting.Kind.ORDINARY and p.day > day]
    assert all(d > datetime.date(2027, 9, 10) for d in later)
    # 2027's revision not held, it is proposed again in 2028, beside the other one due then.
    in_2028 = revision_items(planning.propose_year(vasterbotten, LSG, "", 2028))
    assert sorted(body for _, body in in_2028) == sorted(BEREDNINGAR)


def findings(report):
    return {f.body: f for f in report.findings if f.rule == "mandate-revision"}


def test_the_rule_finds_a_revision_missing_overdue_soon_and_in_time(vasterbotten):
    # A county that keeps no meetings here is not judged; one that does is told what is missing.
    assert findings(evaluate("vasterbotten", on=datetime.date(2026, 6, 1))) == {}
    meeting(vasterbotten, LSG, datetime.date(2026, 3, 10))
    found = findings(evaluate("vasterbotten", on=datetime.date(2026, 6, 1)))
    assert {body: f.severity for body, f in found.items()} == dict.fromkeys(BEREDNINGAR, WARNING)
    assert found[BEREDNINGAR[0]].section == "6.2 Beredningar till Länssamverkansgruppen"
    assert "Ingen revidering" in found[BEREDNINGAR[0]].message
    revised_on(vasterbotten, datetime.date(2024, 3, 5))
    revised_on(vasterbotten, datetime.date(2025, 11, 12), "beredning-vuxna-aldre")
    found = findings(evaluate("vasterbotten", on=datetime.date(2026, 6, 1)))
    assert found[BEREDNINGAR[0]].severity == ERROR
    assert "2026-03-05" in found[BEREDNINGAR[0]].message
    assert found[BEREDNINGAR[1]].severity == OK
    # A revision held after the day checked does not count for it.
    revised_on(vasterbotten, datetime.date(2026, 8, 1))
    found = findings(evaluate("vasterbotten", on=datetime.date(2026, 6, 1)))
    assert found[BEREDNINGAR[0]].severity == ERROR
    found = findings(evaluate("vasterbotten", on=datetime.date(2027, 10, 1)))
    assert found[BEREDNINGAR[0]].severity == OK
    assert found[BEREDNINGAR[1]].severity == WARNING


def test_norrbotten_has_no_mandate_revision_rule():
    loaded_county("norrbotten")
    assert findings(evaluate("norrbotten", on=datetime.date(2026, 6, 1))) == {}
