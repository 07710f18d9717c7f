from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        from plans import sections

        from .staff_views import guardians_section

        sections.register(
            sections.CaseSection("portal", 80, "portal/section.html", guardians_section)
        )
