"""Organisations in the admin site, in Swedish: the units that memberships belong to."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Organisation


class CountyFilter(admin.RelatedFieldListFilter):
    """By county, titled in the interface's language (the model field has no label of its own)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("county")


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["county", "key", "name", "principal", "sector", "unit", "parent", "is_demo"]
        labels = {
            "county": _("county"),
            "key": _("key"),
            "parent": _("part of"),
            "is_demo": _("demo organisation"),
        }


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "county_name", "principal", "sector", "key"]
    list_filter = [("county", CountyFilter), "sector"]
    search_fields = ["name", "key", "principal"]
    autocomplete_fields = ["parent"]
    list_select_related = ["county"]

    @admin.display(description=_("county"), ordering="county__name")
    def county_name(self, organisation: Organisation) -> str:
        return organisation.county.name
