"""Loading agreement files into the database: rows as the file says, idempotent, versions kept."""

import hashlib
import shutil
from pathlib import Path

import pytest

from agreements import registry
from agreements.models import Agreement, Area, Body, County, Level, Office, Party, Relation, Seat
from agreements.registry import Catalogue
from agreements.services import do_load_agreement, load_county

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data"
MODELS = (Agreement, Party, Level, Area, Body, Seat, Office, Relation)


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every agreements table with its id: what a second load must not change."""
    return {
        model.__name__: sorted(tuple(row.values()) for row in model.objects.values().order_by("pk"))
        for model in MODELS
    }


def county_copy(tmp_path: Path, *counties: str) -> Path:
    """The shipped files of the counties, copied where a test may change them."""
    for county in counties:
        shutil.copytree(DATA / county, tmp_path / county)
    return tmp_path


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def rows_of(agreement: Agreement) -> dict:
    """An agreement's rows, in the terms of its file."""
    return {
        "parties": {p.key: (p.kind, p.name, p.scb_code or None) for p in agreement.parties.all()},
        "levels": {lv.key: (lv.name, lv.rank) for lv in agreement.levels.all()},
        "areas": {
            a.key: (a.name, sorted(m.key for m in a.municipalities.all()), a.source_section)
            for a in agreement.areas.all()
        },
        "bodies": {
            b.key: (b.name, b.kind, b.level.key, b.instances, b.source_section, b.position)
            for b in agreement.bodies.all()
        },
        "seats": {
            (s.body.key, s.key): (
                s.role,
                s.party.key if s.party else None,
                s.party_kind or None,
                s.sector or None,
                (s.count_exact, s.count_min, s.count_max),
                s.per,
                s.has_substitutes,
                s.source_section,
                s.position,
            )
            for s in Seat.objects.filter(body__agreement=agreement).select_related("body", "party")
        },
        "offices": {
            (o.body.key, o.role): (o.rotation, o.source_section)
            for o in Office.objects.filter(body__agreement=agreement).select_related("body")
        },
        "relations": sorted(
            (r.kind, r.source.key, r.target.key, r.source_section)
            for r in agreement.relations.select_related("source", "target")
        ),
    }


def rows_in(document) -> dict:
    """What the rows of a validated file must be."""
    value = lambda enum: enum.value if enum else None  # noqa: E731
    return {
        "parties": {p.id: (p.kind.value, p.name, p.scb_code) for p in document.parties},
        "levels": {lv.id: (lv.name, lv.rank) for lv in document.levels},
        "areas": {
            a.id: (a.name, sorted(a.municipalities), a.source.section) for a in document.areas
        },
        "bodies": {
            b.id: (b.name, b.kind.value, b.level, b.instances.value, b.source.section, position)
            for position, b in enumerate(document.bodies)
        },
        "seats": {
            (b.id, s.id): (
                s.role,
                s.party,
                value(s.party_kind),
                value(s.sector),
                (s.count.exact, s.count.min, s.count.max),
                s.per,
                s.substitutes is not None,
                s.source.section,
                position,
            )
            for b in document.bodies
            for position, s in enumerate(b.seats)
        },
        "offices": {
            (b.id, o.role.value): (o.rotation.kind if o.rotation else "", o.source.section)
            for b in document.bodies
            for o in b.offices
        },
        "relations": sorted(
            (r.kind.value, r.source_body, r.target_body, r.source.section)
            for r in document.relations
        ),
    }


@pytest.mark.parametrize("county", ["norrbotten", "vasterbotten", "vasternorrland"])
def test_rows_follow_the_files(county):
    catalogue = Catalogue()
    report = load_county(county, catalogue)
    entries = catalogue.for_county(county)
    assert report.created == [f"{e.document_id} version {e.version}" for e in entries]
    for entry in entries:
        row = Agreement.objects.get(
            county__slug=county, document_id=entry.document_id, version=entry.version
        )
        assert rows_of(row) == rows_in(entry.agreement), entry.path
        assert row.document == entry.agreement
        assert row.checksum == hashlib.sha256(entry.path.read_bytes()).hexdigest()
        assert row.in_force == catalogue.is_in_force(entry)
        assert (row.kind, row.title, row.seed) == (
            entry.agreement.document.kind.value,
            entry.agreement.document.title,
            entry.agreement.document.seed,
        )
    county_row = County.objects.get(slug=county)
    assert county_row.name == entries[0].agreement.county.name


