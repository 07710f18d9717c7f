"""The OpenAPI description as a contract, checked on every answer the tests get.

In the spirit of Zulip's test client (zulip/zulip zerver/openapi/openapi.py,
validate_against_openapi_schema): the test settings put `OpenAPIContractMiddleware` around every
request, and each answer of an API operation is checked with openapi-core against
/api/openapi.json: its status must be one the operation declares, and its content type, headers
(the `WWW-Authenticate` of 401) and body what the description gives for that status. An answer
that breaks the description is an error in the test that asked for it, so the description
cannot drift from the code. Requests that are not an operation (the description itself, the
documentation page, an unknown path) are not checked.

The operations and statuses checked are counted (`exercised`), so that the suite can say how
much of the description its normal flows reach."""

import json
from collections import Counter
from functools import cache
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja.responses import NinjaJSONEncoder
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.paths.finders import APICallPathFinder

PREFIX = "/api/"

# (method, path template, status) -> answers checked.
exercised: Counter = Counter()


class ContractBroken(AssertionError):
    """An answer the OpenAPI description does not allow."""


@cache
def _served() -> dict:
    """The description as served at /api/openapi.json: JSON, with the statuses as text."""
    from samverkan.api import api

    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


@cache
def _description() -> OpenAPI:
    return OpenAPI.from_dict(_served())


def declared() -> set[tuple[str, str, int]]:
    """Every (method, path template, status) the description declares."""
    return {
        (method.upper(), path, int(status))
        for path, operations in _served()["paths"].items()
        for method, operation in operations.items()
        for status in operation["responses"]
    }


def _operation(request: HttpRequest) -> str | None:
    """The path template of the operation the request calls, or None if it calls none."""
    finder = APICallPathFinder(_description().spec)
    url = f"http://testserver{request.path}"
    try:
        found = finder.find(request.method.lower(), url)
    except PathError:
        return None
    return found.path.parts[-1]


class _Request(DjangoOpenAPIRequest):
    @property
    def body(self) -> bytes:
        # Only the answer is checked, never the request's body (an upload's is read already).
        return b""


def check(request: HttpRequest, response: HttpResponse) -> None:
    """Raise ContractBroken if the answer is not one the description allows."""
    template = _operation(request)
    if template is None:
        return
    outcome = _description().unmarshal_response(_Request(request), DjangoOpenAPIResponse(response))
    if outcome.errors:
        reasons = "; ".join(_reason(error) for error in outcome.errors)
        raise ContractBroken(
            f"{request.method} {urlsplit(request.path).path} answered {response.status_code}, "
            f"which {template} does not declare as given: {reasons}"
        )
    exercised[(request.method.upper(), template, response.status_code)] += 1


def _reason(error: Exception) -> str:
    causes = [str(error)]
    for inner in getattr(error, "schema_errors", None) or []:
        where = "/".join(str(part) for part in inner.absolute_path) or "(body)"
        causes.append(f"{where}: {inner.message[:300]}")
    return " ".join(causes)


class OpenAPIContractMiddleware:
    """Checks every answer of an API operation against the OpenAPI description (tests only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A streamed answer (a file) is not JSON the description types.
        if request.path.startswith(PREFIX) and not isinstance(response, StreamingHttpResponse):
            check(request, response)
        return response
