from django.apps import AppConfig


class SamverkanConfig(AppConfig):
    name = "samverkan"
    verbose_name = "Samverkan"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the production checks)
