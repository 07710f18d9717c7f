"""The ages of My pages come from the county's data, with their source and the platform's
reading where the guideline gives no age."""

import datetime

from portal.rules import access_ages

D = datetime.date.fromisoformat


def test_norrbotten_gives_the_young_person_their_pages_from_15_and_guardians_until_18():
    ages = access_ages("norrbotten")
    assert (ages.own_access_from_age, ages.guardians_until_age) == (15, 18)
    assert "11 kap. 10 §" in ages.source and "Norrbus" in ages.source
    assert "ingen ålder" in ages.interpretation


def test_the_age_counts_from_the_birthday():
    ages = access_ages("norrbotten")
    assert not ages.sees_own(D("2011-12-04"), D("2026-12-03"))
    assert ages.sees_own(D("2011-12-03"), D("2026-12-03"))


def test_custody_ends_on_the_18th_birthday_even_for_a_leap_day_child():
    ages = access_ages("norrbotten")
    assert ages.custody_limit(D("2014-03-12")) == D("2032-03-12")
    assert ages.custody_limit(D("2016-02-29")) == D("2034-03-01")


def test_a_county_without_its_own_entry_has_the_default():
    assert access_ages("vasterbotten").own_access_from_age == 15
