"""The steps that cannot be undone, and the confirmation each asks for first: a page that says
what will happen, with a button that names the act ("Avsluta ärendet"), not "Spara". Without the
confirmation's own field in the form the step is tried and undone, never kept."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import NetworkMeeting

CONFIRMED = "confirmed"  # the confirmation button's name
CHANGE = "change"  # back to the form, with what was typed


@dataclass(frozen=True)
class Confirmation:
    question: Promise
    consequence: Promise
    button: Promise
    # Whether the step's data makes it irreversible (a follow-up that closes the case).
    applies: Callable[[dict], bool] = lambda data: True
    # The step form's own button, when the confirmation always follows it.
    form_button: Promise | None = _("Continue")


CLOSE = Confirmation(
    _("Close the case?"),
    _(
        "A closed case cannot be opened again: its deadlines stop and no step can be taken. "
        "Its record is kept. If the individual needs collaboration later, a new case is opened."
    ),
    _("Close the case"),
)

# By the declared step's key (plans.steps.CASE_STEPS).
CONFIRMATIONS = {
    "closing": CLOSE,
    "no_call": Confirmation(
        _("Decide not to call a network meeting?"),
        _(
            "The case is closed with the reason you gave, and cannot be opened again. Its record "
            "is kept."
        ),
        _("Close the case without a network meeting"),
    ),
    "follow_up": Confirmation(
        CLOSE.question,
        CLOSE.consequence,
        CLOSE.button,
        applies=lambda data: data.get("outcome") == NetworkMeeting.Outcome.CLOSE,
        form_button=None,
    ),
    "withdrawal": Confirmation(
        _("Withdraw the consent?"),
        _(
            "From the day of the withdrawal, nothing is shared with the organisations the "
            "consent named, and those that see the case only through it no longer see it. This "
            "cannot be undone: sharing again needs a new consent."
        ),
        _("Withdraw the consent"),
    ),
}


def needed(step_key: str, data: dict, posted) -> Confirmation | None:
    """The confirmation still to be given before the step is taken with the data, if any."""
    confirmation = CONFIRMATIONS.get(step_key)
    if confirmation is None or not confirmation.applies(data) or CONFIRMED in posted:
        return None
    return confirmation


class Unconfirmed(Exception):
    """The step passed every check but waits for its confirmation: it was undone."""


@contextmanager
def undone_unless_confirmed(confirmation: Confirmation | None):
    """Takes the step for real only when no confirmation is outstanding; otherwise takes it in
    a transaction that is rolled back, so that the confirmation is asked only for a step that
    would succeed (a wrong date or a missing reason is told on the form first)."""
    with transaction.atomic():
        yield
        if confirmation is not None:
            raise Unconfirmed


def form_button(step_key: str) -> Promise | None:
    confirmation = CONFIRMATIONS.get(step_key)
    return confirmation.form_button if confirmation else None


def page(request, case, form, confirmation: Confirmation, title: str):
    """The confirmation: what was typed, carried in hidden fields, what will happen, and the
    buttons to do it, to change what was typed, or to leave."""
    return render(
        request,
        "plans/confirm.html",
        {
            "case": case,
            "form": form,
            "confirmation": confirmation,
            "title": title,
            "summary": _summary(form),
        },
    )


def _summary(form) -> list[tuple[str, str]]:
    """What was typed, as the form's labels and choices say it."""
    shown = []
    for field in form.visible_fields():
        value = form.cleaned_data.get(field.name)
        if value in (None, "", [], ()):
            continue
        choices = dict(getattr(field.field, "choices", ()) or ())
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        shown.append((field.label, str(choices.get(value, value))))
    return shown
