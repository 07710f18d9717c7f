"""The county's reminder of consents about to expire, set in the admin site: the one setting of
the individual level that no agreement states."""

from django.contrib import admin

from .models import ConsentReminder


@admin.register(ConsentReminder)
class ConsentReminderAdmin(admin.ModelAdmin):
    list_display = ["county", "days_before"]
