"""The pages of mail not sent. The including URLconf passes who may see them and the
second-factor check, both decided a floor above:

    path("utskick/", include(outbox.urls.patterns(can_manage_structure, verified_required)))
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views


def patterns(may_manage: Callable, verified: Callable) -> tuple[list, str]:
    def page(view):
        return login_required(verified(view))

    guard = {"may_manage": may_manage}
    return (
        [
            path("<slug:county>/", page(views.not_sent), guard, name="not_sent"),
            path("<slug:county>/<int:pk>/skicka-igen/", page(views.retry), guard, name="retry"),
        ],
        "outbox",
    )
