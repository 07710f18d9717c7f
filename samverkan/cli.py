"""The `samverkan` console command: the platform's administrative commands, nothing else.

Each subcommand is a Django management command of this project; `samverkan --help` lists only
these, so that a county's administrator is not shown Django's internals.
"""

import os
import sys

COMMANDS = {
    "agreement": "Lista, validera, visa, jämföra och läsa in avtalsfiler",
    "audit": "Kontrollera att granskningsloggen är hel (audit verify)",
    "calendar": "Arbetsdagar och tidsfrister (lag 1930:173)",
    "check": "Kontrollera länets levande struktur mot överenskommelsen",
    "demo": "Skapa eller uppdatera databasen och läsa in demolänet",
    "export": "Exportera länets levande struktur (export popolo LÄN)",
    "otp-code": "Visa en demoanvändares tvåfaktorskod (bara i utvecklingsläge)",
}


# `samverkan check` is the compliance command: Django's own `check` keeps its name for
# `manage.py check --deploy`.
COMMAND_NAMES = {"check": "compliance", "otp-code": "otp_code"}


def usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = ["Användning: samverkan KOMMANDO [ARGUMENT ...]", "", "Kommandon:"]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    lines += ["", "Hjälp för ett kommando: samverkan KOMMANDO --help"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    if argv[0] not in COMMANDS:
        print(f"Okänt kommando: {argv[0]}\n\n{usage()}", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import get_commands, load_command_class
    from django.core.management.base import CommandError
    from django.db import DatabaseError

    try:
        django.setup()
    except ImproperlyConfigured as error:
        print(
            f"Inställningarna är ofullständiga: {error}\nSe README.md, avsnittet om drift.",
            file=sys.stderr,
        )
        return 2
    name = COMMAND_NAMES.get(argv[0], argv[0])
    command = load_command_class(get_commands()[name], name)
    # The parser named "samverkan KOMMANDO", so that --help and usage errors show the real
    # command, and argparse prints a usage error itself (exit 2) as on any command line.
    command._called_from_command_line = True
    parser = command.create_parser("samverkan", argv[0])
    try:
        options = vars(parser.parse_args(argv[1:]))
        command.execute(*options.pop("args", ()), **options)
    except DatabaseError as error:
        print(
            f"Databasfel: {error}\nÄr databasen skapad och uppdaterad? "
            "Kör 'samverkan demo' (utveckling) eller 'manage.py migrate' (drift).",
            file=sys.stderr,
        )
        return 2
    except CommandError as error:
        print(f"Fel: {error}", file=sys.stderr)
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
