"""`{{ item|agenda_title }}`: an agenda item as a mail keeps it (its own title, or a title code
and parameters) written in the language the mail is rendered in."""

from collections.abc import Mapping

from django import template

from meetings.titles import render

register = template.Library()


@register.filter
def agenda_title(item: Mapping) -> str:
    code = item.get("code")
    return render(code, item.get("params") or {}) if code else item.get("title", "")
