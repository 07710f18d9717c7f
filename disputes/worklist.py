"""The disputes' deadlines in the organisation's worklist (plans.worklist_sources): each open
dispute the organisation is a side of, by the day its present step should answer."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from plans.listed import case_title

from .queries import open_of


def rows(user, today):
    return [
        (
            case_title(dispute.case_id),
            _("Dispute %(n)s: the step's answer") % {"n": dispute.pk},
            dispute.matter.answer_due,
            reverse("disputes:dispute", args=[dispute.pk]),
        )
        for dispute in open_of(user)
    ]
