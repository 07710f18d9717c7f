"""How the lists (the worklist, My cases, the other apps' worklist rows) name a case without
personal data: by its number, and when and by which organisation it was opened."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _


def case_title(case_id: int) -> str:
    return _("Case %(n)s") % {"n": case_id}


def opened_line(opened_at: datetime.datetime, organisation_name: str) -> str:
    return _("opened %(day)s by %(who)s") % {
        "day": timezone.localdate(opened_at).isoformat(),
        "who": organisation_name,
    }
