from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StructureConfig(AppConfig):
    name = "structure"
    verbose_name = _("Structure")

    def ready(self) -> None:
        from agreements.signals import county_loaded

        from .organisations import organisations_for_loaded_county

        county_loaded.connect(organisations_for_loaded_county, dispatch_uid="structure-units")
