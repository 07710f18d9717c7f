"""The established SIP as an HL7 FHIR R4B Bundle: every bundle validated by `fhir.resources`, its
resources referring only to each other, the individual under the Swedish base profiles'
identifier systems; served by the API under the case's access rules (the same 404 otherwise,
logged), audited as a read, and in the OpenAPI description."""

import datetime

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from plans import fhir, identity
from plans.access import Basis, shown_identity
from plans.models import EmergencyAccess, Individual, Intervention, Plan
from plans.services import do_close_case, do_draft_plan, do_establish_plan, do_withdraw_consent
from plans.sip import read_sip

from .test_case_pages import verified_login
from .test_plan import complete
from .test_sip_pdf import outsider

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
CATEGORY = f"urn:oid:{fhir.ROOT}.1"
ROLE = f"urn:oid:{fhir.ROOT}.2"


def url(case):
    return f"/api/cases/{case.pk}/plan/fhir"


def established_plan(user, case, orgs, on="2026-03-13", **changes):
    social = orgs["lulea-socialtjansten"]
    plan = do_draft_plan(
        user,
        case,
        based_on=case.plans.count(),
        **complete(orgs, plan_owner_name="Per Nordin", plan_owner_organisation=social, **changes),
    )
    do_establish_plan(user, plan, on=D(on))
    return plan


@pytest.fixture
def established(met_case, orgs):
    case, user = met_case
    established_plan(user, case, orgs)
    return case, user


def valid(body: dict) -> dict:
    """The bundle as `fhir.resources` reads it (every resource in it checked against R4B),
    and its resources by type."""
    Bundle.model_validate(body)
    urls = {entry["fullUrl"] for entry in body["entry"]}
    for reference in references(body):
        assert reference in urls, reference
    found: dict[str, list[dict]] = {}
    for entry in body["entry"]:
        found.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    return found


def references(value):
    if isinstance(value, dict):
        if isinstance(value.get("reference"), str):
            yield value["reference"]
        for part in value.values():
            yield from references(part)
    elif isinstance(value, list):
        for part in value:
            yield from references(part)


def by_url(body: dict) -> dict:
    return {entry["fullUrl"]: entry["resource"] for entry in body["entry"]}


def codes(concepts) -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for concept in concepts for c in concept["coding"]}


