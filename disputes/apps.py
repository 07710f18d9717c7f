from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "disputes"
    verbose_name = _("Disputes on responsibility and cost")

    def ready(self) -> None:
        # The case page shows an open dispute through the plans' section registry, by path.
        from plans import sections

        sections.register(
            sections.CaseSection(
                "disputes", 45, "disputes/_case_section.html", f"{self.name}.section.context"
            )
        )
