from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeviationsConfig(AppConfig):
    name = "deviations"
    verbose_name = _("Deviation reports")

    def ready(self) -> None:
        # The case page shows a case's deviation reports, and the worklist their deadlines,
        # through the plans' registries.
        from . import section, worklist  # noqa: F401

        worklist.register()
