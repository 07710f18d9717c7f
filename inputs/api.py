"""The API's answers to what it refuses, as its OpenAPI description declares them.

Every error is one shape, `Problem`: what went wrong in the reader's language (Swedish unless
they chose another), and per field what the input lacks. The framework's own refusals (a body
that is not JSON, a missing login, a missing CSRF token, a path that names nothing, input of the
wrong form) are rewritten into it, and every operation declares each status it can answer: 400
where it takes a body or checks a CSRF token, 401 (with `WWW-Authenticate`) and 403 where it
needs a login, 404 where its path names a row, 422 where it takes input."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as RuleError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.security import SessionAuth
from ninja.utils import check_csrf

from .schemas import RULE_ERROR


class Problem(Schema):
    """Every error the API answers: `detail` says what went wrong; `errors` says, per field, what
    the input lacks: the field's name, or its path in the body with dots
    ("interventions.0.description"); "__all__" for the input as a whole; empty when the refusal
    is not about a field."""

    detail: str
    errors: dict[str, list[str]]


def problem(detail: str, errors: dict[str, list[str]] | None = None, **more) -> dict:
    """The body of an error answer; `more` for what a schema extending `Problem` adds."""
    return {"detail": detail, "errors": errors or {}, **more}


def invalid(error: RuleError, detail: str | None = None) -> Status:
    """422 with the reasons a rule gave, per field; NON_FIELD_ERRORS for the input as a whole."""
    errors = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    return Status(422, problem(detail or _("The step cannot be taken as given."), errors))


class Session(SessionAuth):
    """Django's session cookie of a login on the platform's pages; a change (POST, PUT, PATCH,
    DELETE) also sends the CSRF token."""

    openapi_description = (
        "The `sessionid` cookie of a login on the platform's pages (/konto/logga-in/). "
        "A change (POST, PUT, PATCH, DELETE) also sends the value of the `csrftoken` cookie in "
        "the `X-CSRFToken` header; without it the answer is 403. Without a login, or after the "
        "session has expired, the answer is 401."
    )

    def _get_key(self, request: HttpRequest) -> str | None:
        # ninja's own refusal is an English sentence; the reader gets theirs.
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False):
            try:
                refused = check_csrf(request)
            except MultiPartParserError:
                # The token may come in a form body; one Django cannot read is the request's fault.
                raise HttpError(
                    400, _("The content of the request cannot be read as sent.")
                ) from None
            if refused:
                raise HttpError(
                    403,
                    _(
                        "The CSRF token is missing or wrong: send the csrftoken cookie's value "
                        "in the X-CSRFToken header."
                    ),
                )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None):
        if not request.user.is_authenticated:
            raise HttpError(401, _("Log in first."))
        return request.user


class VerifiedSession(Session):
    """A session that has passed the second factor: what the individual level's pages require."""

    openapi_description = (
        "The `sessionid` cookie of a login on the platform's pages that has also passed the "
        "second factor (a code from an authenticator app, /konto/tvafaktor/). A change (POST, "
        "PUT, PATCH, DELETE) also sends the value of the `csrftoken` cookie in the `X-CSRFToken` "
        "header. Without a login, or after the session has expired, the answer is 401; without "
        "the second factor or the CSRF token, 403."
    )

    def authenticate(self, request: HttpRequest, key: str | None):
        user = super().authenticate(request, key)
        if not user.is_verified():
            raise HttpError(
                403, _("Verify your login with a code from your authenticator app first.")
            )
        return user


# ninja's sentence when the body is not JSON (ninja.params.models.BodyModel).
_UNPARSED = "Cannot parse request body"


def _challenge() -> str:
    # The "Cookie" scheme of draft-broyer-http-cookie-auth: log in on the form, keep the cookie.
    login, cookie = resolve_url(settings.LOGIN_URL), settings.SESSION_COOKIE_NAME
    return f'Cookie realm="Samverkan", form-action="{login}", cookie-name="{cookie}"'


def _answer(api: NinjaAPI, request: HttpRequest, status: int, body: dict) -> HttpResponse:
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = _challenge()
    return response


def _http_error(request: HttpRequest, error: HttpError, api: NinjaAPI) -> HttpResponse:
    detail = str(error)
    if isinstance(error, AuthenticationError):
        detail = _("Log in first.")
    elif isinstance(error, AuthorizationError):
        detail = _("You may not do this.")
    elif error.status_code == 400 and detail.startswith(_UNPARSED):
        detail = _("The content of the request is not JSON.")
    return _answer(api, request, error.status_code, problem(detail))


def _not_found(request: HttpRequest, error: Http404, api: NinjaAPI) -> HttpResponse:
    return _answer(api, request, 404, problem(_("There is no such thing here.")))


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
    return _answer(api, request, 422, body)


# A time of day as pydantic writes it ("15:00:00", with an offset only when it has one). JSON
# Schema's "time" format is RFC 3339's full-time, which always has an offset.
TIME_OF_DAY = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"


def _times_of_day(node) -> None:
    if isinstance(node, dict):
        if node.get("format") == "time":
            del node["format"]
            node["pattern"] = TIME_OF_DAY
        for value in node.values():
            _times_of_day(value)
    elif isinstance(node, list):
        for value in node:
            _times_of_day(value)


class ContractAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI description also declares the `WWW-Authenticate` header of 401,
    and times of day in the form the API writes them."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        _times_of_day(schema)
        header = {
            "description": "How to authenticate: log in on the form, keep the session cookie.",
            "required": True,
            "schema": {"type": "string"},
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                unauthorised = operation.get("responses", {}).get(401)
                if unauthorised is not None:
                    unauthorised["headers"] = {"WWW-Authenticate": header}
        return schema


def install(api: NinjaAPI) -> None:
    """Answer every refusal with `Problem`, and declare on each operation what it can answer."""
    api.add_exception_handler(ValidationError, lambda request, exc: _refused(request, exc, api))
    api.add_exception_handler(HttpError, lambda request, exc: _http_error(request, exc, api))
    api.add_exception_handler(Http404, lambda request, exc: _not_found(request, exc, api))
    # The operations as mounted (django-ninja clones each router's operations per mount): the
    # ones that serve requests and that the OpenAPI description is made from.
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                _declare(operation)


def _declare(operation) -> None:
    declared = operation.response_models

    def add(status: int) -> None:
        declared.setdefault(status, operation._create_response_model(Problem))

    sources = {model.__ninja_param_source__ for model in operation.models}
    auth = [a for a in (operation.auth_callbacks or []) if a is not None]
    changes = set(operation.methods) - {"GET", "HEAD", "OPTIONS"}
    csrf = changes and any(isinstance(a, SessionAuth) and a.csrf for a in auth)
    if sources:
        add(422)
    if sources & {"body", "form", "file"} or csrf:
        # A body that cannot be read (not JSON; a form without its boundary, read for the
        # CSRF token): refused before any field is read.
        add(400)
    if "path" in sources:
        add(404)
    if auth:
        add(401)
        if csrf or any(isinstance(a, VerifiedSession) for a in auth):
            add(403)
