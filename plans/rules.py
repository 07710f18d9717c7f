"""Where the individual level's rules come from: the county's guideline (Norrbus in Norrbotten),
or an agreement that states them itself. Another county's deadlines are data, not code."""

import datetime

from accounts.request_memo import once
from agreements import schema
from agreements.models import Agreement, County

from .identity import age_on


def individual_rules(county: County) -> tuple[schema.IndividualLevel, Agreement]:
    """The individual-level rules in force for the county, and the document they come from.

    Raises LookupError when no document in force states them. Read once per request: a case
    page and its sections all ask.
    """
    return once(("individual_rules", county.pk), lambda: _individual_rules(county))


def _individual_rules(county: County) -> tuple[schema.IndividualLevel, Agreement]:
    # By the county's id, so that a migration's historical county serves as well.
    documents = Agreement.objects.filter(county_id=county.pk, in_force=True).order_by("-kind")
    for document in documents:
        rules = document.document.individual
        if rules is not None and rules.network_meeting is not None:
            return rules, document
    raise LookupError(f"Inga regler för individnivån gäller i {county.name}.")


def consent_rules(county: County) -> schema.ConsentRules | None:
    """Who consents in the county by age, or None where its rules do not say."""
    try:
        return individual_rules(county)[0].consent
    except LookupError:
        return None


def givers_on(
    rules: schema.ConsentRules | None, birth_date: datetime.date, day: datetime.date
) -> list[schema.ConsentGiver]:
    """Who may give consent for an individual born on the day of birth, on the day."""
    if rules is None:
        return []
    return rules.givers_at(age_on(birth_date, day))


def speaks_as_child(
    rules: schema.ConsentRules | None, birth_date: datetime.date, day: datetime.date
) -> bool:
    """Whether guardians speak for the individual on the day: a child's case, in a child's words.
    Without consent rules, the words of the child's guideline the plans were first written for."""
    if rules is None:
        return True
    return any(
        g.giver == schema.ConsentGiverKind.GUARDIANS for g in givers_on(rules, birth_date, day)
    )


def case_speaks_as_child(case, day: datetime.date) -> bool:
    """`speaks_as_child` for the case's individual on the day."""
    individual = case.individual
    return speaks_as_child(consent_rules(individual.county), individual.birth_date, day)
