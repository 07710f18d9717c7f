"""The matter's steps that take a text and a day, each declared once: its page (the form, the
confirm step, what is said when it is taken) and its API operation both take it from here, so
that a rule of the step cannot differ between them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import actions
from .models import Matter


@dataclass(frozen=True)
class TextStep:
    """`action(actor, matter, text=, on=, expected_version=)` takes the step and writes its
    audit event; `kind` is the kind of matter it is for. `question` and `done` may name the
    body the step leads to as %(body)s."""

    key: str
    kind: str
    action: Callable
    only: Promise
    heading: Promise
    question: Promise
    consequence: Promise
    button: Promise
    text_label: Promise
    done: Promise
    api_path: str
    api_summary: str
    text_required: bool = False

    def take(self, actor, matter: Matter, *, text: str, on, version: int | None):
        return self.action(actor, matter, text=text, on=on, expected_version=version)


TEXT_STEPS = {
    step.key: step
    for step in (
        TextStep(
            "escalation",
            Matter.Kind.DISPUTE,
            actions.do_escalate_matter,
            only=_("Only a dispute is escalated."),
            heading=_("Escalate the dispute"),
            question=_("Escalate the dispute to %(body)s?"),
            consequence=_(
                "The dispute moves to the next step of the agreement's path, and only "
                "there; it cannot be taken back."
            ),
            button=_("Yes, escalate"),
            text_label=_("Text"),
            done=_("The dispute is escalated. Next: %(body)s handles it."),
            api_path="escalation",
            api_summary="Escalate a dispute to the next step of the agreement's path",
        ),
        TextStep(
            "report",
            Matter.Kind.TASK,
            actions.do_report_task,
            only=_("Only a task is reported back."),
            heading=_("Report back"),
            question=_("Report back on the task?"),
            consequence=_("The task is closed and the matter returns to the body that gave it."),
            button=_("Yes, report back"),
            text_label=_("Report"),
            done=_("The report is recorded. Next: the body that gave the task handles the matter."),
            api_path="report",
            api_summary="Report back on a task sent downward",
            text_required=True,
        ),
    )
}
