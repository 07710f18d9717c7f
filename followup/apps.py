from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from agreements import measures
        from inbox.sources import register_module

        # Validation of the agreements refuses an effect goal naming an indicator not here.
        measures.install(indicator_titles)
        # The survey waits in the inbox; the module is read only when an inbox is first shown.
        register_module("followup.inbox_source", self.name)


def indicator_titles() -> dict[str, str]:
    from .indicators import indicators

    return {item.key: str(item.title) for item in indicators()}
