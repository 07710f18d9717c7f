"""Run the platform's daily work (reminders, mail left waiting) now, for cron; or, with
--schedule, queue it for the worker, which then repeats it every morning by itself."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from outbox import tasks


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.description = _(
            "Run the daily work now (reminders, mail waiting to be sent), or with --schedule "
            "let the worker run it every morning"
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=_("Queue the daily round for the worker instead of running it here"),
        )

    def handle(self, *args, schedule: bool = False, **options):
        if schedule:
            if tasks.schedule_daily():
                message = _("The daily round is queued for the worker.")
            else:
                message = _("The daily round is already queued, or the worker cannot hold it.")
            self.stdout.write(message)
            return
        for name, outcome in tasks.run_daily_jobs(timezone.localdate()).items():
            self.stdout.write(f"{name}: {outcome}")
