from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeviationsConfig(AppConfig):
    name = "deviations"
    verbose_name = _("Deviation reports")

    def ready(self) -> None:
        # The case page shows a case's deviation reports through the plans' section registry.
        from . import section  # noqa: F401
