from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MattersConfig(AppConfig):
    name = "matters"
    verbose_name = _("Matters and governing documents")

    def ready(self) -> None:
        # The compliance rules register themselves with the structure's engine, and the agenda
        # proposer with the meetings' registry, when imported.
        from . import agenda, rules  # noqa: F401
