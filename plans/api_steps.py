"""The answers the individual level's APIs (placements, deviations, disputes) give for a step
taken through an action: 422 with the reasons a ValidationError gives, 409 with the row's
version now after a ConflictError, 403 for a PermissionDenied."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Status
from ninja.errors import HttpError

from inputs.api import problem
from structure.actions import ConflictError


def invalid(error: ValidationError) -> Status:
    errors = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    return Status(422, problem(_("The step cannot be taken as given."), errors))


def stale(error: ConflictError, row) -> Status:
    row.refresh_from_db()
    return Status(409, {"detail": str(error), "version": row.version})


def step(row, act: Callable, forbidden: str, done: Callable[[object], Status]) -> Status:
    """`act(row)`, answered by `done(result)`; or the refusal's answer, `forbidden` when the
    action gives no reason of its own."""
    try:
        result = act(row)
    except PermissionDenied as error:
        raise HttpError(403, str(error) or forbidden) from None
    except ConflictError as error:
        return stale(error, row)
    except ValidationError as error:
        return invalid(error)
    return done(result)