def test_what_norrbotten_looks_like_in_rows():
    load_county("norrbotten")
    v1, v2 = Agreement.objects.filter(document_id="lansstyrgrupp").order_by("version")
    assert v2.in_force and not v1.in_force
    assert Agreement.objects.structure_in_force(county__slug="norrbotten") == v2
    assert v2.parties.filter(kind="municipality").count() == 14
    east = v2.areas.get(key="ostra-norrbotten").municipalities.values_list("key", flat=True)
    assert set(east) == {"haparanda", "kalix", "overkalix", "overtornea"}
    social = Seat.objects.get(body__agreement=v2, body__key="lansstyrgrupp", key="social-chiefs")
    assert (social.count_exact, social.party_kind, social.has_substitutes) == (
        5,
        "municipality",
        True,
    )
    assert (
        v1.bodies.get(key="lansstyrgrupp").seats.filter(key="region-chiefs", count_exact=5).exists()
    )
    assert (
        not v2.bodies.get(key="lansstyrgrupp")
        .seats.filter(key="region-chiefs", count_exact=5)
        .exists()
    )
    steers = v2.relations.get(kind="steers")
    assert (steers.source.key, steers.target.key) == (
        "politisk-samverkansberedning",
        "lansstyrgrupp",
    )
    # Norrbus, a guideline of the same county, keeps its own five areas.
    assert Agreement.objects.get(document_id="norrbus").areas.count() == 5


def test_loading_twice_changes_nothing():
    load_county("norrbotten")
    before = snapshot()
    report = load_county("norrbotten")
    assert report.created == [] and report.updated == []
    assert report.unchanged == [
        "lansstyrgrupp version 1",
        "lansstyrgrupp version 2",
        "norrbus version 1",
    ]
    assert snapshot() == before


def test_loading_one_entry_again_only_moves_whether_it_is_in_force():
    entry = Catalogue().find("norrbotten")
    assert do_load_agreement(entry, in_force=True) == "created"
    before = snapshot()
    assert do_load_agreement(entry, in_force=True) == "unchanged"
    assert snapshot() == before
    assert do_load_agreement(entry, in_force=False) == "unchanged"
    after = snapshot()
    assert not Agreement.objects.get().in_force
    assert {k: v for k, v in after.items() if k != "Agreement"} == {
        k: v for k, v in before.items() if k != "Agreement"
    }


def test_a_new_version_keeps_the_old_one_and_what_hangs_on_it(tmp_path, settings):
    settings.AGREEMENT_DIRS = [county_copy(tmp_path, "norrbotten")]
    load_county("norrbotten", Catalogue())
    v2 = Agreement.objects.get(document_id="lansstyrgrupp", version=2)
    v2_rows = rows_of(v2)
    v2_ids = sorted(Seat.objects.filter(body__agreement=v2).values_list("pk", flat=True))

    v3 = tmp_path / "norrbotten" / "lansstyrgrupp-v3.yaml"
    shutil.copy(tmp_path / "norrbotten" / "lansstyrgrupp-v2.yaml", v3)
    rewrite(v3, "  version: 2\n", "  version: 3\n")
    rewrite(v3, "      per_year: {min: 4}\n      hours", "      per_year: {min: 6}\n      hours")
    report = load_county("norrbotten", Catalogue())

    assert report.created == ["lansstyrgrupp version 3"]
    assert report.unchanged == [
        "lansstyrgrupp version 1",
        "lansstyrgrupp version 2",
        "norrbus version 1",
    ]
    v2.refresh_from_db()
    assert not v2.in_force
    assert rows_of(v2) == v2_rows
    assert sorted(Seat.objects.filter(body__agreement=v2).values_list("pk", flat=True)) == v2_ids
    new = Agreement.objects.get(document_id="lansstyrgrupp", version=3)
    assert new.in_force
    assert new.document.body("lansstyrgrupp").meetings.per_year.min == 6
    assert Agreement.objects.structure_in_force(county__slug="norrbotten") == new
    assert Agreement.objects.filter(document_id="lansstyrgrupp", in_force=True).count() == 1


def test_a_withdrawn_version_is_no_longer_in_force(tmp_path, settings):
    settings.AGREEMENT_DIRS = [county_copy(tmp_path, "norrbotten")]
    v3 = tmp_path / "norrbotten" / "lansstyrgrupp-v3.yaml"
    shutil.copy(tmp_path / "norrbotten" / "lansstyrgrupp-v2.yaml", v3)
    rewrite(v3, "  version: 2\n", "  version: 3\n")
    load_county("norrbotten", Catalogue())
    v3.unlink()
    load_county("norrbotten", Catalogue())
    in_force = Agreement.objects.filter(document_id="lansstyrgrupp", in_force=True)
    assert list(in_force.values_list("version", flat=True)) == [2]
    assert Agreement.objects.filter(document_id="lansstyrgrupp", version=3).exists()


