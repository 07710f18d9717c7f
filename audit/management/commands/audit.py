"""`samverkan audit verify`: check that no audit event was altered or removed."""

from django.core.management.base import BaseCommand

from audit.services import verify


class Command(BaseCommand):
    # Verifying reads the chain and its anchor only: no URLs, templates or admin to check.
    requires_system_checks = []
    help = (
        "Loggen: kontrollera att ingen händelse i granskningsloggen har ändrats eller tagits bort."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ÅTGÄRD")
        sub.add_parser("verify", help="kontrollera hashkedjan från första till sista händelsen")

    def handle(self, *args, action, **options):
        result = verify()
        if result.intact:
            self.stdout.write(f"Loggen är hel: {result.checked} händelser kontrollerade.")
            return
        what = {
            "previous_hash": "länken till föregående händelse stämmer inte (en händelse före "
            "den har tagits bort eller ändrats)",
            "hash": "händelsens innehåll har ändrats",
            "removed": "de senaste händelserna har tagits bort",
        }[result.reason]
        self.stderr.write(
            f"Loggen är bruten vid händelse {result.broken_at}: {what}. "
            f"{result.checked} händelser före den är hela."
        )
        raise SystemExit(1)
