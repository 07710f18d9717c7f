"""Schemathesis over the whole API, as its OpenAPI description (/api/openapi.json) declares it:
valid and invalid input for every operation, sent by a logged-in worker who has passed the
second factor. No answer may be a server error, and every answer must be one the description
declares, with the body and content type it declares.

Half of the generated identifiers are aimed at the rows that exist (the county, the cases and
their current version), so that the input reaches the steps themselves and not only 404 or 409."""

import secrets
import zlib

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.db import transaction
from django.test import Client
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from samverkan.api import api

from .conftest import FUZZ_SETTINGS, connection_kept, verified

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
SCHEMA.app = WSGIHandler()
SCHEMA.config.generation.update(modes=list(schemathesis.GenerationMode))

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def sessions(world):
    """Cookies and the CSRF header a browser would send: the worker's for the cases, the
    coordinator's for the structure."""
    token = secrets.token_hex(16)
    found = {}
    for role in ("worker", "coordinator"):
        client = Client()
        verified(client, world[role])
        found[role] = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
    with connection_kept():
        yield found, {"X-CSRFToken": token}


def _pick(value, among: int) -> int:
    # The same choice for the same example in every run (Python's own hash of text is not).
    return zlib.crc32(repr(value).encode("utf-8", "surrogatepass")) % among


def _aim(case, world) -> None:
    """Point an even share of the examples at existing rows: the county, a case and its
    current version, the first consent and plan."""
    path = case.path_parameters or {}
    body = case.body if isinstance(case.body, dict) else {}
    cases = list(world["cases"].values())
    target = cases[_pick(path, len(cases))]
    target.refresh_from_db()
    wanted = {
        "county": world["county"].slug,
        "case_id": target.pk,
        "consent_id": (target.consents.first() or target).pk,
        "number": 1,
    }
    for name, value in wanted.items():
        if name in path and _pick(path[name], 2) == 0:
            path[name] = value
    if isinstance(body.get("version"), int) and _pick(body, 2) == 0:
        body["version"] = target.version


@SCHEMA.parametrize()
@FUZZ_SETTINGS
def test_no_answer_breaks_the_description(case, world, sessions):
    cookies, headers = sessions
    _aim(case, world)
    role = "worker" if case.path.startswith("/api/cases") else "coordinator"
    # A savepoint per example: a fault in one request cannot poison the next one's transaction.
    with transaction.atomic():
        response = case.call(cookies=cookies[role], headers=headers)
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS)
