"""Memberships, users with their membership, and second-factor devices in the admin site, in
Swedish.

A device's secret key is never shown or set here: a user sets up their authenticator on the
platform's own page. An administrator may remove a lost device; its user then sets up a new one
with an enrolment code, which only an administrator issues here (accounts.enrolment)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from structure.admin import CountyFilter

from .enrolment import do_issue_enrolment_code
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
    # Records of what happened, not settings: shown, never typed over.
    readonly_fields = ["last_login", "date_joined"]
    list_display = ["username", "first_name", "last_name", "is_staff", "is_active"]
    actions = ["issue_enrolment_code"]

    @admin.action(
        description=_("Issue an enrolment code for setting up an authenticator app"),
        permissions=["change"],
    )
    def issue_enrolment_code(self, request, queryset):
        """Each chosen user's new code, shown on this page only: it is kept as a hash alone."""
        codes = [(user, do_issue_enrolment_code(request.user, user)) for user in queryset]
        return TemplateResponse(
            request,
            "admin/accounts/enrolment_codes.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Enrolment codes"),
                "codes": codes,
                "hours": settings.SAMVERKAN_ENROLMENT_CODE_HOURS,
                "opts": self.model._meta,
            },
        )
