"""The matter's steps, each declared once: its page (the form, the confirm step, what is said
when it is taken) and its API operation both take it from here, so that a rule of the step
cannot differ between them. A body's handling and a principal's decision take their fields by
the same names in the form and the API's body (`Step`); the steps that take a text and a day
share one shape (`TextStep`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import access, actions
from .models import Handling, Matter

Outcome = Handling.Outcome
# The outcomes that send the matter to another body, and those whose text is what is sent.
TARGETED = (Outcome.UPWARD, Outcome.BACK)
WITH_TEXT = (Outcome.RECOMMENDATION, Outcome.BACK)


@dataclass(frozen=True)
class Step:
    """A step the page and the API take alike: who may (`allowed(user, matter, **context)`,
    else PermissionDenied with `refused`), what its fields must say together beyond each
    field's own bounds (`problems(data)`, by field, which the form shows at its fields), and
    `act(actor, matter, data, **context)`, the action with the fields by name."""

    allowed: Callable[..., bool]
    refused: Promise
    problems: Callable[[Mapping], dict[str, str]]
    act: Callable[..., object]

    def require(self, actor, matter: Matter, **context) -> None:
        if not self.allowed(actor, matter, **context):
            raise PermissionDenied(str(self.refused))

    def take(self, actor, matter: Matter, data: Mapping, **context):
        self.require(actor, matter, **context)
        problems = self.problems(data)
        if problems:
            raise ValidationError(problems)
        return self.act(actor, matter, data, **context)


def _handling_problems(data: Mapping) -> dict[str, str]:
    problems = {}
    outcome = data.get("outcome")
    if outcome in TARGETED and not data.get("target"):
        problems["target"] = str(_("Choose the body."))
    if outcome in WITH_TEXT and not (data.get("text") or "").strip():
        problems["text"] = str(_("Write the recommendation or the task."))
    return problems


def _handle(actor, matter: Matter, data: Mapping):
    outcome = data["outcome"]
    return actions.do_handle_matter(
        actor,
        matter,
        outcome=outcome,
        text=data.get("text") or "",
        # A target chosen before the outcome was changed to one without a body is not sent.
        target=(data.get("target") or "") if outcome in TARGETED else "",
        meeting=data.get("meeting"),
        on=data.get("on"),
        expected_version=data.get("version") or matter.version,
    )


def _decide(actor, matter: Matter, data: Mapping, *, principal: str):
    return actions.do_record_decision(
        actor,
        matter,
        principal=principal,
        outcome=data["outcome"],
        decided_on=data["decided_on"],
        decided_by=data["decided_by"],
        reference=data.get("reference") or "",
        expected_version=data.get("version"),
    )


HANDLE = Step(
    allowed=access.may_handle,
    refused=_("Only the body's members or a coordinator handle the matter."),
    problems=_handling_problems,
    act=_handle,
)
DECIDE = Step(
    allowed=access.may_decide,
    refused=_(
        "Only someone of the principal's own organisation, or a coordinator, records its decision."
    ),
    problems=lambda data: {},
    act=_decide,
)


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
