from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        # The meeting rules register themselves into the structure's compliance engine, so
        # that `samverkan check` and the compliance page run them with the rest.
        from . import compliance, revision  # noqa: F401
