from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # The structure asks the roles through its own registry (it stands below accounts).
        from structure import keepers

        from .roles import can_manage_structure, coordinator_addresses

        keepers.register(may_keep=can_manage_structure, coordinator_addresses=coordinator_addresses)
