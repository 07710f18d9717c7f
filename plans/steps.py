"""Every step of a case declared once: its web form, its API input, who may take it and the action
that takes it (and writes its audit event). The case pages (`plans.views`) and the API
(`plans.api`) both serve the steps from these declarations, so that a rule of a step cannot
differ between them. The plan's own versions (draft, establish) have pages of their own, since a
plan is many rows, but take the same locks and answer conflicts the same way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from inputs.schemas import FollowUpDay, Key, Line, MeetingDay, Name, StepDay, Text
from structure.actions import ConflictError

from . import services
from .access import can_act, may_decide_to_call
from .forms import (
    CallFollowUpForm,
    CloseForm,
    ConsentForm,
    DecisionForm,
    FollowUpForm,
    MeetingForm,
    NoCallForm,
    NoticeForm,
    StepForm,
    WithdrawForm,
)
from .models import Case, Consent, NetworkMeeting

State = Case.State


class StepIn(Schema):
    version: int = Field(description="The case's version the step was prepared on.")


class ConsentIn(StepIn):
    given_by: Name
    given_how: Consent.Given
    given_on: StepDay
    valid_until: FollowUpDay | None = Field(
        default=None,
        description="The last day the consent holds, when given for a limited time; after the "
        "day given. Left out: until withdrawn.",
    )
    organisations: list[Key] = Field(description="Keys of the organisations it may be shared with.")
    child_view: Text = Field(
        default="", description="The individual's own view, when someone else gives the consent."
    )
    given_as: Consent.GivenAs | None = Field(
        default=None,
        description="Who gives it, as the county's rules allow for the individual's age on the "
        "day; left out: the first the rules name for that age.",
    )


class DecisionIn(StepIn):
    decided_on: StepDay
    participants: list[Key] = Field(
        default=[], description="Keys of the organisations taking part besides the family."
    )
    relatives: Line = ""
    relatives_suitable: bool = Field(
        default=False,
        description="Relatives take part only when suitable and the individual does not oppose.",
    )


class NoCallIn(StepIn):
    decided_on: StepDay
    reason: Text = Field(description="Why no network meeting is called; the case is closed.")


class NoticeIn(StepIn):
    sent_on: StepDay


class MeetingIn(StepIn):
    held_on: StepDay
    attended: Text = ""
    picture: Text = Field(default="", description="The joint picture of needs and resources.")


class CallFollowUpIn(StepIn):
    called_on: StepDay
    meeting_on: MeetingDay


class FollowUpIn(StepIn):
    held_on: StepDay
    attended: Text
    picture: Text = Field(description="How the interventions have gone.")
    outcome: NetworkMeeting.Outcome
    reason: Text = Field(default="", description="Why the case is closed, when it is.")


class WithdrawalIn(StepIn):
    withdrawn_on: StepDay


class ClosingIn(StepIn):
    closed_on: StepDay
    reason: Text


def _as_given(data: dict) -> dict:
    return data


@dataclass(frozen=True)
class CaseStep:
    """One step: `form` on the pages, `schema` in the API, both with the case's version.

    `action` is the service's `do_*` function, called as `action(actor, target, **arguments)`
    where the target is the case, or the consent for a withdrawal; it checks the step's rules and
    writes its audit event. `may` says who takes the step (the action checks it again);
    `organisations` names the fields that hold organisations, given as keys in the API.
    """

    key: str
    title: Promise
    form: type[StepForm]
    schema: type[StepIn]
    action: Callable
    api_path: str
    api_name: str
    summary: str
    may: Callable = can_act
    refusal: Promise = _("You may not take this step.")
    arguments: Callable[[dict], dict] = _as_given
    organisations: tuple[str, ...] = ()
    on_consent: bool = False
    # The states in which this is the step the case waits for (the case page shows its form).
    waits_in: frozenset = field(default_factory=frozenset)
    # What the page says once the step is taken: the step by name, not a bare "saved".
    done: Promise = _("Saved.")

    def take(self, actor, case: Case, data: dict, target=None):
        """Take the step with the form's cleaned data or the API's payload (organisations as
        objects), after checking that the actor may."""
        if not self.may(actor, case):
            raise PermissionDenied(str(self.refusal))
        # The API schema names the step's input; a form may carry more to help the user (the
        # summary of the case it was opened on, choices that fill in the organisations).
        given = {name: data[name] for name in self.schema.model_fields if name != "version"}
        return self.action(actor, target if target is not None else case, **self.arguments(given))


DECIDER = _("The unit manager, or the one they appoint, decides whether to call a network meeting.")

CASE_STEPS = {
    step.key: step
    for step in (
        CaseStep(
            "consent",
            _("Record consent"),
            ConsentForm,
            ConsentIn,
            services.do_record_consent,
            "consents",
            "record_consent",
            "Record a consent; the first one moves the case on",
            done=_("The consent is recorded."),
            organisations=("organisations",),
            waits_in=frozenset({State.OPENED}),
        ),
        CaseStep(
            "decision",
            _("Decide to call a network meeting"),
            DecisionForm,
            DecisionIn,
            services.do_decide_to_call,
            "decision",
            "decide_to_call",
            "Decide to call a network meeting, and who takes part",
            done=_("The decision to call a network meeting is recorded."),
            may=may_decide_to_call,
            refusal=DECIDER,
            organisations=("participants",),
            waits_in=frozenset({State.CONSENTED}),
        ),
        CaseStep(
            "no_call",
            _("Decide not to call a network meeting"),
            NoCallForm,
            NoCallIn,
            services.do_decide_not_to_call,
            "decision-not-to-call",
            "decide_not_to_call",
            "Decide not to call a network meeting, with the reason; the case is closed",
            done=_(
                "The decision not to call a network meeting is recorded, and the case is closed."
            ),
            may=may_decide_to_call,
            refusal=DECIDER,
        ),
        CaseStep(
            "notice",
            _("Record that the notice was sent"),
            NoticeForm,
            NoticeIn,
            services.do_send_notice,
            "notice",
            "send_notice",
            "Record that the notice of the network meeting was sent",
            done=_("The notice is recorded as sent."),
            waits_in=frozenset({State.CALLED}),
        ),
        CaseStep(
            "meeting",
            _("Record the network meeting"),
            MeetingForm,
            MeetingIn,
            services.do_record_meeting,
            "meeting",
            "record_meeting",
            "Record the network meeting held",
            done=_("The network meeting is recorded."),
            waits_in=frozenset({State.NOTIFIED}),
        ),
        CaseStep(
            "call_follow_up",
            _("Call a follow-up meeting"),
            CallFollowUpForm,
            CallFollowUpIn,
            services.do_call_follow_up,
            "follow-up",
            "call_follow_up",
            "Call a follow-up meeting of the established plan",
            done=_("The follow-up meeting is called."),
            waits_in=frozenset({State.PLANNED, State.FOLLOWED_UP}),
        ),
        CaseStep(
            "follow_up",
            _("Record the follow-up meeting"),
            FollowUpForm,
            FollowUpIn,
            services.do_record_follow_up,
            "follow-up/held",
            "record_follow_up",
            "Record the follow-up meeting: the plan continues, is revised, or the case closes",
            done=_("The follow-up meeting is recorded."),
            waits_in=frozenset({State.FOLLOW_UP_CALLED}),
        ),
        CaseStep(
            "withdrawal",
            _("Withdraw the consent"),
            WithdrawForm,
            WithdrawalIn,
            services.do_withdraw_consent,
            "consents/{consent_id}/withdrawal",
            "withdraw_consent",
            "Record that a consent is withdrawn: sharing stops from the day",
            done=_("The consent is withdrawn: nothing more is shared under it from that day."),
            arguments=lambda data: {"on": data["withdrawn_on"]},
            on_consent=True,
        ),
        CaseStep(
            "closing",
            _("Close the case"),
            CloseForm,
            ClosingIn,
            services.do_close_case,
            "closing",
            "close_case",
            "Close the case with a reason, at any step",
            done=_("The case is closed."),
            arguments=lambda data: {"on": data["closed_on"], "reason": data["reason"]},
        ),
    )
}


class StaleCase(ConflictError):
    """The step was prepared on an earlier version of the case; `case` is the case now."""

    def __init__(self, case: Case):
        self.case = case
        super().__init__(
            _("Someone else changed the case after you read it; it is now at version %(version)s.")
            % {"version": case.version}
        )


def take(step: CaseStep, actor, case: Case, data: dict, target=None) -> Case:
    """Take a declared step prepared on the case's version `data["version"]`, for pages and
    API alike; StaleCase when someone took one since. Returns the case as the step left it."""
    with transaction.atomic():
        # Locked from the check to the step, so that two steps prepared on the same version
        # cannot both pass.
        locked = (
            Case.objects.select_for_update(of=("self",))
            .select_related("individual__county", "opening_organisation")
            .get(pk=case.pk)
        )
        if locked.version != data["version"]:
            raise StaleCase(locked)
        step.take(actor, locked, data, target)
        # Some steps change the case through other rows (a consent withdrawn).
        locked.refresh_from_db()
    return locked


def waiting_step(case: Case) -> CaseStep | None:
    """The step the case waits for, when it is one of the declared steps (a met or revising
    case waits for its plan instead, on the plan's pages)."""
    return next((s for s in CASE_STEPS.values() if case.state in s.waits_in), None)


@dataclass(frozen=True)
class NextStep:
    """What the case waits for, named for the case page and the start page: `step` when it is
    taken with a declared step's form, `plan` when on the plan's pages."""

    title: str
    step: CaseStep | None = None
    plan: bool = False


def next_step(case: Case, latest_plan=None, missing: list[str] = ()) -> NextStep | None:
    """The next step in every state; None once the case is closed. `latest_plan` is the newest
    version of the plan and `missing` what it lacks (`plans.establishment`), when it is a draft."""
    draft = latest_plan if latest_plan is not None and not latest_plan.established_on else None
    if case.state == State.CLOSED:
        return None
    if case.state == State.CONSENTED:
        return NextStep(
            str(
                _(
                    "The unit manager, or the one they appoint, decides whether to call a "
                    "network meeting."
                )
            ),
            CASE_STEPS["decision"],
        )
    if case.state in (State.MET, State.REVISING):
        if draft is None:
            if case.state == State.MET:
                return NextStep(str(_("Write the plan (SIP).")), plan=True)
            return NextStep(str(_("Revise the plan, as the follow-up meeting decided.")), plan=True)
        if missing:
            return NextStep(
                str(
                    _("Complete version %(n)s of the plan: it lacks what is listed below.")
                    % {"n": draft.number}
                ),
                plan=True,
            )
        return NextStep(
            str(_("Establish version %(n)s of the plan.") % {"n": draft.number}), plan=True
        )
    if case.state == State.FOLLOWED_UP:
        return NextStep(str(_("Call the next follow-up meeting.")), CASE_STEPS["call_follow_up"])
    step = waiting_step(case)
    return NextStep(f"{step.title}.", step)
