"""The password login's backend: Django's, reading the logged-in user of each request with what
every page asks of them in the same query."""

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from .roles import STRUCTURE_GROUPS


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        # The membership with its organisation and whether the user holds one of the
        # structure's roles (accounts.roles.works_with_individuals): three queries a page
        # otherwise, on every page, read anew on each request as before.
        user = (
            get_user_model()
            ._default_manager.select_related("membership__organisation")
            .annotate(
                _samverkan_structure_role=Exists(
                    Group.objects.filter(user=OuterRef("pk"), name__in=STRUCTURE_GROUPS)
                )
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
