"""Memberships, users with their membership, and second-factor devices in the admin site, in
Swedish.

A device's secret key is never shown or set here: a user sets up their authenticator on the
platform's own page. An administrator may remove a lost device, after which its user sets up a
new one at their next login."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from structure.admin import CountyFilter

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "full_name", "organisation", "role", "decides_on_network_meetings"]
    list_filter = ["role", "decides_on_network_meetings", ("organisation__county", CountyFilter)]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "organisation__name",
    ]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]

    @admin.display(description=_("name"), ordering="user__last_name")
    def full_name(self, membership: Membership) -> str:
        return membership.user.get_full_name()


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    # Everything but the key and the counters derived from it.
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = ["user", "confirmed", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False


class MembershipInline(admin.StackedInline):
    model = Membership
    autocomplete_fields = ["organisation"]
    can_delete = True


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserWithMembershipAdmin(UserAdmin):
    """A user and the organisation and role they work in, on one page."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "is_staff", "is_active"]
