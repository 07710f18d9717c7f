"""What changed in a case while someone filled in a form. A step's form carries the case's version
and a signed summary of the case as it was then (`seen`); when someone else took a step in the
meantime, the save is refused, what the user typed is kept, and the page lists what changed
(this module), so that they can decide and save again. Only facts the case page already shows
go into the summary, and no personal data."""

from __future__ import annotations

from django.core import signing
from django.utils.translation import gettext_lazy as _

from .compare import Change
from .models import Case

SALT = "plans.conflicts.seen"

LABELS = {
    "state": _("Step"),
    "consent_on": _("Consent given"),
    "consents": _("Consents recorded"),
    "withdrawn": _("Consents withdrawn"),
    "decided_on": _("Decided to call a network meeting"),
    "notice_sent_on": _("Notice sent"),
    "meeting_on": _("Network meeting held"),
    "meetings": _("Follow-up meetings"),
    "plan": _("Newest version of the plan"),
    "closed_on": _("Closed"),
}


def case_facts(case: Case) -> dict[str, str]:
    # Through `.all()`: the case page has read them already (plans.views.case_detail).
    latest = max(case.plans.all(), key=lambda plan: plan.number, default=None)
    consents = [consent.withdrawn_on for consent in case.consents.all()]
    return {
        "state": case.state,
        "consent_on": _day(case.consent_on),
        "consents": str(len(consents)),
        "withdrawn": str(sum(1 for day in consents if day is not None)),
        "decided_on": _day(case.decided_on),
        "notice_sent_on": _day(case.notice_sent_on),
        "meeting_on": _day(case.meeting_on),
        "meetings": str(sum(1 for m in case.meetings.all() if m.kind == "follow_up")),
        "plan": f"{latest.number}:{_day(latest.established_on)}" if latest else "",
        "closed_on": _day(case.closed_on),
    }


def seen(case: Case) -> str:
    """The summary a form carries, signed so that what a refused save shows is the platform's."""
    return signing.dumps(case_facts(case), salt=SALT, compress=True)


def changed_since(token: str | None, case: Case) -> list[Change]:
    """What differs between the summary a form carried and the case now; nothing when the
    summary is missing or not the platform's own."""
    try:
        before = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return []
    now = case_facts(case)
    return [
        Change(str(label), _shown(name, before.get(name, "")), _shown(name, now[name]))
        for name, label in LABELS.items()
        if before.get(name, "") != now[name]
    ]


def _day(day) -> str:
    return day.isoformat() if day else ""


def _shown(name: str, value: str) -> str:
    if name == "state" and value in Case.State.values:
        return str(Case.State(value).label)
    if name == "plan" and value:
        number, established = value.split(":")
        if established:
            return str(_("version %(n)s, established %(day)s") % {"n": number, "day": established})
        return str(_("version %(n)s, a draft") % {"n": number})
    return value
