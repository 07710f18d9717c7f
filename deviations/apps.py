from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeviationsConfig(AppConfig):
    name = "deviations"
    verbose_name = _("Deviation reports")

    def ready(self) -> None:
        # The case page shows a case's deviation reports, and the worklist their deadlines,
        # through the plans' registries, by path: nothing is imported until a page shows it.
        from plans import sections, worklist_sources

        sections.register(
            sections.CaseSection(
                "deviations", 40, "deviations/_case_section.html", f"{self.name}.section.context"
            )
        )
        worklist_sources.register(
            worklist_sources.WorklistSource("deviations", f"{self.name}.worklist.rows")
        )
