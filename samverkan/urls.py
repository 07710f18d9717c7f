from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.roles import can_manage_structure
from accounts.two_factor import verified_required
from outbox import urls as outbox_urls

from . import health, views
from .api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("start/", views.start, name="start"),
    path("halsa/", health.health, name="health"),
    path("konto/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("arenden/", include("plans.urls")),
    path("placeringar/", include("placements.urls")),
    path("arenden/", include("portal.staff_urls")),
    path("mina-sidor/", include("portal.urls")),
    path("moten/", include("meetings.urls")),
    path("utskick/", include(outbox_urls.patterns(can_manage_structure, verified_required))),
    path("samverkansarenden/", include("matters.urls")),
    path("avvikelser/", include("deviations.urls")),
    path("oenighet/", include("disputes.urls")),
    path("styrdokument/", include("matters.document_urls")),
    path("logg/", include("logreview.urls")),
    path("inkorg/", include("inbox.urls")),
    path("uppfoljning/", include("followup.urls")),
    path("", include("structure.urls")),
]

if settings.SAMVERKAN_OIDC:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
