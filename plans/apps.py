from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Coordinated individual plans")

    def ready(self):
        from . import sections, sip_pdf

        sections.register(sip_pdf.SECTION)
