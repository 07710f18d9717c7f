from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "disputes"
    verbose_name = _("Disputes on responsibility and cost")

    def ready(self) -> None:
        # The case page shows an open dispute, and the worklist its answer day, through the
        # plans' registries, by path.
        from plans import sections, worklist_sources

        sections.register(
            sections.CaseSection(
                "disputes", 45, "disputes/_case_section.html", f"{self.name}.section.context"
            )
        )
        worklist_sources.register(
            worklist_sources.WorklistSource("disputes", f"{self.name}.worklist.rows")
        )
