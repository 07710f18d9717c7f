"""The parties' units as organisations: each unit the agreement in force names becomes an
organisation of its principal when the county is loaded. Existing ones are kept, renamed when the
agreement renames them; none is removed, since appointments hang on them."""

from agreements.models import Agreement, County
from agreements.services import upsert

from .models import Organisation


def unit_key(principal: str, unit: str) -> str:
    return f"{principal}-{unit}"[:80]


def ensure_organisations(county_slug: str) -> list[Organisation]:
    agreement_row = Agreement.objects.structure_in_force(county__slug=county_slug)
    if agreement_row is None:
        return []
    agreement = agreement_row.document
    county: County = agreement_row.county
    kept = upsert(
        Organisation,
        {"county": county},
        {
            unit_key(party.id, unit.id): {
                "name": f"{unit.name}, {party.name}",
                "principal": party.id,
                "sector": unit.sector.value,
                "unit": unit.id,
            }
            for party in agreement.parties
            for unit in agreement.units_of(party.id)
        },
    )
    return list(kept.values())


def organisations_for_loaded_county(sender, county: str, **kwargs) -> None:
    ensure_organisations(county)
