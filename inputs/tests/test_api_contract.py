"""The OpenAPI description as a contract: what it declares, and what the API answers when the
request itself is wrong (a body that is not JSON, a wrong content type, no CSRF token, no login
or an expired session, no second factor, input of the wrong form, a path that names nothing).

Every answer here, as every answer any test gets from the API, also passes through the contract
check of the test settings (samverkan/contract.py): status, headers and body as declared."""

import json

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation
from ninja.openapi.schema import OpenAPISchema
from ninja.responses import NinjaJSONEncoder

from samverkan import contract
from samverkan.api import api

from .conftest import verified

PROBLEM = {"$ref": "#/components/schemas/Problem"}
CHANGES = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def described():
    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


def _operations(described):
    for path, operations in described["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_the_suite_checks_every_answer_against_the_description():
    assert settings.MIDDLEWARE[0] == "samverkan.contract.OpenAPIContractMiddleware"


def test_an_answer_the_description_does_not_allow_fails_the_test(rf: RequestFactory):
    request = rf.get("/api/counties")
    teapot = api.create_response(request, {"detail": "x"}, status=418)
    with pytest.raises(contract.ContractBroken, match="418"):
        contract.check(request, teapot)
    wrong_body = api.create_response(request, [{"slug": "x"}], status=200)
    with pytest.raises(contract.ContractBroken, match="name"):
        contract.check(request, wrong_body)
    # The description itself and the documentation page are not operations.
    contract.check(rf.get("/api/openapi.json"), teapot)


def test_every_error_status_is_declared_with_problem(described):
    for path, method, operation in _operations(described):
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                schema = answer["content"]["application/json"]["schema"]
                ref = schema["$ref"].rsplit("/", 1)[-1]
                body = described["components"]["schemas"][ref]
                # Problem itself, or Problem with what a stale change needs (the version now).
                assert {"detail", "errors"} <= set(body["properties"]), (method, path, status)


def test_each_operation_declares_what_it_can_answer(described):
    for path, method, operation in _operations(described):
        statuses = {int(status) for status in operation["responses"]}
        parameters = operation.get("parameters", [])
        if parameters or "requestBody" in operation:
            assert 422 in statuses, (method, path)
        if any(p["in"] == "path" for p in parameters):
            assert 404 in statuses, (method, path)
        if "requestBody" in operation and "application/json" in operation["requestBody"]["content"]:
            assert 400 in statuses, (method, path)
        if operation.get("security"):
            assert {401, 403} <= statuses or (method not in CHANGES and 401 in statuses)
            header = operation["responses"]["401"]["headers"]["WWW-Authenticate"]
            assert header["required"] is True, (method, path)


def test_every_body_is_typed(described):
    """No "any object": every answer's schema is a model or a list of one, with properties."""
    schemas = described["components"]["schemas"]
    for path, method, operation in _operations(described):
        for status, answer in operation["responses"].items():
            schema = answer["content"]["application/json"]["schema"]
            schema = schema.get("items", schema)
            assert "$ref" in schema, (method, path, status)
            assert schemas[schema["$ref"].rsplit("/", 1)[-1]]["properties"], (method, path)


def test_the_agreement_answer_allows_in_force(described):
    agreement = described["paths"]["/api/counties/{county}/agreement"]["get"]["responses"]["200"]
    ref = agreement["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    model = described["components"]["schemas"][ref]
    assert model["properties"]["in_force"] == {"title": "In Force", "type": "boolean"}
    assert model.get("additionalProperties") is False and "bodies" in model["properties"]


def test_one_model_per_name(monkeypatch):
    """django-ninja keeps the last of two models of the same name: each name must be one model."""
    seen: dict[str, list[dict]] = {}
    original = OpenAPISchema.add_schema_definitions

    def recording(self, definitions):
        for name, definition in definitions.items():
            if definition not in seen.setdefault(name, []):
                seen[name].append(definition)
        original(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", recording)
    api.get_openapi_schema()
    assert {name for name, kinds in seen.items() if len(kinds) > 1} == set()
    assert "Problem" in seen and "Message" not in seen and "NotFound" not in seen


def test_the_security_schemes_say_what_they_need(described):
    schemes = described["components"]["securitySchemes"]
    assert set(schemes) == {"Session", "VerifiedSession"}
    for scheme in schemes.values():
        assert scheme["in"] == "cookie" and scheme["name"] == settings.SESSION_COOKIE_NAME
        assert "X-CSRFToken" in scheme["description"] and "401" in scheme["description"]
    assert "second factor" in schemes["VerifiedSession"]["description"]


# What the API answers to a wrong request: the documented Problem, in Swedish by default.


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    return body


@pytest.fixture
def worker(world):
    client = Client()
    verified(client, world["worker"])
    return client


OPEN_CASE = "/api/cases"


def test_a_body_that_is_not_json_is_400(worker):
    response = worker.post(OPEN_CASE, "{not json", content_type="application/json")
    assert _problem(response, 400) == {"detail": "Anropets innehåll är inte JSON.", "errors": {}}


def test_a_form_instead_of_json_is_400(worker):
    response = worker.post(OPEN_CASE, {"identity_number": "20140312-2391"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert _problem(response, 400)["detail"] == "Anropets innehåll är inte JSON."


def test_json_of_the_wrong_form_is_422_per_field(worker):
    body = _problem(worker.post(OPEN_CASE, [1, 2], content_type="application/json"), 422)
    assert body["detail"].startswith("Uppgifterna kan inte tas emot")
    body = _problem(worker.post(OPEN_CASE, {}, content_type="application/json"), 422)
    assert body["errors"]["identity_number"] == ["Detta fält måste fyllas i."]


def test_a_change_without_the_csrf_token_is_403(world):
    client = Client(enforce_csrf_checks=True)
    verified_with_csrf(client, world["worker"])
    response = client.post(OPEN_CASE, {}, content_type="application/json")
    assert "CSRF" in _problem(response, 403)["detail"]
    assert "X-CSRFToken" in response.json()["detail"]


def verified_with_csrf(client, user) -> None:
    # The second factor's form needs the token too when the client enforces it.
    client.force_login(user)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import current_code

    page = client.get("/konto/tvafaktor/")
    token = page.cookies.get("csrftoken") or client.cookies["csrftoken"]
    device = TOTPDevice.objects.get_or_create(user=user, confirmed=True, name="app")[0]
    client.post(
        "/konto/tvafaktor/", {"code": current_code(device), "csrfmiddlewaretoken": token.value}
    )


@pytest.mark.parametrize("cookie", [None, "expired0000000000000000000000000"])
def test_no_login_or_an_expired_session_is_401_with_a_challenge(db, cookie):
    client = Client()
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    for path in (OPEN_CASE, "/api/counties/norrbotten/compliance"):
        response = client.get(path)
        assert _problem(response, 401) == {"detail": "Logga in först.", "errors": {}}
        assert response["WWW-Authenticate"].startswith('Cookie realm="Samverkan"')
        assert 'form-action="/konto/logga-in/"' in response["WWW-Authenticate"]


def test_a_session_ended_by_the_idle_limit_is_401(world, worker):
    from accounts.middleware import SEEN

    session = worker.session
    session[SEEN] = 0
    session.save()
    response = worker.get(OPEN_CASE)
    assert _problem(response, 401) == {"detail": "Logga in först.", "errors": {}}
    assert response["WWW-Authenticate"].startswith("Cookie ")


def test_a_login_without_the_second_factor_is_403(world):
    client = Client()
    client.force_login(world["worker"])
    body = _problem(client.get(OPEN_CASE), 403)
    assert body["detail"] == "Bekräfta först din inloggning med en kod från din autentiseringsapp."


def test_a_path_that_names_nothing_is_404(world):
    client = Client()
    client.force_login(world["coordinator"])
    change = {"person_id": 1, "organisation": "x", "body": "x", "starts": "2026-01-01"}
    response = client.put(
        "/api/counties/norrbotten/appointments/999999",
        {**change, "version": 1},
        content_type="application/json",
    )
    assert _problem(response, 404)["detail"] == "Det finns inget sådant här."


def test_problems_read_in_the_language_chosen(db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _problem(client.get(OPEN_CASE), 401)["detail"] == "Log in first."
    with translation.override("sv"):
        assert _problem(Client().get(OPEN_CASE), 401)["detail"] == "Logga in först."


def test_the_popolo_answer_is_the_export_whole(world):
    from structure.popolo import export

    client = Client()
    verified(client, world["coordinator"])
    response = client.get("/api/counties/norrbotten/popolo")
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(export("norrbotten"), cls=NinjaJSONEncoder))
