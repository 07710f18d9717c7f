"""Synthetic counties: valid agreements, populated with history, that comply."""

import datetime

import pytest

from agreements.validation import check_references
from structure.compliance import evaluate
from structure.models import Appointment
from structure.synthetic import create_synthetic_county, populate_history

pytestmark = pytest.mark.django_db


def test_a_synthetic_county_with_history_complies():
    county = create_synthetic_county(1, municipalities=6, areas=2)
    document = county.agreements.get().document
    assert not [f for f in check_references(document) if f[2] == "error"]
    populate_history(county, generations=2, first_year=2020)
    ended = Appointment.objects.filter(county=county, ends__isnull=False).count()
    assert ended and ended * 2 >= Appointment.objects.filter(county=county).count() - ended
    report = evaluate(county.slug, on=datetime.date(2024, 6, 1))
    assert [f.message for f in report.problems] == []
    assert len(document.bodies) == 9
