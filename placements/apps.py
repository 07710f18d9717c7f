from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Out-of-home placements")

    def ready(self) -> None:
        # The case page shows the placements, and the worklist their deadlines, through plans'
        # registries, by path: nothing of the app is imported until a page shows it.
        from plans import sections, worklist_sources

        sections.register(
            sections.CaseSection(
                "placements", 20, "placements/section.html", f"{self.name}.section.context"
            )
        )
        worklist_sources.register(
            worklist_sources.WorklistSource("placements", f"{self.name}.worklist.rows")
        )
