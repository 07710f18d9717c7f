"""The ages of My pages come from the county's agreement data (`own_pages` of its individual
level), with their source and the platform's reading where the document gives no age."""

import datetime

import pytest
from pydantic import ValidationError

from agreements import schema
from portal.rules import access_ages, own_pages
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def test_norrbotten_gives_the_young_person_their_pages_from_15_and_guardians_until_18():
    rules = own_pages(loaded_county("norrbotten"))
    assert (rules.individual_from.age, rules.guardians_until.age) == (15, 18)
    # Norrbus names no age: the law's, marked as the platform's reading of it.
    assert "ingen ålder" in rules.individual_from.source.interpretation
    assert "11 kap. 10 §" in rules.individual_from.source.interpretation
    assert "6 kap. 2 §" in rules.guardians_until.source.interpretation


def test_the_other_counties_cite_the_law_itself():
    rules = own_pages(loaded_county("vasterbotten"))
    assert rules.individual_from.source.document == "Socialtjänstlag (2001:453)"
    assert rules.individual_from.source.section == "11 kap. 10 §"
    assert rules.guardians_until.source.document == "Föräldrabalk (1949:381)"
    assert access_ages(loaded_county("vasternorrland")).own_access_from_age == 15


def test_the_age_counts_from_the_birthday():
    ages = access_ages(loaded_county("norrbotten"))
    assert not ages.sees_own(D("2011-12-04"), D("2026-12-03"))
    assert ages.sees_own(D("2011-12-03"), D("2026-12-03"))


def test_custody_ends_on_the_18th_birthday_even_for_a_leap_day_child():
    ages = access_ages(loaded_county("norrbotten"))
    assert ages.custody_limit(D("2014-03-12")) == D("2032-03-12")
    assert ages.custody_limit(D("2016-02-29")) == D("2034-03-01")


def test_a_visitor_without_a_record_gets_the_lowest_age_of_the_counties():
    for slug in ("norrbotten", "vasterbotten"):
        loaded_county(slug)
    assert (access_ages(None).own_access_from_age, access_ages(None).guardians_until_age) == (
        15,
        18,
    )


def test_a_county_with_consent_rules_must_say_who_sees_my_pages():
    rules = {
        "source": "x",
        "consent": {"source": "x", "givers": [{"giver": "individual", "source": "x"}]},
    }
    with pytest.raises(ValidationError, match="own_pages"):
        schema.IndividualLevel.model_validate(rules)
    pages = {
        "individual_from": {"age": 16, "source": "x"},
        "guardians_until": {"age": 15, "source": "x"},
    }
    with pytest.raises(ValidationError, match="own_pages"):
        schema.IndividualLevel.model_validate({**rules, "own_pages": pages})
    pages["guardians_until"]["age"] = 18
    assert schema.IndividualLevel.model_validate({**rules, "own_pages": pages}).own_pages
