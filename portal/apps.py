from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        # The guardians' logins on the case page, by path: the staff views are imported when
        # a case page is first shown.
        from plans import sections

        sections.register(
            sections.CaseSection(
                "portal", 80, "portal/section.html", f"{self.name}.staff_views.guardians_section"
            )
        )
