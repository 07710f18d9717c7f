"""Kinds of mail: a stable code, the subject and the template that writes the text.

A mail is stored as its kind, its parameters and its recipient's language, never as the text:
the text is written when the mail is sent (and again for a retry), in the recipient's language,
so that the database holds no translated sentence. Each app declares its kinds in `mails.py`.

Links are stored as the site's paths; a template writes `{{ site_url }}{{ path }}`, the
platform's address (settings.SAMVERKAN_SITE_URL) taken when the mail is sent, so that a mail
queued before the address changed still leads to the site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

_KINDS: dict[str, MailKind] = {}
_PLACEHOLDER = re.compile(r"%\([^)]*\)[a-z]")


@dataclass(frozen=True)
class MailKind:
    """`subject`: a lazy translation with `%(name)s` for parameters; `template`: a plain-text
    template rendered with the parameters as its context."""

    code: str
    subject: str | Promise
    template: str

    def __post_init__(self):
        known = _KINDS.setdefault(self.code, self)
        if known != self:
            raise ValueError(f"mail kind {self.code!r} is declared twice")

    def subject_for(self, params: Mapping) -> str:
        """The subject in the active language; parameters that do not fit left out."""
        subject = str(self.subject)
        try:
            subject = subject % params
        except (LookupError, TypeError, ValueError):
            subject = _PLACEHOLDER.sub("…", subject)
        return " ".join(subject.split())

    def render(self, params: Mapping, language: str) -> tuple[str, str]:
        """The subject and the text, in the language."""
        context = {**params, "site_url": settings.SAMVERKAN_SITE_URL}
        with translation.override(language):
            return self.subject_for(params), render_to_string(self.template, context)


def kind_of(code: str) -> MailKind | None:
    return _KINDS.get(code)


def subject_of(code: str, params: Mapping) -> str:
    """A stored mail's subject in the active language; an unknown kind as its code."""
    kind = _KINDS.get(code)
    return kind.subject_for(params) if kind is not None else code
