"""The `samverkan` console command's own behaviour; the subcommands are tested in their apps."""

from django.core.management import call_command

from samverkan.cli import COMMANDS, main


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
