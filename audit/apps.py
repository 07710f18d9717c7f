from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save
        from django.utils.module_loading import autodiscover_modules

        from . import admin_log

        # Each app declares the kinds of event it records in its own `events` module: loaded
        # here, so that every stored code can be shown, without audit naming any app.
        autodiscover_modules("events")
        post_save.connect(admin_log.entry_saved, sender=LogEntry, dispatch_uid="audit-admin")
        # Django's removal action, replaced by one that records each removal, where the site
        # offers it at all.
        if "delete_selected" in dict(admin.site.actions):
            admin.site.add_action(admin_log.delete_selected, "delete_selected")
