from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Mail sent")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app declares the kinds of mail it sends in its own `mails` module: loaded here,
        # so that every stored mail can be written out again, without outbox naming any app.
        autodiscover_modules("mails")
