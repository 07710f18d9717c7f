"""`samverkan restore FILE`: a backup into an empty database, then `audit verify`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from audit.management.commands.audit import report
from audit.services import verify
from samverkan.backup import KEY_VARIABLE, BackupError, restore


class Command(BaseCommand):
    # The database is empty until the restore: nothing in it to check yet.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.description = _(
            "Restores a backup made by samverkan backup into an empty database, after checking "
            "the whole file and that SAMVERKAN_FIELD_KEY and SAMVERKAN_AUDIT_KEY are the keys "
            "of its data; then verifies the audit trail. The key is read from %(variable)s."
        ) % {"variable": KEY_VARIABLE}
        parser.add_argument("file", metavar=_("FILE"))

    def handle(self, *args, file, **options):
        try:
            about, notices = restore(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored the backup made %(created)s.") % {"created": about.get("created_at")}
        )
        for notice in notices:
            self.stdout.write(notice)
        report(self, verify())
