"""The interface language: Swedish, unless the person has chosen another.

On the web the choice is the language switch in the page header (Django's `set_language`, which
keeps it in a cookie). A browser's Accept-Language is not a choice made for this platform: many
work computers in Swedish municipalities and regions run in English, and their users expect the
Swedish the platform is written in. On the command line the choice is `SAMVERKAN_LANGUAGE`.
"""

import os

from django.conf import settings
from django.utils import translation


def supported(code: str | None) -> str | None:
    """The code if the platform speaks it, else None."""
    return code if code in dict(settings.LANGUAGES) else None


class LanguageMiddleware:
    """Activates the chosen language for the request (in place of Django's LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = (
            supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def command_line_language() -> str:
    """`SAMVERKAN_LANGUAGE` (sv or en) when it names a language the platform speaks; Swedish
    otherwise. LANG is left alone: it describes the terminal (often C.UTF-8 or en_US.UTF-8 on a
    server), not the language the administrator works in."""
    return supported(os.environ.get("SAMVERKAN_LANGUAGE", "").strip().lower()) or (
        settings.LANGUAGE_CODE
    )