def test_checksum_is_the_files_and_decides_what_is_loaded_again(tmp_path, settings):
    settings.AGREEMENT_DIRS = [county_copy(tmp_path, "vasternorrland")]
    path = tmp_path / "vasternorrland" / "halsam-v1.yaml"
    load_county("vasternorrland", Catalogue())
    row = Agreement.objects.get()
    assert row.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    before = snapshot()

    # A comment changes the file but not the agreement: loaded again, rows kept as they were.
    path.write_text(path.read_text(encoding="utf-8") + "# Granskad.\n", encoding="utf-8")
    report = load_county("vasternorrland", Catalogue())
    assert report.updated == ["halsam version 1"]
    row.refresh_from_db()
    assert row.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    after = snapshot()
    assert {k: v for k, v in after.items() if k != "Agreement"} == {
        k: v for k, v in before.items() if k != "Agreement"
    }
    assert load_county("vasternorrland", Catalogue()).unchanged == ["halsam version 1"]


def test_a_corrected_file_of_the_same_version_updates_rows_in_place(tmp_path, settings):
    settings.AGREEMENT_DIRS = [county_copy(tmp_path, "vasternorrland")]
    path = tmp_path / "vasternorrland" / "halsam-v1.yaml"
    load_county("vasternorrland", Catalogue())
    body = Body.objects.get(key="lansledning")
    rewrite(path, "name: Länsledningen", "name: Länsledning")
    report = load_county("vasternorrland", Catalogue())
    assert report.updated == ["halsam version 1"]
    body.refresh_from_db()
    assert body.name == "Länsledning"
    row = Agreement.objects.get()
    assert rows_of(row) == rows_in(Catalogue().find("vasternorrland").agreement)


def test_a_corrected_file_may_rename_a_level_and_a_party(tmp_path, settings):
    # The old level and party are still pointed at by rows of the first load when the new ones
    # are written: loading must bring those up to date before it deletes what the file dropped.
    settings.AGREEMENT_DIRS = [county_copy(tmp_path, "norrbotten")]
    path = tmp_path / "norrbotten" / "lansstyrgrupp-v2.yaml"
    load_county("norrbotten", Catalogue())
    v2 = Agreement.objects.get(document_id="lansstyrgrupp", version=2)
    steering = v2.bodies.get(key="lansstyrgrupp")
    lead = steering.seats.get(key="collaboration-lead")

    rewrite(path, "{id: county, name: Länsnivå", "{id: lan, name: Länsnivå")
    rewrite(path, "    level: county\n", "    level: lan\n")
    rewrite(path, "norrbottens-kommuner", "kommunforbundet")
    assert registry.read(path).valid
    report = load_county("norrbotten", Catalogue())

    assert report.updated == ["lansstyrgrupp version 2"]
    steering.refresh_from_db()
    lead.refresh_from_db()
    assert steering.level.key == "lan" and lead.party.key == "kommunforbundet"
    assert not v2.levels.filter(key="county").exists()
    assert not v2.parties.filter(key="norrbottens-kommuner").exists()
    assert rows_of(v2) == rows_in(Catalogue().find("norrbotten").agreement)


def test_values_at_the_widths_of_the_columns_load(tmp_path, settings):
    # Validation refuses one character more (test_validation); up to the limit, every database
    # takes the file.
    settings.AGREEMENT_DIRS = [county_copy(tmp_path, "norrbotten")]
    path = tmp_path / "norrbotten" / "lansstyrgrupp-v2.yaml"
    rewrite(path, "\n    source: Kommunnivå\nrelations:", f"\n    source: {'S' * 200}\nrelations:")
    rewrite(path, "role: Verksamhetsdirektör", f"role: {'V' * 300}")
    rewrite(path, "rank: 4,", f"rank: {2**31 - 1},")
    rewrite(path, "  name: Norrbottens län\n", f"  name: {'N' * 100}\n")
    assert registry.read(path).problems == []
    load_county("norrbotten", Catalogue())
    v2 = Agreement.objects.get(document_id="lansstyrgrupp", version=2)
    assert v2.bodies.get(key="kommungrupp").source_section == "S" * 200
    assert Seat.objects.get(body__agreement=v2, key="operations-director").role == "V" * 300
    assert v2.levels.get(key="individual").rank == 2**31 - 1


def test_a_file_rewritten_at_once_is_read_again(tmp_path):
    path = county_copy(tmp_path, "vasternorrland") / "vasternorrland" / "halsam-v1.yaml"
    first = registry.read(path)
    rewrite(path, "name: Länsledningen", "name: Länsledningen!")
    second = registry.read(path)
    assert second.checksum != first.checksum
    assert second.agreement.body("lansledning").name == "Länsledningen!"
    assert registry.read(path) is second


def test_an_unknown_county_is_a_lookup_error():
    with pytest.raises(LookupError, match="Okänt län 'nosuch'. Kända län: norrbotten"):
        load_county("nosuch")
    assert not Agreement.objects.exists()
