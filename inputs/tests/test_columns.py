"""No text that passes a form or the API is too long for the column that stores it: SQLite would
keep it whole, PostgreSQL would fail on it. Every limited column is compared with the limit of
each form field and API field that fills it."""

import pytest

from plans import forms as plan_forms
from plans.models import Case, Consent, Guardian, Individual, Intervention, Plan
from samverkan.api import api
from structure import forms as structure_forms
from structure.models import Appointment, Person

FORMS = [
    (plan_forms.OpenCaseForm, "name", Individual, "name"),
    (plan_forms.ConsentForm, "given_by", Consent, "given_by"),
    (plan_forms.DecisionForm, "relatives", Case, "relatives"),
    (plan_forms.PlanForm, "coordinator_name", Plan, "coordinator_name"),
    (plan_forms.PlanForm, "plan_owner_name", Plan, "plan_owner_name"),
    (plan_forms.PlanForm, "approved_by", Plan, "approved_by"),
    (plan_forms.InterventionForm, "scope", Intervention, "scope"),
    (plan_forms.InterventionForm, "performer", Intervention, "performer"),
    (plan_forms.InterventionForm, "follow_up", Intervention, "follow_up"),
    (structure_forms.AppointmentForm, "new_name", Person, "name"),
    (structure_forms.AppointmentForm, "new_title", Person, "title"),
    (structure_forms.AppointmentForm, "new_email", Person, "email"),
]

SCHEMAS = [
    ("OpenCaseIn", "name", Individual, "name"),
    ("ConsentIn", "given_by", Consent, "given_by"),
    ("DecisionIn", "relatives", Case, "relatives"),
    ("PlanIn", "overall_responsibility", Plan, "overall_responsibility"),
    ("PlanIn", "coordinator_name", Plan, "coordinator_name"),
    ("PlanIn", "plan_owner_name", Plan, "plan_owner_name"),
    ("PlanIn", "approved_by", Plan, "approved_by"),
    ("InterventionIn", "principal", Intervention, "principal"),
    ("InterventionIn", "scope", Intervention, "scope"),
    ("InterventionIn", "performer", Intervention, "performer"),
    ("InterventionIn", "follow_up", Intervention, "follow_up"),
    ("AppointmentIn", "body", Appointment, "body"),
    ("AppointmentIn", "seat", Appointment, "seat"),
    ("AppointmentIn", "instance", Appointment, "instance"),
]


def _column(model, name) -> int:
    return model._meta.get_field(name).max_length


@pytest.mark.parametrize(("form", "field", "model", "column"), FORMS)
def test_a_form_field_fits_its_column(form, field, model, column):
    limit = form.base_fields[field].max_length
    assert limit is not None and limit <= _column(model, column)


@pytest.mark.parametrize(("schema", "field", "model", "column"), SCHEMAS)
def test_an_api_field_fits_its_column(schema, field, model, column):
    described = api.get_openapi_schema()["components"]["schemas"][schema]["properties"][field]
    limits = [part.get("maxLength") for part in [described, *described.get("anyOf", [])]]
    assert any(limit is not None and limit <= _column(model, column) for limit in limits)


def test_each_guardian_fits_its_column():
    described = api.get_openapi_schema()["components"]["schemas"]["OpenCaseIn"]["properties"]
    assert described["guardians"]["items"]["maxLength"] <= _column(Guardian, "name")