def test_the_established_plan_as_a_valid_bundle(client, established, orgs):
    case, user = established
    school, social, bup = (o.name for o in orgs.values())
    verified_login(client, user)
    response = client.get(url(case))
    assert response.status_code == 200
    body = response.json()
    assert body["resourceType"] == "Bundle" and body["type"] == "collection"
    resources = valid(body)
    resolved = by_url(body)
    assert {kind: len(found) for kind, found in resources.items()} == {
        "CarePlan": 1,
        "Patient": 1,
        "Organization": 5,  # three units and their two principals
        "PractitionerRole": 2,
        "CareTeam": 1,
        "Goal": 2,
        "Consent": 1,
    }
    [care_plan] = resources["CarePlan"]
    assert body["entry"][0]["resource"] is not None and care_plan == body["entry"][0]["resource"]
    assert care_plan["status"] == "active" and care_plan["intent"] == "plan"
    assert codes(care_plan["category"]) == {(CATEGORY, "sip")}
    assert care_plan["period"] == {"start": "2026-03-13"}
    assert care_plan["identifier"][0]["value"] == f"{case.pk}-1" and "replaces" not in care_plan
    assert care_plan["description"].startswith("Stöd i skolan")
    assert resolved[care_plan["author"]["reference"]]["name"] == "Luleå kommun"
    [first, second] = care_plan["activity"]
    assert first["detail"]["description"] == "Neuropsykiatrisk utredning"
    assert first["detail"]["status"] == "in-progress" and first["detail"]["scheduledString"]
    performers = [resolved.get(p.get("reference"), p) for p in first["detail"]["performer"]]
    assert [p.get("name", p.get("display")) for p in performers] == [
        bup,
        "BUP Luleå",
        "Region Norrbotten",
    ]
    goal = resolved[first["detail"]["goal"][0]["reference"]]
    assert goal["target"] == [{"dueDate": "2026-05-20"}] and goal["note"][0]["text"]
    assert second["detail"]["description"] == "Särskilt stöd i matematik och svenska"
    notes = [note["text"] for note in care_plan["note"]]
    assert any("Inga." in text for text in notes)
    assert any(
        note.get("authorString") == "Maria Lantto (vårdnadshavare)" for note in care_plan["note"]
    )

    [patient] = resources["Patient"]
    assert patient["identifier"] == [
        {"use": "official", "system": fhir.PERSONNUMMER, "value": "201403122391"}
    ]
    assert patient["name"] == [{"text": "Elsa Lantto"}] and patient["birthDate"] == "2014-03-12"
    assert patient["contact"][0]["name"] == {"text": "Maria Lantto"}

    [team] = resources["CareTeam"]
    roles = {
        (codes(p["role"]).pop()[1], resolved[p["member"]["reference"]]["resourceType"])
        for p in team["participant"]
    }
    assert roles == {
        ("individual", "Patient"),
        ("opening", "Organization"),
        ("participant", "Organization"),
        ("coordinator", "PractitionerRole"),
        ("plan_owner", "PractitionerRole"),
    }
    coordinator = next(
        resolved[p["member"]["reference"]]
        for p in team["participant"]
        if codes(p["role"]) == {(ROLE, "coordinator")}
    )
    assert coordinator["practitioner"] == {"display": "Karin Holm"}
    assert resolved[coordinator["organization"]["reference"]]["name"] == social

    [consent] = resources["Consent"]
    assert consent["status"] == "active" and consent["provision"]["period"] == {
        "start": "2026-03-02"
    }
    assert consent["scope"]["coding"][0]["code"] == "patient-privacy"
    shared = {resolved[a["reference"]["reference"]]["name"] for a in consent["provision"]["actor"]}
    assert shared == {school, social, bup}
    unit = next(o for o in resources["Organization"] if o["name"] == social)
    assert resolved[unit["partOf"]["reference"]]["name"] == "Luleå kommun"


def test_the_same_plan_gives_the_same_ids(client, established):
    case, user = established
    verified_login(client, user)
    first, again = client.get(url(case)).json(), client.get(url(case)).json()
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in again["entry"]]


def test_a_withdrawn_consent_a_revision_and_a_closed_case(client, established, orgs):
    case, user = established
    consent = case.consents.get()
    established_plan(
        user, case, orgs, on="2026-04-01", needs="Nya behov.", approved_on=D("2026-03-31")
    )
    do_withdraw_consent(user, consent, D("2026-04-02"))
    do_close_case(user, case, on=D("2026-04-03"), reason="Insatserna avslutade.")
    verified_login(client, user)
    resources = valid(client.get(url(case)).json())
    [care_plan] = resources["CarePlan"]
    assert care_plan["identifier"][0]["value"] == f"{case.pk}-2"
    assert care_plan["replaces"][0]["identifier"]["value"] == f"{case.pk}-1"
    assert care_plan["status"] == "completed"
    assert care_plan["period"] == {"start": "2026-04-01", "end": "2026-04-03"}
    assert {a["detail"]["status"] for a in care_plan["activity"]} == {"completed"}
    [withdrawn] = resources["Consent"]
    assert withdrawn["status"] == "inactive"
    assert withdrawn["provision"]["period"] == {"start": "2026-03-02", "end": "2026-04-02"}
    assert resources["CareTeam"][0]["status"] == "inactive"


def test_a_coordination_number_has_its_own_system(client, established):
    case, user = established
    # Born 2014-03-12: a coordination number adds 60 to the day.
    number = identity.parse_identity_number("20140372-2380")
    Individual.objects.filter(pk=case.individual_id).update(
        identity_encrypted=identity.encrypt(number), coordination_number=True
    )
    verified_login(client, user)
    [patient] = valid(client.get(url(case)).json())["Patient"]
    assert patient["identifier"][0]["system"] == fhir.SAMORDNINGSNUMMER
    assert patient["identifier"][0]["value"] == "201403722380"


