from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Out-of-home placements")

    def ready(self) -> None:
        # The case page shows the placements through plans' registry of sections.
        from . import section, worklist

        section.register()
        worklist.register()
