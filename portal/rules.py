"""Who may see My pages: the ages the county's individual-level rules state (`own_pages` of the
agreement schema), each with its source and, where the document names no age, the law's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from agreements import schema
from agreements.models import Agreement, County
from plans.identity import age_on
from plans.rules import individual_rules


@dataclass(frozen=True)
class AccessAges:
    own_access_from_age: int
    guardians_until_age: int

    def sees_own(self, birth_date: datetime.date, today: datetime.date) -> bool:
        return age_on(birth_date, today) >= self.own_access_from_age

    def custody_limit(self, birth_date: datetime.date) -> datetime.date:
        """The day custody ends by law: the birthday of the age (a 29 February child on 1 March
        of a common year)."""
        year = birth_date.year + self.guardians_until_age
        try:
            return birth_date.replace(year=year)
        except ValueError:
            return datetime.date(year, 3, 1)


def own_pages(county: County) -> schema.OwnPages:
    """The county's rules for My pages, with their sources. Raises LookupError when no
    document in force states individual-level rules with them."""
    found = individual_rules(county)[0].own_pages
    if found is None:
        raise LookupError(f"Inga regler för Mina sidor gäller i {county.name}.")
    return found


def access_ages(county: County | None) -> AccessAges:
    """The ages of My pages in the county. Without a county (a visitor the platform has no
    record of), the lowest age any county in force lets the individual in at, and the highest
    at which guardians leave: the answer then tells nothing of whether the visitor has a case."""
    if county is not None:
        rules = own_pages(county)
        return AccessAges(rules.individual_from.age, rules.guardians_until.age)
    every = [
        document.document.individual.own_pages
        for document in Agreement.objects.filter(in_force=True)
        if document.document.individual is not None
        and document.document.individual.own_pages is not None
    ]
    return AccessAges(
        min((rules.individual_from.age for rules in every), default=18),
        max((rules.guardians_until.age for rules in every), default=18),
    )
