"""The site with the outbox's pages mounted as samverkan/urls.py is asked to mount them."""

from django.urls import include, path

from accounts.roles import can_manage_structure
from accounts.two_factor import verified_required
from outbox import urls as outbox_urls
from samverkan.urls import urlpatterns as site

urlpatterns = [
    path("utskick/", include(outbox_urls.patterns(can_manage_structure, verified_required))),
    *site,
]
