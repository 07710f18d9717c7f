"""The admin site behind the same two-factor login as the rest of the platform.

Django's own admin login asks for a password alone; here every admin page needs a session that
has passed the second factor, and the way in is the platform's login and code page."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class VerifiedAdminSite(admin.AdminSite):
    site_header = _("Samverkan administration")
    site_title = _("Samverkan administration")
    index_title = _("Administration")

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        """No password form of its own: the platform's login, then its second factor."""
        target = request.GET.get("next") or reverse("admin:index")
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")
        if not request.user.is_verified():
            return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': target})}")
        if not self.has_permission(request):
            raise PermissionDenied
        return redirect(target)


class VerifiedAdminConfig(AdminConfig):
    """Django's admin, with the site that asks for the second factor as `admin.site`."""

    default_site = "accounts.admin_site.VerifiedAdminSite"