def test_a_draft_alone_is_404(client, met_case, orgs):
    case, user = met_case
    do_draft_plan(user, case, **complete(orgs))
    verified_login(client, user)
    response = client.get(url(case))
    assert response.status_code == 404 and response.json()["detail"]
    assert not AuditEvent.objects.filter(code="plan.fhir_read").exists()


def test_the_export_is_audited_as_a_read(client, established):
    case, user = established
    verified_login(client, user)
    client.get(url(case))
    event = AuditEvent.objects.get(code="plan.fhir_read")
    assert event.action == "read" and event.params == {"n": 1} and not event.emergency
    assert event.object_id == str(case.pk) and event.individual_id == case.individual_id


@pytest.mark.parametrize("forged", [False, True])
def test_no_access_is_the_same_404_and_logged(client, established, forged):
    case, _user = established
    verified_login(client, outsider(case))
    pk = case.pk + 1000 if forged else case.pk
    response = client.get(f"/api/cases/{pk}/plan/fhir")
    assert response.status_code == 404
    assert response.json() == client.get(f"/api/cases/{pk}").json()
    assert "Elsa" not in response.content.decode()
    assert {e.object_id for e in AuditEvent.objects.filter(action="refused")} == {str(pk)}
    assert not AuditEvent.objects.filter(code="plan.fhir_read").exists()


def test_an_emergency_export_is_flagged(client, established):
    case, _user = established
    kalix = outsider(case)
    now = timezone.now()
    EmergencyAccess.objects.create(
        user=kalix,
        organisation=kalix.membership.organisation,
        individual=case.individual,
        reason="Akut läge.",
        started_at=now - datetime.timedelta(minutes=1),
        ends_at=now + datetime.timedelta(hours=1),
    )
    verified_login(client, kalix)
    assert client.get(url(case)).status_code == 200
    assert AuditEvent.objects.get(code="plan.fhir_read").emergency


def test_without_the_second_factor_403(client, established):
    case, user = established
    client.force_login(user)
    response = client.get(url(case))
    assert response.status_code == 403 and "Elsa" not in response.content.decode()


def test_the_description_declares_the_bundle(client, db):
    spec = client.get("/api/openapi.json").json()
    operation = spec["paths"]["/api/cases/{case_id}/plan/fhir"]["get"]
    assert {"200", "401", "403", "404"} <= set(operation["responses"])
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/FhirBundle"}
    bundle = spec["components"]["schemas"]["FhirBundle"]
    assert set(bundle["required"]) == {"resourceType", "id", "type", "timestamp", "entry"}


# What a text field can hold on both databases: PostgreSQL stores no NUL (a control character).
STORABLE = st.characters(exclude_categories=["Cs", "Cc"])
TEXT = st.text(STORABLE, min_size=1, max_size=300)
SHORT_TEXT = st.text(STORABLE, max_size=10)


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    needs=TEXT,
    description=TEXT,
    scope=SHORT_TEXT,
    performer=SHORT_TEXT,
    follow_up=SHORT_TEXT,
    with_organisation=st.booleans(),
    with_principal=st.booleans(),
    with_coordinator=st.booleans(),
)
def test_every_plan_gives_a_valid_bundle(
    established,
    needs,
    description,
    scope,
    performer,
    follow_up,
    with_organisation,
    with_principal,
    with_coordinator,
):
    """Whatever the plan's texts hold and whichever optional part is missing, the bundle is
    valid FHIR and refers only to its own entries."""
    case, user = established
    plan = Plan.objects.get(case=case)
    Plan.objects.filter(pk=plan.pk).update(
        needs=needs,
        overall_responsibility="lulea" if with_principal else "",
        coordinator_name="Karin Holm" if with_coordinator else "",
    )
    Intervention.objects.filter(plan=plan).update(
        description=description,
        scope=scope,
        performer=performer,
        follow_up=follow_up,
        principal="region-norrbotten" if with_principal else "",
        organisation=plan.interventions.first().organisation if with_organisation else None,
    )
    plan.refresh_from_db()
    today = timezone.localdate()
    shown = shown_identity(user, case, Basis.OPENING, today)
    valid(fhir.sip_bundle(read_sip(case, plan, shown, today)))
