from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Coordinated individual plans")

    def ready(self):
        # The plan's exports on the case page, by path: WeasyPrint is imported when a case page
        # is first shown, not when a process starts.
        from . import sections

        sections.register(
            sections.CaseSection(
                "sip_exports", 10, "plans/_sip_exports.html", f"{self.name}.sip_pdf.exports_section"
            )
        )
