"""The compliance engine at any county size: the same reads for a county of 5 municipalities
as for one of 30 (bench_compliance times the growth: linear in size), the same findings per
municipality, and each evaluation's sentences in the language it runs in."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from structure.compliance import OK, evaluate
from structure.synthetic import create_synthetic_county, populate_history

pytestmark = pytest.mark.django_db
ON = datetime.date(2024, 6, 1)


def _county(number: int, municipalities: int):
    county = create_synthetic_county(number, municipalities=municipalities, areas=2)
    populate_history(county, generations=2, first_year=2020)
    return county


def _queries(slug: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        evaluate(slug, on=ON)
    return len(captured)


def test_a_larger_county_is_read_in_as_many_queries_and_found_as_compliant():
    small, large = _county(1, 5), _county(2, 30)
    evaluate(small.slug, on=ON)
    assert _queries(small.slug) == _queries(large.slug)
    reports = [evaluate(county.slug, on=ON) for county in (small, large)]
    assert [f.message for report in reports for f in report.problems] == []
    # The findings that hold grow with the municipalities: every per-municipality body is
    # checked in each of them, office by office.
    holds = [sum(f.severity == OK for f in report.findings) for report in reports]
    assert holds[0] < holds[1]


def test_each_evaluation_speaks_the_language_it_runs_in():
    county = _county(1, 5)
    with translation.override("sv"):
        swedish = {f.message for f in evaluate(county.slug, on=ON).findings}
    with translation.override("en"):
        english = {f.message for f in evaluate(county.slug, on=ON).findings}
    assert any("som överenskommelsen kräver" in message for message in swedish)
    assert any("as the agreement asks" in message for message in english)
    assert not any("as the agreement asks" in message for message in swedish)
