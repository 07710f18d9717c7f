"""The API's answer to input it refuses: 422 with `Problem`, the same body whether the framework
refused the input's form (a missing field, a day that does not exist, a text that breaks an
input rule) or a step refused it on its merits; and the answers the framework itself gives
(400, 401, 403, 422) declared on every operation that can give them, so that the OpenAPI description
says what the API does."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.security import SessionAuth

from .schemas import RULE_ERROR


class Message(Schema):
    detail: str


class Problem(Schema):
    """What the input lacks, per field: the field's name, or its path in the body with dots
    ("interventions.0.description"); "__all__" for the input as a whole."""

    detail: str
    errors: dict[str, list[str]]


def problem(detail: str, errors: dict[str, list[str]]) -> dict:
    """The body of a 422 answer."""
    return {"detail": detail, "errors": errors}


def _field(loc: tuple) -> str:
    # ("body", "payload", "interventions", 0, "scope") -> "interventions.0.scope" (the body is
    # one parameter in every operation); ("query", "on") -> "on"; a whole body -> "__all__".
    parts = list(loc[2:] if loc and loc[0] == "body" else loc[1:])
    return ".".join(str(part) for part in parts) or "__all__"


def _message(error: dict) -> str:
    """The pydantic error in the reader's language (Django's own wording where it has one)."""
    kind, context = error["type"], error.get("ctx") or {}
    if kind == RULE_ERROR:
        return error["msg"]
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith(("date", "datetime")):
        return _("Enter a valid date.")
    if kind.startswith("int"):
        return _("Enter a whole number.")
    if kind == "greater_than_equal":
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": context.get("ge")
        }
    if kind == "enum":
        return _("Choose one of %(expected)s.") % {"expected": context.get("expected", "")}
    return _("The value is not of the kind this field takes.")


def _refused(request: HttpRequest, error: ValidationError, api: NinjaAPI) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for item in error.errors:
        errors.setdefault(_field(tuple(item["loc"])), []).append(_message(item))
    body = problem(_("The input cannot be accepted as given: see the reasons per field."), errors)
    return api.create_response(request, body, status=422)


def install(api: NinjaAPI) -> None:
    """Answer refused input with `Problem`, and declare on each operation what the framework
    answers for it: 422 where it takes input, 400 where the body is not JSON, 401 where it
    needs a login, 403 where a session login also needs the CSRF token (a change)."""
    api.add_exception_handler(ValidationError, lambda request, exc: _refused(request, exc, api))
    # The operations as mounted (django-ninja clones each router's operations per mount): the
    # ones that serve requests and that the OpenAPI description is made from.
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                _declare(operation)


def _declare(operation) -> None:
    declared = operation.response_models
    if operation.models:
        declared.setdefault(422, operation._create_response_model(Problem))
    if any(model.__ninja_param_source__ == "body" for model in operation.models):
        # A body that is not JSON at all: the framework answers 400 before any field is read.
        declared.setdefault(400, operation._create_response_model(Message))
    auth = [a for a in (operation.auth_callbacks or []) if a is not None]
    if auth:
        declared.setdefault(401, operation._create_response_model(Message))
        changes = set(operation.methods) - {"GET", "HEAD", "OPTIONS"}
        if changes and any(isinstance(a, SessionAuth) and a.csrf for a in auth):
            declared.setdefault(403, operation._create_response_model(Message))
