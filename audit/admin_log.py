"""Changes made in the admin site, in the audit trail.

The admin site writes a log entry for each addition, change and removal; each entry becomes an
event of the chain, in the same transaction, with the object's type and id and the names of the
fields changed, never their values (a password or a second factor's secret stays out). A
removal of several objects at once writes its log entries in bulk, which sends no signal: the
site's removal action records those itself.
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db import transaction
from django.utils import translation

from .events import ADMIN_ADDED, ADMIN_CHANGED, ADMIN_DELETED
from .services import Target, record

KINDS = {ADDITION: ADMIN_ADDED, CHANGE: ADMIN_CHANGED, DELETION: ADMIN_DELETED}


def _field_names(model, labels: list[str]) -> list[str]:
    """The admin logs its forms' labels as declared (untranslated): back to the model's field
    names where a field has the label, so that the event names the field in any language."""
    if model is None:
        return labels
    with translation.override(None):
        by_label = {
            str(field.verbose_name).casefold(): field.name
            for field in model._meta.get_fields()
            if hasattr(field, "verbose_name")
        }
    return [by_label.get(str(label).casefold(), str(label)) for label in labels]


def changed_fields(entry: LogEntry) -> list[str]:
    """The fields the entry says were changed, and the inline objects added, changed or
    removed by their kind; no value and no object's name."""
    try:
        parts = json.loads(entry.change_message or "[]")
    except ValueError:
        return []
    model = entry.content_type.model_class() if entry.content_type else None
    names: list[str] = []
    for part in parts if isinstance(parts, list) else []:
        for detail in part.values() if isinstance(part, dict) else []:
            if not isinstance(detail, dict):
                continue
            if "name" in detail:
                names.append(str(detail["name"]))
            else:
                names.extend(_field_names(model, list(detail.get("fields", []))))
    return list(dict.fromkeys(names))


def _model_label(content_type) -> str:
    return f"{content_type.app_label}.{content_type.model}" if content_type else ""


def record_entry(entry: LogEntry) -> None:
    kind = KINDS.get(entry.action_flag)
    if kind is None:
        return
    model = _model_label(entry.content_type)
    # As the admin set it: the object's key itself, not yet the text it is stored as.
    object_id = "" if entry.object_id is None else str(entry.object_id)
    params = {"model": model, "object_id": object_id}
    if kind is ADMIN_CHANGED:
        params["fields"] = changed_fields(entry)
    record(entry.user, kind, Target(model, object_id), params)


def entry_saved(sender, instance: LogEntry, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        record_entry(instance)


@admin.action(permissions=["delete"], description=django_delete_selected.short_description)
def delete_selected(modeladmin, request, queryset):
    """Django's removal action; when it removes several objects, each is recorded here (one
    object's entry is saved alone, and `entry_saved` records it)."""
    removed = list(queryset.values_list("pk", flat=True)) if request.POST.get("post") else []
    model = modeladmin.model._meta.label_lower
    with transaction.atomic():
        response = django_delete_selected(modeladmin, request, queryset)
        if response is None and len(removed) > 1:
            for pk in removed:
                params = {"model": model, "object_id": str(pk)}
                record(request.user, ADMIN_DELETED, Target(model, str(pk)), params)
    return response
