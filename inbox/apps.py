from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    # The sources register themselves when the inbox is first read (inbox.sources.sources).
    name = "inbox"
    verbose_name = _("Inbox")
