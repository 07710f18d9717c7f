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
    _sync_rows(agreement, document, fresh=created)
    return "created" if created else "updated"


def upsert(
    model: type[models.Model],
    scope: dict[str, Any],
    rows: dict[Any, dict[str, Any]],
    key: str | tuple[str, ...] = "key",
    *,
    within: dict[str, Any] | None = None,
    fresh: bool = False,
) -> dict[Any, models.Model]:
    """Create or update the rows of `model` from `rows`, keyed by `key` (a field, or a tuple of
    fields), among the rows `within` selects (by default `scope`, which new rows are given).

    Rows are updated rather than replaced so that whatever refers to them survives a corrected
    file. One read (none where the scope is `fresh`, just created) and at most one insert and
    one update, however many rows: loading a county costs round trips per table, not per seat.
    """
    names = key if isinstance(key, tuple) else (key,)

    def key_of(obj: models.Model) -> Any:
        values = tuple(getattr(obj, name) for name in names)
        return values if isinstance(key, tuple) else values[0]

    def fields_of(value: Any) -> dict[str, Any]:
        return dict(zip(names, value if isinstance(key, tuple) else (value,), strict=True))

    def stored(obj: models.Model, name: str) -> Any:
        # A foreign key compared by its id, so that reading the row does not fetch the other.
        field = model._meta.get_field(name)
        return getattr(obj, field.attname)

    def given(name: str, value: Any) -> Any:
        field = model._meta.get_field(name)
        return value.pk if field.many_to_one and value is not None else value

    existing = (
        {} if fresh else {key_of(obj): obj for obj in model.objects.filter(**(within or scope))}
    )
    kept: dict[Any, models.Model] = {}
    new, changed, fields = [], [], set()
    for value, defaults in rows.items():
        obj = existing.get(value)
        if obj is None:
            obj = model(**scope, **fields_of(value), **defaults)
            new.append(obj)
        else:
            differing = [
                name
                for name, wanted in defaults.items()
                if stored(obj, name) != given(name, wanted)
            ]
            for name in differing:
                setattr(obj, name, defaults[name])
            if differing:
                changed.append(obj)
                fields.update(differing)
        kept[value] = obj
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, sorted(fields))
    return kept


def _prune(model: type[models.Model], within: dict[str, Any], kept: dict[Any, Any]) -> None:
    """Delete the rows of `model` within the scope that the file no longer has."""
    model.objects.filter(**within).exclude(pk__in=[obj.pk for obj in kept.values()]).delete()


def _sync_municipalities(
    areas: dict[str, Area], parties: dict[str, Party], document, *, fresh: bool
) -> None:
    """Each area's municipalities as the file lists them, in one read for all areas."""
    through = Area.municipalities.through
    wanted = {
        (areas[area.id].pk, parties[municipality].pk)
        for area in document.areas
        for municipality in area.municipalities
    }
    rows = through.objects.filter(area__in=[area.pk for area in areas.values()])
    stored = {(row.area_id, row.party_id): row.pk for row in rows}
    through.objects.filter(
        pk__in=[pk for pair, pk in stored.items() if pair not in wanted]
    ).delete()
    through.objects.bulk_create(
        through(area_id=area, party_id=party) for area, party in wanted - stored.keys()
    )


def _sync_rows(agreement: Agreement, document: schema.Agreement, *, fresh: bool) -> None:
    """The agreement's rows as the file has them; `fresh` for an agreement just created, which
    has none to read or prune yet."""
    scope = {"agreement": agreement}
    parties = upsert(
        Party,
        scope,
        {
            p.id: {"kind": p.kind.value, "name": p.name, "scb_code": p.scb_code or ""}
            for p in document.parties
        },
        fresh=fresh,
    )
    levels = upsert(
        Level,
        scope,
        {lv.id: {"name": lv.name, "rank": lv.rank} for lv in document.levels},
        fresh=fresh,
    )
    areas = upsert(
        Area,
        scope,
        {a.id: {"name": a.name, "source_section": a.source.section} for a in document.areas},
        fresh=fresh,
    )
    _sync_municipalities(areas, parties, document, fresh=fresh)
    bodies = upsert(
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
        fresh=fresh,
    )
    # The seats and offices of every body, each table read and written once.
    of_bodies = {"body__agreement": agreement}
    seats = upsert(
        Seat,
        {},
        {
            (bodies[body.id].pk, s.id): {
                "body": bodies[body.id],
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
            for body in document.bodies
            for position, s in enumerate(body.seats)
        },
        key=("body_id", "key"),
        within=of_bodies,
        fresh=fresh,
    )
    offices = upsert(
        Office,
        {},
        {
            (bodies[body.id].pk, o.role.value): {
                "body": bodies[body.id],
                "rotation": o.rotation.kind if o.rotation else "",
                "source_section": o.source.section,
            }
            for body in document.bodies
            for o in body.offices
        },
        key=("body_id", "role"),
        within=of_bodies,
        fresh=fresh,
    )
    relations = upsert(
        Relation,
        scope,
        {
            (r.kind.value, bodies[r.source_body].pk, bodies[r.target_body].pk): {
                "source_section": r.source.section
            }
            for r in document.relations
        },
        key=("kind", "source_id", "target_id"),
        fresh=fresh,
    )
    if fresh:
        return
    # What the file no longer has, the rows that point at others (with PROTECT) first: a renamed
    # level or a party dropped from a corrected file must not trip over the old rows.
    _prune(Seat, of_bodies, seats)
    _prune(Office, of_bodies, offices)
    _prune(Relation, scope, relations)
    for model, kept in ((Body, bodies), (Area, areas), (Level, levels), (Party, parties)):
        _prune(model, scope, kept)
