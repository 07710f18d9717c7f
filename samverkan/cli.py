"""The `samverkan` console command: the platform's administrative commands, nothing else.

Each subcommand is a Django management command of this project; `samverkan --help` lists only
these, so that a county's administrator is not shown Django's internals. It speaks the
interface language: Swedish, or the language named by SAMVERKAN_LANGUAGE (samverkan.language).
"""

import os
import sys

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

COMMANDS = {
    "agreement": gettext_lazy("List, validate, show, compare and load agreement files"),
    "audit": gettext_lazy("Check that the audit trail is whole (audit verify)"),
    "backup": gettext_lazy("Write an encrypted backup of the database (backup FILE)"),
    "calendar": gettext_lazy("Working days and deadlines (lag 1930:173)"),
    "check": gettext_lazy("Check the county's live structure against the agreement"),
    "daily-work": gettext_lazy(
        "Send the day's reminders and any mail left waiting (for cron, without the worker)"
    ),
    "demo": gettext_lazy("Create or update the database and load the demo county"),
    "enrolment-code": gettext_lazy(
        "Issue a code with which a user sets up their authenticator app (the first administrator)"
    ),
    "export": gettext_lazy("Export the county's live structure (export popolo COUNTY)"),
    "otp-code": gettext_lazy("Show a demo user's two-factor code (development only)"),
    "restore": gettext_lazy("Restore a backup into an empty database (restore FILE)"),
    "retention": gettext_lazy(
        "Remove what has outlived its retention period (retention --dry-run lists it)"
    ),
}


# `samverkan check` is the compliance command: Django's own `check` keeps its name for
# `manage.py check --deploy`.
COMMAND_NAMES = {
    "check": "compliance",
    "daily-work": "daily_work",
    "enrolment-code": "enrolment_code",
    "otp-code": "otp_code",
}


def usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [_("Usage: samverkan COMMAND [ARGUMENT ...]"), "", _("Commands:")]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    lines += ["", _("Help for a command: samverkan COMMAND --help")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.utils import translation

    try:
        django.setup()
    except ImproperlyConfigured as error:
        # Without settings no language can be chosen: the platform's own, Swedish.
        print(
            f"Inställningarna är ofullständiga: {error}\nSe README.md, avsnittet om drift.",
            file=sys.stderr,
        )
        return 2
    from samverkan.language import command_line_language

    with translation.override(command_line_language()):
        return run(argv)


def run(argv: list[str]) -> int:
    from django.core.management import get_commands, load_command_class
    from django.core.management.base import CommandError
    from django.db import DatabaseError

    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    if argv[0] not in COMMANDS:
        print(_("Unknown command: %(name)s") % {"name": argv[0]}, file=sys.stderr)
        print(f"\n{usage()}", file=sys.stderr)
        return 2
    name = COMMAND_NAMES.get(argv[0], argv[0])
    command = load_command_class(get_commands()[name], name)
    # The parser named "samverkan COMMAND", so that --help and usage errors show the real
    # command, and argparse prints a usage error itself (exit 2) as on any command line.
    command._called_from_command_line = True
    parser = command.create_parser("samverkan", argv[0])
    try:
        options = vars(parser.parse_args(argv[1:]))
        command.execute(*options.pop("args", ()), **options)
    except DatabaseError as error:
        print(
            _(
                "Database error: %(error)s\nIs the database created and up to date? Run "
                "'samverkan demo' (development) or 'manage.py migrate' (production)."
            )
            % {"error": error},
            file=sys.stderr,
        )
        return 2
    except CommandError as error:
        print(_("Error: %(error)s") % {"error": error}, file=sys.stderr)
        return getattr(error, "returncode", 1)
    except BrokenPipeError:
        # The reader (e.g. `head`) has stopped reading: nothing more to say, and no traceback.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
