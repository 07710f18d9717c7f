"""A structure populated as the agreement asks passes every compliance rule."""

import datetime

import pytest

from structure.compliance import evaluate
from structure.generator import populate
from structure.models import Appointment, OfficeTerm, Person

from .builders import loaded_county

pytestmark = pytest.mark.django_db
STARTS = datetime.date(2024, 1, 1)


@pytest.mark.parametrize("county", ["norrbotten", "vasterbotten", "vasternorrland"])
def test_populated_structure_complies(county):
    loaded_county(county)
    populate(county, STARTS)
    report = evaluate(county, on=datetime.date(2026, 6, 1))
    assert [f.message for f in report.problems] == []
    assert Person.objects.filter(is_demo=True).count() == Person.objects.count() > 10


def test_populate_fills_seats_and_offices_in_turn():
    county = loaded_county("norrbotten")
    populate("norrbotten", STARTS)
    lsg = Appointment.objects.filter(county=county, body="lansstyrgrupp", role="member")
    assert lsg.filter(seat="social-chiefs").count() == 5
    chairs = OfficeTerm.objects.filter(body="lansstyrgrupp", role="chair").order_by("starts")
    assert [t.starts.year for t in chairs][:3] == [2024, 2025, 2026]
    principals = [t.principal for t in chairs]
    assert principals[0] != principals[1]
