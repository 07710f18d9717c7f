"""Synthetic counties for benchmarks and scale tests: a country's worth of structure.

Each synthetic county is Norrbotten's agreement with its own slug, municipalities and areas, and
a few more bodies per municipality, so that 21 counties hold about 1,500 bodies and body
instances. `populate_history` fills them through the generator, generation after generation,
each ending where the next begins, so the appointments carry history as a real county's do.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json

from agreements.models import Agreement, County
from agreements.registry import Catalogue

from .generator import populate

EXTRA_MUNICIPAL_BODIES = ["barn-unga", "vuxna", "aldre", "skola-halsa"]


def synthetic_document(number: int, municipalities: int = 14, areas: int = 4) -> dict:
    base = Catalogue().find("norrbotten").agreement.model_dump(mode="json", by_alias=True)
    document = copy.deepcopy(base)
    slug = f"syntetiskt-{number:02d}"
    document["county"].update(
        {"slug": slug, "name": f"Syntetiskt län {number}", "municipality_count": municipalities}
    )
    others = [p for p in document["parties"] if p["kind"] != "municipality"]
    towns = [
        {
            "id": f"kommun-{number:02d}-{i:02d}",
            "kind": "municipality",
            "name": f"Kommun {number}:{i}",
            "scb_code": f"{number:02d}{i:02d}",
            "source": others[0]["source"],
        }
        for i in range(1, municipalities + 1)
    ]
    document["parties"] = others + towns
    document["county"]["scb_code"] = f"{number:02d}"
    document["areas"] = [
        {
            "id": f"lansdel-{a}",
            "name": f"Länsdel {a}",
            "municipalities": [t["id"] for t in towns[a - 1 :: areas]],
            "source": base["areas"][0]["source"],
        }
        for a in range(1, areas + 1)
    ]
    group = next(b for b in document["bodies"] if b["instances"] == "per_municipality")
    for suffix in EXTRA_MUNICIPAL_BODIES:
        extra = copy.deepcopy(group)
        extra["id"] = f"{group['id']}-{suffix}"
        extra["name"] = f"{group['name']} ({suffix})"
        extra["seats"] = [
            *extra["seats"],
            {
                "id": "social-chief",
                "role": "Socialchef",
                "party_kind": "municipality",
                "sector": "social_services",
                "count": 1,
                "per": "municipality",
                "substitutes": {"count": 1, "required": True},
                "source": group["source"],
            },
            {
                "id": "region-contact",
                "role": "Regionens kontaktperson",
                "party_kind": "region",
                "sector": "health_care",
                "count": 1,
                "source": group["source"],
            },
        ]
        document["bodies"].append(extra)
    return document


def create_synthetic_county(number: int, **sizes) -> County:
    document = synthetic_document(number, **sizes)
    county = County.objects.create(
        slug=document["county"]["slug"],
        name=document["county"]["name"],
        scb_code=document["county"]["scb_code"],
    )
    Agreement.objects.create(
        county=county,
        document_id=document["document"]["id"],
        kind="agreement",
        title=document["document"]["title"],
        version=1,
        seed=document["document"]["seed"],
        checksum=hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest(),
        content=document,
        in_force=True,
    )
    return county


def populate_history(county: County, generations: int = 3, first_year: int = 2018) -> None:
    """Generations of members, each serving until the next one starts."""
    from .models import Appointment

    years = [first_year + 3 * g for g in range(generations)]
    for index, year in enumerate(years):
        populate(county.slug, datetime.date(year, 1, 1), seed=index + 1, offices=index == 0)
        if index + 1 < len(years):
            Appointment.objects.filter(county=county, ends__isnull=True).update(
                ends=datetime.date(years[index + 1] - 1, 12, 31)
            )
