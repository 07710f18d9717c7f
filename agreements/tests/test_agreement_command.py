"""`samverkan agreement list|validate|show|diff|load`, through Django and the `samverkan` command.

The command speaks Swedish. Sentences that come from the interface's translations are built here
with the same msgids under the Swedish locale, so that the tests hold whatever the translation's
wording (and with English msgids where no translation is compiled).
"""

import io
import json
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext

from agreements import labels
from agreements.diff import diff
from agreements.models import Agreement
from agreements.registry import Catalogue
from agreements.schema import Agreement as AgreementSchema
from agreements.schema import DocumentKind, OfficeRole
from samverkan.cli import COMMANDS, main

DATA = Path(__file__).resolve().parents[1] / "data"
NORRBOTTEN_V1 = DATA / "norrbotten" / "lansstyrgrupp-v1.yaml"
NORRBOTTEN_V2 = DATA / "norrbotten" / "lansstyrgrupp-v2.yaml"


def sv(msgid: str, **values) -> str:
    with translation.override("sv"):
        text = gettext(msgid)
    return text % values if values else text


def sv_label(lazy) -> str:
    with translation.override("sv"):
        return str(lazy)


def at_least(n: int) -> str:
    return sv("at least %(n)s", n=n)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def command(*args) -> str:
    out = io.StringIO()
    call_command("agreement", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def broken_copy(tmp_path: Path) -> tuple[Path, int, str]:
    """The Norrbotten agreement with a relation to a body that does not exist: the file, the
    relation's line and its path."""
    text = NORRBOTTEN_V2.read_text(encoding="utf-8")
    fragment = "to: lansdelsgrupp, source"
    line = text[: text.index(fragment)].count("\n") + 1
    relations = yaml.safe_load(text)["relations"]
    index = next(i for i, r in enumerate(relations) if r["to"] == "lansdelsgrupp")
    path = tmp_path / "lansstyrgrupp-v2.yaml"
    path.write_text(text.replace(fragment, "to: nosuch, source"), encoding="utf-8")
    return path, line, f"relations[{index}].to"


# The console command


def test_help_lists_the_commands(capsys):
    for flag in ("--help", "-h", "help"):
        code, out, _ = run(capsys, flag)
        assert code == 0
        for name, text in COMMANDS.items():
            assert f"  {name}" in out and str(text) in out
    code, out, _ = run(capsys)
    assert code == 0 and "agreement" in out


def test_an_unknown_command_exits_2(capsys):
    code, out, err = run(capsys, "nosuch")
    assert code == 2 and out == ""
    assert "Okänt kommando: nosuch" in err and "agreement" in err


def test_agreement_help_and_usage_errors(capsys):
    code, out, _ = run(capsys, "agreement", "--help")
    assert code == 0 and "samverkan agreement" in out
    for action in ("list", "validate", "show", "diff", "load"):
        assert action in out
    code, _, err = run(capsys, "agreement")
    assert code == 2 and "samverkan agreement" in err
    code, _, err = run(capsys, "agreement", "diff", "norrbotten", "ett", "2")
    assert code == 2 and "V1" in err


# list


def test_list_shows_counties_documents_versions_and_what_is_in_force(capsys):
    code, out, _ = run(capsys, "agreement", "list")
    assert code == 0
    assert out == command("list")
    lines = out.splitlines()
    assert "Norrbottens län (norrbotten)" in lines
    agreement = sv_label(labels.DOCUMENT_KINDS[DocumentKind.AGREEMENT])
    guideline = sv_label(labels.DOCUMENT_KINDS[DocumentKind.GUIDELINE])
    assert f"  lansstyrgrupp ({agreement})" in lines and f"  norrbus ({guideline})" in lines
    first = next(line for line in lines if line.startswith("    version 1  ersatt"))
    assert first.endswith("Region Norrbotten")
    assert any(line.startswith("    version 2  gäller") for line in lines)
    catalogue = Catalogue()
    documents = sum(len(catalogue.documents(county)) for county in catalogue.counties())
    assert sum(line.startswith("    version") and "gäller" in line for line in lines) == documents


# validate


def test_validate_passes_every_shipped_file(capsys):
    code, out, _ = run(capsys, "agreement", "validate")
    shipped = sorted(DATA.glob("*/*.yaml"))
    assert code == 0
    assert out.splitlines() == [f"OK  {path}" for path in shipped]
    assert command("validate") == out


def test_validate_a_broken_file_names_file_and_line(capsys, tmp_path):
    path, line, where = broken_copy(tmp_path)
    code, out, err = run(capsys, "agreement", "validate", str(path), str(NORRBOTTEN_V1))
    assert code == 1
    assert f"FEL {path}" in out and f"OK  {NORRBOTTEN_V1}" in out
    assert f"    {path}:{line}: fel [{where}]: okänt organ 'nosuch'" in out
    assert "1 av 2 filer är ogiltiga" in err


def test_validate_through_django_raises_a_command_error(tmp_path):
    path, line, where = broken_copy(tmp_path)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 av 1 filer är ogiltiga") as raised:
        call_command("agreement", "validate", str(path), stdout=out)
    assert raised.value.returncode == 1
    assert f"{path}:{line}: fel" in out.getvalue()


def test_validate_as_json(capsys, tmp_path):
    path, line, where = broken_copy(tmp_path)
    code, out, _ = run(capsys, "agreement", "validate", "--format", "json", str(path))
    assert code == 1
    [report] = json.loads(out)
    assert report["file"] == str(path) and report["valid"] is False
    assert report["problems"] == [
        {
            "file": str(path),
            "line": line,
            "path": where,
            "message": "okänt organ 'nosuch'",
            "severity": "error",
        }
    ]
    shipped = json.loads(command("validate", "--format", "json"))
    assert all(r["valid"] and r["problems"] == [] for r in shipped)


def test_validate_a_path_that_is_not_there(capsys, tmp_path):
    code, out, _ = run(capsys, "agreement", "validate", str(tmp_path / "saknas.yaml"))
    assert code == 1 and "filen finns inte" in out


# show


def test_show_reads_like_the_agreement(capsys):
    code, out, _ = run(capsys, "agreement", "show", "norrbotten")
    assert code == 0 and out == command("show", "norrbotten")
    source = yaml.safe_load(NORRBOTTEN_V2.read_text(encoding="utf-8"))
    assert out.startswith(source["document"]["title"] + "\n")
    assert sv("version %(v)s", v=2) in out and sv("in force") in out
    used = {body["level"] for body in source["bodies"]}
    for level in source["levels"]:
        assert (f"\n{level['name'].upper()}\n" in out) == (level["id"] in used)
    for body in source["bodies"]:
        assert f"  {body['name']} (" in out
        for duty in body.get("mandate", []):
            assert f"      - {duty}\n" in out
    for area in source["areas"]:
        names = ", ".join(
            next(p["name"] for p in source["parties"] if p["id"] == m)
            for m in area["municipalities"]
        )
        assert f"  - {area['name']}: {names}" in out
    assert "      - 5 × Socialchef (" in out and "      - 4 × Barn- och utbildningschef (" in out
    chair = sv_label(labels.OFFICES[OfficeRole.CHAIR])
    convener = sv_label(labels.OFFICES[OfficeRole.CONVENER])
    assert f"      - {chair}: " in out and f"      - {convener}: " in out
    assert sv("Meetings per year: %(n)s", n=at_least(4)) in out
    assert sv("Hours: %(start)s–%(end)s", start="10.00", end="15.00") in out
    # Sources as the document's sections, never a seed's file name.
    assert (
        "  [" + sv("section “%(section)s”", section="Representanter länsstyrgruppen") + "]" in out
    )
    assert ".txt" not in out


def test_show_an_earlier_version_and_a_guideline(capsys):
    code, out, _ = run(capsys, "agreement", "show", "norrbotten", "--version", "1")
    assert code == 0
    assert sv("Meetings per year: %(n)s", n="4") in out and sv("superseded") in out
    code, out, _ = run(capsys, "agreement", "show", "norrbotten", "--document", "norrbus")
    assert code == 0 and "Norrbus" in out


def test_show_json_is_the_file(capsys):
    code, out, _ = run(capsys, "agreement", "show", "norrbotten", "--format", "json")
    assert code == 0
    shown = json.loads(out)
    source = yaml.safe_load(NORRBOTTEN_V2.read_text(encoding="utf-8"))
    assert shown["in_force"] is True
    assert shown["county"]["slug"] == source["county"]["slug"] == "norrbotten"
    assert {key: shown["document"][key] for key in source["document"]} == source["document"]
    assert [p["id"] for p in shown["parties"]] == [p["id"] for p in source["parties"]]
    assert [a["municipalities"] for a in shown["areas"]] == [
        a["municipalities"] for a in source["areas"]
    ]
    assert [lv["id"] for lv in shown["levels"]] == [lv["id"] for lv in source["levels"]]
    for shown_body, body in zip(shown["bodies"], source["bodies"], strict=True):
        assert shown_body["id"] == body["id"] and shown_body["level"] == body["level"]
        assert [d["text"] for d in shown_body.get("mandate", [])] == body.get("mandate", [])
        assert [s["id"] for s in shown_body.get("seats", [])] == [
            s["id"] for s in body.get("seats", [])
        ]
        assert [o["role"] for o in shown_body.get("offices", [])] == [
            o["role"] for o in body.get("offices", [])
        ]
    steering = next(b for b in shown["bodies"] if b["id"] == "lansstyrgrupp")
    assert steering["seats"][0]["count"] == {"exact": 5}
    assert steering["meetings"]["per_year"] == {"min": 4}
    assert steering["meetings"]["hours"] == {"start": "10:00:00", "end": "15:00:00"}
    assert [(r["kind"], r["from"], r["to"]) for r in shown["relations"]] == [
        (r["kind"], r["from"], r["to"]) for r in source["relations"]
    ]
    earlier = json.loads(command("show", "norrbotten", "--version", "1", "--format", "json"))
    assert earlier["in_force"] is False and earlier["document"]["version"] == 1


# diff


def test_diff_tells_what_changed_from_000_to_001_in_words():
    catalogue = Catalogue()
    old = catalogue.find("norrbotten", "lansstyrgrupp", 1).agreement
    new = catalogue.find("norrbotten", "lansstyrgrupp", 2).agreement
    with translation.override("en"):
        changes = diff(old, new)
    steering = "bodies › Länsstyrgruppen"
    for expected in (
        f"{steering} › meetings › per year: 4 → at least 4",
        f"{steering} › seats: removed: Divisions-/länschef (5)",
        f"{steering} › seats: added: Divisionschef närsjukvård (1)",
        f"{steering} › seats: added: Medicinskt ansvarig närsjukvård (1)",
        f"{steering} › seats: added: Länschef barnsjukvård (1)",
        f"{steering} › seats: added: Länschef vuxenpsykiatri (1)",
        f"{steering} › seats: added: Verksamhetsdirektör (1)",
        f"{steering} › seats: added: Utvecklingsdirektör (1)",
        f"{steering} › co-opted: removed: Representanter för folkhälsofrågor",
    ):
        assert expected in changes, expected
    substitutes = [c for c in changes if c.startswith(f"{steering} › seats › Socialchef (5) › ")]
    # Said as the page says it, not as the file's keys ("required: yes; same area: yes").
    assert any(
        "substitutes: added 1 (annan social- eller barnutbildningschef i tillhörande "
        "närsjukvårdsområde), from the same area; interpretation: Dokumentet anger inget antal "
        "ersättare" in c
        for c in substitutes
    )
    assert not any("source" in c or ".txt" in c or "document › version" in c for c in changes)
    assert len(changes) == len(set(changes))
    assert diff(new, new) == []


def test_diff_sees_a_change_among_elements_of_the_same_identity():
    base = Catalogue().find("norrbotten").agreement.model_dump(mode="json", by_alias=True)
    group = next(b for b in base["bodies"] if b["id"] == "kommungrupp")
    group["co_opted"] = [
        {"role": "Polis", "when": "vid behov", "source": {"section": "Kommunnivå"}},
        {"role": "Polis", "when": "varje möte", "source": {"section": "Kommunnivå"}},
    ]
    old = AgreementSchema.model_validate(base)
    group["co_opted"][0]["when"] = "två gånger per år"
    new = AgreementSchema.model_validate(base)
    with translation.override("en"):
        changes = diff(old, new)
    assert changes == [
        "bodies › Samverkansgrupp på kommunnivå › co-opted: removed: Polis",
        "bodies › Samverkansgrupp på kommunnivå › co-opted: added: Polis",
    ]


def test_diff_command(capsys):
    code, out, _ = run(capsys, "agreement", "diff", "norrbotten", "1", "2")
    assert code == 0 and out == command("diff", "norrbotten", "1", "2")
    lines = out.splitlines()
    assert lines[0] == "lansstyrgrupp: version 1 → version 2"
    bodies, meetings, per_year_field, seats = (
        sv_label(labels.FIELDS[name]) for name in ("bodies", "meetings", "per_year", "seats")
    )
    per_year = " › ".join([bodies, "Länsstyrgruppen", meetings, per_year_field])
    assert f"  {per_year}: 4 → {at_least(4)}" in lines
    assert (
        f"  {bodies} › Länsstyrgruppen › {seats}: "
        + sv("removed: %(name)s", name="Divisions-/länschef (5)")
        in lines
    )
    _, back, _ = run(capsys, "agreement", "diff", "norrbotten", "2", "1")
    assert f"  {per_year}: {at_least(4)} → 4" in back.splitlines()
    _, same, _ = run(capsys, "agreement", "diff", "norrbotten", "2", "2")
    assert same.splitlines() == ["lansstyrgrupp: version 2 → version 2", "  Inga skillnader."]


# errors a county's administrator may make on the command line


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "nosuch"], "Okänt län 'nosuch'. Kända län: norrbotten, vasterbotten"),
        (["diff", "nosuch", "1", "2"], "Okänt län 'nosuch'"),
        (["diff", "norrbotten", "1", "9"], "Dokumentet 'lansstyrgrupp' har ingen version 9"),
        (["show", "norrbotten", "--document", "nosuch"], "har inget dokument 'nosuch'"),
        (["load", "nosuch"], "Okänt län 'nosuch'"),
    ],
)
@pytest.mark.django_db
def test_unknown_names_are_clear_errors(capsys, args, message):
    code, out, err = run(capsys, "agreement", *args)
    assert code == 1 and out == ""
    assert err.startswith("Fel: ") and message in err
    with pytest.raises(CommandError, match=message.split(".")[0]):
        command(*args)


# load


@pytest.mark.django_db
def test_load_reports_what_it_did_and_is_idempotent(capsys):
    code, first, _ = run(capsys, "agreement", "load", "norrbotten")
    assert code == 0
    assert first.splitlines() == [
        "lansstyrgrupp version 1: inläst",
        "lansstyrgrupp version 2: inläst",
        "norrbus version 1: inläst",
    ]
    rows = Agreement.objects.count()
    again = command("load", "norrbotten")
    assert again.splitlines() == [
        "lansstyrgrupp version 1: oförändrat",
        "lansstyrgrupp version 2: oförändrat",
        "norrbus version 1: oförändrat",
    ]
    assert Agreement.objects.count() == rows == 3


def test_the_command_leaves_the_callers_language_alone():
    with translation.override("en"):
        command("list")
        assert translation.get_language() == "en"
