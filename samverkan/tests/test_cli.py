"""The `samverkan` console command's own behaviour; the subcommands are tested in their apps."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class
from django.utils import translation

from samverkan.cli import COMMAND_NAMES, COMMANDS, main


def test_help_names_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"  {name}" in out for name in COMMANDS)


def test_djangos_own_check_keeps_its_name(capsys):
    # `samverkan check` is the compliance check; `manage.py check --deploy` must stay Django's.
    call_command("check")
    assert "System check identified no issues" in capsys.readouterr().out


def test_a_usage_error_exits_2(capsys):
    assert main(["calendar", "deadline"]) == 2
    assert "samverkan calendar" in capsys.readouterr().err


# The language: Swedish, or SAMVERKAN_LANGUAGE. The read-only commands start without Django's
# system checks, which import every view and API module.

BAD_FILE = "county: x\ndocument: {id: a}\nparties: 3\n"
READ_ONLY = ["agreement", "audit", "calendar", "check", "export", "otp-code"]


def test_the_commands_speak_swedish_by_default(capsys, monkeypatch):
    monkeypatch.delenv("SAMVERKAN_LANGUAGE", raising=False)
    # LANG describes the terminal, not the administrator's language.
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Användning: samverkan KOMMANDO")
    assert "Kontrollera att granskningsloggen är hel" in out


def test_samverkan_language_en_turns_labels_and_findings_english(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SAMVERKAN_LANGUAGE", "en")
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: samverkan COMMAND") and "Check that the audit trail" in out
    assert main(["calendar", "holidays", "2026"]) == 0
    assert "2026-06-19  Friday   Midsommarafton" in capsys.readouterr().out
    assert main(["calendar", "deadline", "2026-13-01", "5"]) == 1
    assert capsys.readouterr().err == "Error: Invalid date: '2026-13-01' (give YYYY-MM-DD)\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FILE, encoding="utf-8")
    assert main(["agreement", "validate", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"ERROR {bad}") and "1 of 1 files are invalid." in err
    assert f"{bad}:1: error [county]: must be a mapping (key: value)" in out
    assert main(["agreement", "show", "nosuch"]) == 1
    assert capsys.readouterr().err.startswith("Error: Unknown county 'nosuch'. Known counties:")


def test_the_language_is_chosen_for_the_command_only(capsys, monkeypatch):
    monkeypatch.setenv("SAMVERKAN_LANGUAGE", "en")
    with translation.override("sv"):
        main(["--help"])
        assert translation.get_language() == "sv"
    capsys.readouterr()


def test_a_language_the_platform_does_not_speak_leaves_the_commands_swedish(capsys, monkeypatch):
    monkeypatch.setenv("SAMVERKAN_LANGUAGE", "de")
    assert main(["calendar", "holidays", "2026"]) == 0
    assert "2026-06-19  fredag   Midsommarafton" in capsys.readouterr().out


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_commands_skip_the_system_checks(name):
    command = COMMAND_NAMES.get(name, name)
    assert load_command_class(get_commands()[command], command).requires_system_checks == []


def test_validating_one_file_imports_no_view_api_or_url_module():
    # What made `agreement validate` of one file slow: the system checks import the URL
    # configuration, and with it every view and API module and the holiday tables of every
    # country. A process of its own, as an administrator runs it.
    probe = (
        "import sys\n"
        "from samverkan.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "apps = ('accounts', 'agreements', 'audit', 'plans', 'structure', 'samverkan')\n"
        "print(sorted(m for m in sys.modules if m == 'samverkan.urls' or m == 'holidays'\n"
        "    or m == 'plans.services' or m.startswith(apps) and m.endswith(('.views', '.api'))))\n"
        "sys.exit(code)\n"
    )
    one_file = Path(settings.BASE_DIR) / "agreements" / "data" / "norrbotten" / "norrbus-v1.yaml"
    result = subprocess.run(
        [sys.executable, "-c", probe, "agreement", "validate", str(one_file)],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "samverkan.settings", "SAMVERKAN_DEBUG": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_explains_itself(capsys, monkeypatch, name, language):
    monkeypatch.setenv("SAMVERKAN_LANGUAGE", language)
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: samverkan {name}")
