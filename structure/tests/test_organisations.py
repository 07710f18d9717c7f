"""Organisations from the units the agreement names, and the seat-unit rule."""

import pytest

from structure.compliance import ERROR, evaluate
from structure.models import Organisation

from .builders import START, appoint, loaded_county, person

pytestmark = pytest.mark.django_db


def test_loading_a_county_creates_its_units_as_organisations():
    county = loaded_county("norrbotten")
    names = set(Organisation.objects.filter(county=county).values_list("name", flat=True))
    # 001: the region's divisions and units, the association's, and every municipality's two.
    assert {
        "Division Närsjukvård, Region Norrbotten",
        "Barnsjukvården (länssjukvården), Region Norrbotten",
        "Vuxenpsykiatrin, Region Norrbotten",
        "Hälso- och sjukvårdsenheten, Region Norrbotten",
        "Social välfärd och utbildning, Norrbottens Kommuner",
        "Socialtjänsten, Kalix kommun",
        "Barn- och utbildningsförvaltningen, Kalix kommun",
    } <= names
    assert Organisation.objects.filter(county=county, unit="socialtjansten").count() == 14
    loaded_county("norrbotten")  # again: nothing doubled
    assert Organisation.objects.filter(county=county, unit="socialtjansten").count() == 14


def test_a_seat_held_from_the_wrong_unit_is_reported():
    county = loaded_county("norrbotten")
    psychiatry = Organisation.objects.get(county=county, key="region-norrbotten-vuxenpsykiatri")
    child_care = Organisation.objects.get(county=county, key="region-norrbotten-barnsjukvard")
    appoint(person(psychiatry), "lansstyrgrupp", "county-chief-adult-psychiatry")
    appoint(person(psychiatry), "lansstyrgrupp", "county-chief-child-care")
    wrong = [f for f in evaluate("norrbotten", on=START).findings if f.rule == "seat-unit"]
    assert [(f.seat, f.severity) for f in wrong] == [("county-chief-child-care", ERROR)]
    assert "Barnsjukvården (länssjukvården)" in wrong[0].message
    assert child_care.principal == "region-norrbotten"
