"""The case steps are declared once (plans.steps) and served by the pages and the API alike: each
step's form asks for everything its API input names, and each declared step has its operation in
the API's description, at the path and with the input the declaration gives."""

import pytest

from plans.steps import CASE_STEPS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", CASE_STEPS)
def test_the_form_asks_for_what_the_api_input_names(key):
    step = CASE_STEPS[key]
    assert set(step.schema.model_fields) <= set(step.form.base_fields), key


@pytest.mark.parametrize("key", CASE_STEPS)
def test_each_declared_step_is_an_api_operation(client, key):
    step = CASE_STEPS[key]
    spec = client.get("/api/openapi.json").json()
    operation = spec["paths"][f"/api/cases/{{case_id}}/{step.api_path}"]["post"]
    assert operation["summary"] == step.summary
    assert operation["operationId"] == f"plans_api_{step.api_name}"
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith(f"/{step.schema.__name__}")
