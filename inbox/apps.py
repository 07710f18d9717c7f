from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "inbox"
    verbose_name = _("Inbox")

    def ready(self) -> None:
        # Each source registers itself when imported (inbox.sources.register): the inbox reads
        # the lower apps through these modules only.
        from .sources import load

        load()
