"""Where the individual level's rules come from: the county's guideline (Norrbus in Norrbotten),
or an agreement that states them itself. Another county's deadlines are data, not code."""

from agreements import schema
from agreements.models import Agreement, County


def individual_rules(county: County) -> tuple[schema.IndividualLevel, Agreement]:
    """The individual-level rules in force for the county, and the document they come from.

    Raises LookupError when no document in force states them.
    """
    # By the county's id, so that a migration's historical county serves as well.
    documents = Agreement.objects.filter(county_id=county.pk, in_force=True).order_by("-kind")
    for document in documents:
        rules = document.document.individual
        if rules is not None and rules.network_meeting is not None:
            return rules, document
    raise LookupError(f"Inga regler för individnivån gäller i {county.name}.")
