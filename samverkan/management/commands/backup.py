"""`samverkan backup FILE`: the whole database, encrypted with SAMVERKAN_BACKUP_KEY. Given a
folder, the file is named in it by the time it is made (for a nightly timer)."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samverkan.backup import KEY_VARIABLE, BackupError, backup


class Command(BaseCommand):
    # A backup reads the database only: nothing of the URLs, templates or admin to check.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.description = _(
            "Writes an encrypted backup of the whole database to FILE (or to a file named by "
            "the time in FILE, when it is a folder), with a manifest of its migrations, key "
            "fingerprints and audit chain head. The key is read from %(variable)s."
        ) % {"variable": KEY_VARIABLE}
        parser.add_argument("file", metavar=_("FILE"))

    def handle(self, *args, file, **options):
        path = Path(file)
        if path.is_dir():
            moment = datetime.datetime.now(datetime.UTC)
            path = path / f"samverkan-{moment:%Y%m%dT%H%M%SZ}.backup"
        if path.exists():
            raise CommandError(
                _("%(path)s exists already: name a new file, so that no backup is overwritten.")
                % {"path": path}
            )
        if not path.parent.is_dir():
            raise CommandError(_("There is no folder %(path)s.") % {"path": path.parent})
        try:
            about = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        head = about["audit_head"]
        self.stdout.write(
            _("Backup written to %(path)s (%(vendor)s, audit trail up to event %(event)s).")
            % {"path": path, "vendor": about["vendor"], "event": head["event"] if head else "–"}
        )
