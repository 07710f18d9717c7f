"""Loading agreement files into the database: idempotent, version by version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from . import schema
from .models import Agreement, Area, Body, County, Level, Office, Party, Relation, Seat
from .registry import Catalogue, Entry
from .signals import county_loaded


@dataclass
class LoadReport:
    county: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def load_county(slug: str, catalogue: Catalogue | None = None) -> LoadReport:
    """Load every valid version of every document of a county; raises LookupError if unknown."""
    catalogue = catalogue or Catalogue()
    entries = catalogue.for_county(slug)
    if not entries:
        known = ", ".join(catalogue.counties()) or _("none")
        raise LookupError(
            _("Unknown county '%(county)s'. Known counties: %(known)s.")
            % {"county": slug, "known": known}
        )
    report = LoadReport(county=slug)
    with transaction.atomic():
        for entry in entries:
            outcome = do_load_agreement(entry, in_force=catalogue.is_in_force(entry))
            label = f"{entry.document_id} version {entry.version}"
            getattr(report, outcome).append(label)
        # A version whose file has been withdrawn stays, with what hangs on it, but is no longer
        # in force: otherwise two versions of a document would both claim to be.
        shipped = {(entry.document_id, entry.version) for entry in entries}
        for row in Agreement.objects.filter(county__slug=slug, in_force=True):
            if (row.document_id, row.version) not in shipped:
                row.in_force = False
                row.save(update_fields=["in_force"])
        county_loaded.send(sender=load_county, county=slug)
    return report


def do_load_agreement(entry: Entry, *, in_force: bool) -> str:
    """Create or bring up to date one document version; returns created/updated/unchanged."""
    document = entry.agreement
    county, _ = County.objects.update_or_create(
        slug=document.county.slug,
        defaults={"name": document.county.name, "scb_code": document.county.scb_code},
    )
    existing = Agreement.objects.filter(
        county=county, document_id=document.document.id, version=document.document.version
    ).first()
    if existing and existing.checksum == entry.result.checksum:
        if existing.in_force != in_force:
            existing.in_force = in_force
            existing.save(update_fields=["in_force"])
        return "unchanged"
    fields = {
        "kind": document.document.kind.value,
        "title": document.document.title,
        "label": document.document.label or "",
        "seed": document.document.seed,
        "checksum": entry.result.checksum,
        "content": document.model_dump(mode="json", by_alias=True),
        "in_force": in_force,
    }
    agreement, created = Agreement.objects.update_or_create(
        county=county,
        document_id=document.document.id,
        version=document.document.version,
        defaults=fields,
    )
    _sync_rows(agreement, document)
    return "created" if created else "updated"


def _upsert(
    model: type[models.Model],
    scope: dict[str, Any],
    rows: dict[Any, dict[str, Any]],
    key: str = "key",
) -> dict[Any, models.Model]:
    """Create or update the rows of `model` within `scope` from `rows` (keyed by `key`).

    Rows are updated rather than replaced so that whatever refers to them survives a corrected
    file of the same version.
    """
    kept: dict[Any, models.Model] = {}
    for value, defaults in rows.items():
        obj, _ = model.objects.update_or_create(**scope, **{key: value}, defaults=defaults)
        kept[value] = obj
    return kept


def _prune(
    model: type[models.Model], scope: dict[str, Any], kept: dict[Any, Any], key: str = "key"
) -> None:
    """Delete the rows of `model` within `scope` that the file no longer has."""
    model.objects.filter(**scope).exclude(**{f"{key}__in": list(kept)}).delete()


def _sync(
    model: type[models.Model],
    scope: dict[str, Any],
    rows: dict[Any, dict[str, Any]],
    key: str = "key",
) -> dict[Any, models.Model]:
    kept = _upsert(model, scope, rows, key)
    _prune(model, scope, kept, key)
    return kept


def _sync_rows(agreement: Agreement, document: schema.Agreement) -> None:
    scope = {"agreement": agreement}
    # Parties, levels, areas and bodies are pruned last, after the rows that point at them (with
    # PROTECT) have been brought up to date: a renamed level or a party dropped from a corrected
    # file must not trip over the old rows.
    parties = _upsert(
        Party,
        scope,
        {
            p.id: {"kind": p.kind.value, "name": p.name, "scb_code": p.scb_code or ""}
            for p in document.parties
        },
    )
    levels = _upsert(
        Level, scope, {lv.id: {"name": lv.name, "rank": lv.rank} for lv in document.levels}
    )
    areas = _upsert(
        Area,
        scope,
        {a.id: {"name": a.name, "source_section": a.source.section} for a in document.areas},
    )
    for area in document.areas:
        areas[area.id].municipalities.set([parties[m] for m in area.municipalities])
    bodies = _upsert(
        Body,
        scope,
        {
            b.id: {
                "name": b.name,
                "kind": b.kind.value,
                "level": levels[b.level],
                "instances": b.instances.value,
                "source_section": b.source.section,
                "position": position,
            }
            for position, b in enumerate(document.bodies)
        },
    )
    for body in document.bodies:
        _sync(
            Seat,
            {"body": bodies[body.id]},
            {
                s.id: {
                    "role": s.role,
                    "party": parties.get(s.party) if s.party else None,
                    "party_kind": s.party_kind.value if s.party_kind else "",
                    "sector": s.sector.value if s.sector else "",
                    "count_exact": s.count.exact,
                    "count_min": s.count.min,
                    "count_max": s.count.max,
                    "per": s.per,
                    "has_substitutes": s.substitutes is not None,
                    "source_section": s.source.section,
                    "position": position,
                }
                for position, s in enumerate(body.seats)
            },
        )
        _sync(
            Office,
            {"body": bodies[body.id]},
            {
                o.role.value: {
                    "rotation": o.rotation.kind if o.rotation else "",
                    "source_section": o.source.section,
                }
                for o in body.offices
            },
            key="role",
        )
    relations = [
        Relation.objects.update_or_create(
            agreement=agreement,
            kind=r.kind.value,
            source=bodies[r.source_body],
            target=bodies[r.target_body],
            defaults={"source_section": r.source.section},
        )[0].pk
        for r in document.relations
    ]
    Relation.objects.filter(agreement=agreement).exclude(pk__in=relations).delete()
    for model, kept in ((Body, bodies), (Area, areas), (Level, levels), (Party, parties)):
        _prune(model, scope, kept)
