"""The answers the individual level's APIs (placements, deviations, disputes) give for a step
taken through an action: 422 with the reasons a ValidationError gives, 409 with the row's
version now after a ConflictError, 403 for a PermissionDenied."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Status
from ninja.errors import HttpError

from inputs.api import invalid, problem
from structure.actions import ConflictError


def stale(error: ConflictError, row) -> Status:
    row.refresh_from_db()
    return Status(409, problem(str(error), version=row.version))


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


def step_routes(router, *, key: str, responses: dict, take: Callable) -> Callable:
    """What declares one kind of row's step routes: `declare(path, name, summary, body, act)`
    adds a POST whose path names the row as `key` and whose body is the schema `body`; it
    answers `take(request, row_id, lambda row: act(user, row, payload))`.

    django-ninja reads a route's parameters from its signature, and the path's parameter is
    named after the row, so the signature is given here rather than written out per route;
    the name gives the operation id and URL name a written function would."""

    def declare(path: str, name: str, summary: str, body: type, act: Callable) -> None:
        def endpoint(request, **given):
            payload = given["payload"]
            return take(request, given[key], lambda row: act(request.user, row, payload))

        endpoint.__signature__ = inspect.Signature(
            [
                inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
                inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, annotation=int),
                inspect.Parameter("payload", inspect.Parameter.KEYWORD_ONLY, annotation=body),
            ]
        )
        endpoint.__name__ = endpoint.__qualname__ = name
        # The app's module, where `take` is written: the operation id is module and name.
        endpoint.__module__ = take.__module__
        router.post(path, response=responses, summary=summary)(endpoint)

    return declare
