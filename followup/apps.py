from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from agreements import measures

        # Validation of the agreements refuses an effect goal naming an indicator not here.
        measures.install(indicator_titles)


def indicator_titles() -> dict[str, str]:
    from .indicators import indicators

    return {item.key: str(item.title) for item in indicators()}
