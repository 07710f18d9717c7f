"""Loading agreement files into the database: rows as the file says, idempotent, versions kept."""

import shutil
from pathlib import Path

import pytest

from agreements.models import Agreement, Area, Body, Office, Party, Relation, Seat
from agreements.registry import Catalogue, agreement_files
from agreements.services import load_county

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data"


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Agreement, Party, Area, Body, Seat, Office, Relation)
    }


def test_rows_follow_the_file():
    report = load_county("norrbotten")
    assert sorted(report.created) == [
        "lansstyrgrupp version 1",
        "lansstyrgrupp version 2",
        "norrbus version 1",
    ]
    v2 = Agreement.objects.get(document_id="lansstyrgrupp", version=2)
    assert (
        v2.in_force and not Agreement.objects.get(document_id="lansstyrgrupp", version=1).in_force
    )
    assert v2.parties.filter(kind="municipality").count() == 14
    assert v2.areas.count() == 4
    kalix = v2.areas.get(key="ostra-norrbotten").municipalities.values_list("key", flat=True)
    assert set(kalix) == {"haparanda", "kalix", "overkalix", "overtornea"}
    social = Seat.objects.get(body__agreement=v2, body__key="lansstyrgrupp", key="social-chiefs")
    assert social.count_exact == 5 and social.has_substitutes
    assert v2.relations.filter(kind="steers").count() == 1
    assert Agreement.objects.get(document_id="norrbus").areas.count() == 5


def test_loading_twice_changes_nothing():
    load_county("norrbotten")
    before = snapshot()
    report = load_county("norrbotten")
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == 3
    assert snapshot() == before


def test_a_new_version_keeps_what_hangs_on_the_old_one(tmp_path, settings):
    # A county adds version 3 of its agreement: version 2 and its rows stay, and 3 is in force.
    for path in agreement_files():
        target = tmp_path / path.parent.name / path.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(path, target)
    settings.AGREEMENT_DIRS = [tmp_path]
    load_county("norrbotten", Catalogue())
    v2 = Agreement.objects.get(document_id="lansstyrgrupp", version=2)
    v2_bodies = sorted(v2.bodies.values_list("pk", flat=True))

    text = (tmp_path / "norrbotten" / "lansstyrgrupp-v2.yaml").read_text("utf-8")
    text = text.replace("  version: 2\n", "  version: 3\n").replace(
        "      per_year: {min: 4}", "      per_year: {min: 6}", 1
    )
    (tmp_path / "norrbotten" / "lansstyrgrupp-v3.yaml").write_text(text, "utf-8")
    report = load_county("norrbotten", Catalogue())
    assert report.created == ["lansstyrgrupp version 3"]
    v2.refresh_from_db()
    assert not v2.in_force
    assert sorted(v2.bodies.values_list("pk", flat=True)) == v2_bodies
    v3 = Agreement.objects.get(document_id="lansstyrgrupp", version=3)
    assert v3.in_force and v3.document.body("lansstyrgrupp").meetings.per_year.min == 6


def test_a_corrected_file_of_the_same_version_updates_rows_in_place(tmp_path, settings):
    target = tmp_path / "vasternorrland"
    target.mkdir()
    shutil.copy(DATA / "vasternorrland" / "halsam-v1.yaml", target)
    settings.AGREEMENT_DIRS = [tmp_path]
    load_county("vasternorrland", Catalogue())
    body = Body.objects.get(key="lansledning")
    text = (target / "halsam-v1.yaml").read_text("utf-8")
    (target / "halsam-v1.yaml").write_text(text.replace("name: Länsledningen", "name: Länsledning"))
    report = load_county("vasternorrland", Catalogue())
    assert report.updated == ["halsam version 1"]
    body.refresh_from_db()
    assert body.name == "Länsledning"


def test_unknown_county_is_a_lookup_error():
    with pytest.raises(LookupError, match="Okänt län"):
        load_county("nosuch")
