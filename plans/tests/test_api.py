"""The case API: the pages' rules over JSON. Logged in with the second factor; a case outside
one's reach is 404 and logged; reads audited; stale steps 409, bad input 422 with the field."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Membership
from audit.models import AuditEvent
from plans.models import Case, EmergencyAccess, Plan
from plans.services import do_open_case
from structure.models import Organisation

from .test_case_pages import verified_login

pytestmark = pytest.mark.django_db
JSON = "application/json"
IDENTITY = "20140312-2391"
ONE_DAY = datetime.timedelta(days=1)
CASES_PATHS = {
    ("/api/cases", "get"),
    ("/api/cases", "post"),
    ("/api/cases/{case_id}", "get"),
    ("/api/cases/{case_id}/plan/fhir", "get"),
    ("/api/cases/{case_id}/consents", "post"),
    ("/api/cases/{case_id}/decision", "post"),
    ("/api/cases/{case_id}/decision-not-to-call", "post"),
    ("/api/cases/{case_id}/notice", "post"),
    ("/api/cases/{case_id}/meeting", "post"),
    ("/api/cases/{case_id}/plans", "post"),
    ("/api/cases/{case_id}/plans/{number}/establish", "post"),
    ("/api/cases/{case_id}/follow-up", "post"),
    ("/api/cases/{case_id}/follow-up/held", "post"),
    ("/api/cases/{case_id}/consents/{consent_id}/withdrawal", "post"),
    ("/api/cases/{case_id}/closing", "post"),
}


@pytest.fixture
def orgs(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    keys = {
        "school": "lulea-barn-och-utbildning",
        "social": "lulea-socialtjansten",
        "bup": "region-norrbotten-barn-och-ungdomspsykiatri",
        "kalix": "kalix-socialtjansten",
    }
    return {name: Organisation.objects.get(county=county, key=key) for name, key in keys.items()}


@pytest.fixture
def people(orgs):
    def member(username, organisation, role=Membership.Role.PROFESSIONAL):
        user = get_user_model().objects.create_user(username)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return {
        "kurator": member("kurator", orgs["school"]),
        "rektor": member("rektor", orgs["school"], Membership.Role.UNIT_MANAGER),
        "social": member("social", orgs["social"]),
        "kalix": member("kalix", orgs["kalix"]),
    }


@pytest.fixture
def case(orgs, people):
    return do_open_case(
        people["kurator"],
        organisation=orgs["school"],
        identity_number=IDENTITY,
        name="Elsa Lantto",
        concern="Hög frånvaro, oro hemma.",
    )


@pytest.fixture
def today():
    return timezone.localdate()


def login(client, user):
    verified_login(client, user)
    return client


def post(client, url, payload):
    return client.post(url, payload, content_type=JSON)


def consent(version, today, **changes):
    return {
        "version": version,
        "given_by": "Maria Lantto (vårdnadshavare)",
        "given_how": "writing",
        "given_on": today.isoformat(),
        "organisations": ["lulea-socialtjansten", "region-norrbotten-barn-och-ungdomspsykiatri"],
        **changes,
    }


def plan(based_on, **changes):
    return {
        "based_on": based_on,
        "needs": "Stöd i skolan och utredning.",
        "measures_by_others": "Inga.",
        "overall_responsibility": "lulea",
        "coordinator_name": "Karin Holm",
        "coordinator_organisation": "lulea-socialtjansten",
        "interventions": [
            {
                "description": "Neuropsykiatrisk utredning",
                "principal": "region-norrbotten",
                "organisation": "region-norrbotten-barn-och-ungdomspsykiatri",
                "follow_up_on": "2027-05-20",
            }
        ],
        "no_further_action": [
            {"organisation": "lulea-barn-och-utbildning", "statement": "Stödet ges redan."}
        ],
        **changes,
    }


def take_to_meeting(client, case, today):
    """The rektor (a unit manager) takes the case through every step to the meeting."""
    url = f"/api/cases/{case.pk}"
    steps = [
        ("consents", consent(case.version, today)),
        ("decision", {"decided_on": today.isoformat(), "participants": ["lulea-socialtjansten"]}),
        ("notice", {"sent_on": today.isoformat()}),
        ("meeting", {"held_on": today.isoformat(), "picture": "Skolan och hemmet oroas."}),
    ]
    version = case.version
    for step, payload in steps:
        response = post(client, f"{url}/{step}", {**payload, "version": version})
        assert response.status_code == 200, (step, response.json())
        version = response.json()["version"]
    return version


def test_without_login_401_and_without_the_second_factor_403(client, case, people):
    for response in (
        client.get("/api/cases"),
        client.get(f"/api/cases/{case.pk}"),
        post(client, f"/api/cases/{case.pk}/notice", {"version": 1, "sent_on": "2026-12-01"}),
    ):
        assert response.status_code == 401 and response.json()["detail"]
    client.force_login(people["kurator"])  # the password, but not the code
    for response in (
        client.get("/api/cases"),
        client.get(f"/api/cases/{case.pk}"),
        post(client, f"/api/cases/{case.pk}/plans", plan(0)),
    ):
        assert response.status_code == 403 and response.json()["detail"]
        assert "Elsa" not in response.content.decode()
    assert not AuditEvent.objects.filter(action__in=["read", "refused"]).exists()


def test_the_list_holds_nothing_that_identifies_and_is_not_audited(client, case, people):
    body = login(client, people["kurator"]).get("/api/cases").json()
    [item] = body
    assert item["id"] == case.pk and item["state"] == "opened" and item["version"] == 1
    assert item["opening_organisation"] == {
        "key": "lulea-barn-och-utbildning",
        "name": case.opening_organisation.name,
    }
    assert item["deadlines"] == []  # none runs until consent
    text = str(body)
    assert "Elsa" not in text and "2014" not in text and "2391" not in text
    assert not AuditEvent.objects.filter(action="read").exists()
    assert login(client, people["kalix"]).get("/api/cases").json() == []


def test_the_detail_is_read_and_audited(client, case, people, today):
    login(client, people["rektor"])
    post(client, f"/api/cases/{case.pk}/consents", consent(1, today))
    response = client.get(f"/api/cases/{case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["individual"] == {"name": "Elsa Lantto", "birth_year": 2014}
    assert body["access_basis"] == "opening" and body["state"] == "consented"
    [given] = body["consents"]
    assert given["in_force"] and given["given_on"] == today.isoformat()
    assert {o["key"] for o in given["organisations"]} == {
        "lulea-barn-och-utbildning",
        "lulea-socialtjansten",
        "region-norrbotten-barn-och-ungdomspsykiatri",
    }
    [notice] = body["deadlines"]
    assert notice["step"] == "notice" and notice["seed"] and notice["section"]
    assert datetime.date.fromisoformat(notice["due_on"]) > today
    assert body["plan"] is None
    assert IDENTITY.replace("-", "") not in response.content.decode()
    read = AuditEvent.objects.get(action="read")
    assert read.object_id == str(case.pk) and read.actor == people["rektor"]
    assert read.individual_id == case.individual_id and not read.emergency


@pytest.mark.parametrize("forged", [False, True])
def test_outside_reach_or_forged_is_404_alike_and_refused(client, case, people, forged):
    login(client, people["kalix"])
    pk = case.pk + 1000 if forged else case.pk
    responses = [
        client.get(f"/api/cases/{pk}"),
        post(client, f"/api/cases/{pk}/notice", {"version": 1, "sent_on": "2026-12-01"}),
        post(client, f"/api/cases/{pk}/plans", plan(0)),
    ]
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert len({r.content for r in responses}) == 1
    refused = AuditEvent.objects.filter(action="refused")
    assert refused.count() == 3
    assert {(e.object_id, e.actor_id) for e in refused} == {(str(pk), people["kalix"].pk)}


def test_the_steps_to_a_plan(client, case, people, orgs, today):
    login(client, people["rektor"])
    version = take_to_meeting(client, case, today)
    case.refresh_from_db()
    assert case.state == Case.State.MET and case.version == version == 5
    assert list(case.participants.all()) == [orgs["social"]]
    drafted = post(client, f"/api/cases/{case.pk}/plans", plan(0))
    assert drafted.status_code == 201
    assert drafted.json()["number"] == 1 and drafted.json()["missing"]  # no approval yet
    body = client.get(f"/api/cases/{case.pk}").json()
    assert body["plan"]["number"] == 1
    [intervention] = body["plan"]["interventions"]
    assert intervention["organisation"]["key"] == "region-norrbotten-barn-och-ungdomspsykiatri"
    [nothing_more] = body["plan"]["no_further_action"]
    assert nothing_more["organisation"]["key"] == "lulea-barn-och-utbildning"
    assert case.meetings.get().picture == "Skolan och hemmet oroas."
    assert [d["done_on"] for d in body["deadlines"]] == [today.isoformat()] * 2
    # Social services take part and see the case; a draft naming them coordinator gives them no
    # right to act: only the established plan does (plans.access.can_act).
    login(client, people["social"])
    seen = client.get(f"/api/cases/{case.pk}").json()
    assert seen["access_basis"] == "participation"
    assert post(client, f"/api/cases/{case.pk}/plans", plan(1)).status_code == 403


def test_a_case_opened_in_ones_organisation(client, orgs, people):
    login(client, people["kurator"])
    opened = {"identity_number": "20110707-2397", "name": "Vidar", "concern": "Oro i skolan."}
    wrong = post(client, "/api/cases", {**opened, "identity_number": "20110707-2398"})
    assert wrong.status_code == 422 and wrong.json()["errors"]["identity_number"]
    assert "20110707" not in wrong.content.decode()
    response = post(client, "/api/cases", opened)
    assert response.status_code == 201 and response.json()["state"] == "opened"
    case = Case.objects.get(pk=response.json()["id"])
    assert case.opening_organisation == orgs["school"] and case.individual.name == "Vidar"
    loner = get_user_model().objects.create_user("ensam")
    login(client, loner)
    assert post(client, "/api/cases", opened).status_code == 403


def test_established_followed_up_and_closed(client, case, people, today):
    login(client, people["rektor"])
    take_to_meeting(client, case, today)
    approved = {
        "approved_by": "Maria Lantto",
        "approved_on": today.isoformat(),
        "approved_how": "on_paper",
    }
    incomplete = post(client, f"/api/cases/{case.pk}/plans", plan(0))
    refused = post(
        client, f"/api/cases/{case.pk}/plans/1/establish", {"established_on": str(today)}
    )
    assert refused.status_code == 422 and refused.json()["errors"]["__all__"]
    fields = plan(1, **approved)
    fields["interventions"][0].update(scope="Fyra besök", performer="BUP", follow_up="Möte")
    # The draft is completed in place: still version 1.
    completed = post(client, f"/api/cases/{case.pk}/plans", fields)
    assert incomplete.json()["number"] == completed.json()["number"] == 1
    assert completed.json()["missing"] == []
    version = Case.objects.get(pk=case.pk).version
    stale = {"established_on": str(today), "version": version - 1}
    old = post(client, f"/api/cases/{case.pk}/plans/1/establish", stale)
    assert old.status_code == 409 and old.json()["latest_plan"] == 1
    done = post(
        client,
        f"/api/cases/{case.pk}/plans/1/establish",
        {"established_on": str(today), "version": version},
    )
    assert done.status_code == 200 and done.json()["established_on"] == str(today)
    version = Case.objects.get(pk=case.pk).version
    call = {"version": version, "called_on": str(today), "meeting_on": str(today + ONE_DAY)}
    called = post(client, f"/api/cases/{case.pk}/follow-up", call)
    assert called.status_code == 200 and called.json()["state"] == "follow_up_called"
    held = {
        "version": called.json()["version"],
        "held_on": str(today + ONE_DAY),
        "attended": "Elsa, Maria Lantto, Karin Holm",
        "picture": "Utredningen är klar.",
        "outcome": "close",
    }
    no_reason = post(client, f"/api/cases/{case.pk}/follow-up/held", held)
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    closed = post(client, f"/api/cases/{case.pk}/follow-up/held", {**held, "reason": "Klart."})
    assert closed.status_code == 200 and closed.json()["state"] == "closed"


def test_consent_withdrawn_and_the_case_closed(client, case, people, today):
    login(client, people["kurator"])
    given = post(client, f"/api/cases/{case.pk}/consents", consent(1, today))
    [consent_id] = case.consents.values_list("pk", flat=True)
    url = f"/api/cases/{case.pk}/consents/{consent_id}/withdrawal"
    version = given.json()["version"]
    early = post(client, url, {"version": version, "withdrawn_on": str(today - ONE_DAY)})
    assert early.status_code == 422 and "withdrawn_on" in early.json()["errors"]
    withdrawn = post(client, url, {"version": version, "withdrawn_on": str(today)})
    assert withdrawn.status_code == 200 and withdrawn.json()["version"] == version + 1
    assert (
        post(client, url, {"version": version + 1, "withdrawn_on": str(today)}).status_code == 404
    )
    closing = {"version": version, "closed_on": str(today), "reason": "Samtycket återkallat."}
    assert post(client, f"/api/cases/{case.pk}/closing", closing).status_code == 409  # stale
    closing["version"] = version + 1
    assert post(client, f"/api/cases/{case.pk}/closing", closing).json()["state"] == "closed"


def test_a_participant_sees_but_only_the_opening_organisation_acts(client, case, people, today):
    login(client, people["rektor"])
    post(client, f"/api/cases/{case.pk}/consents", consent(1, today))
    decision = {"version": 2, "decided_on": str(today), "participants": ["lulea-socialtjansten"]}
    assert post(client, f"/api/cases/{case.pk}/decision", decision).status_code == 200
    login(client, people["social"])
    assert client.get(f"/api/cases/{case.pk}").status_code == 200
    refused = post(client, f"/api/cases/{case.pk}/notice", {"version": 3, "sent_on": str(today)})
    assert refused.status_code == 403 and refused.json()["detail"]
    assert Case.objects.get(pk=case.pk).state == Case.State.CALLED


def test_only_the_unit_manager_or_the_appointed_decides_to_call(client, case, people, today):
    login(client, people["kurator"])
    assert post(client, f"/api/cases/{case.pk}/consents", consent(1, today)).status_code == 200
    decision = {"version": 2, "decided_on": str(today)}
    assert post(client, f"/api/cases/{case.pk}/decision", decision).status_code == 403
    Membership.objects.filter(user=people["kurator"]).update(decides_on_network_meetings=True)
    assert post(client, f"/api/cases/{case.pk}/decision", decision).status_code == 200


def test_a_stale_version_is_409_with_the_current_one(client, case, people, today):
    login(client, people["kurator"])
    assert post(client, f"/api/cases/{case.pk}/consents", consent(1, today)).status_code == 200
    again = post(client, f"/api/cases/{case.pk}/consents", consent(1, today, given_by="Per"))
    assert again.status_code == 409
    assert again.json()["version"] == 2 and "2" in again.json()["detail"]
    assert case.consents.count() == 1


def test_a_concurrent_plan_draft_is_409(client, case, people, today):
    login(client, people["rektor"])
    take_to_meeting(client, case, today)
    first = post(client, f"/api/cases/{case.pk}/plans", plan(0))
    second = post(client, f"/api/cases/{case.pk}/plans", plan(0, needs="Något annat."))
    assert (first.status_code, second.status_code) == (201, 409)
    assert second.json()["latest_plan"] == 1 and "1" in second.json()["detail"]
    assert list(Plan.objects.filter(case=case).values_list("number", "needs")) == [
        (1, "Stöd i skolan och utredning.")
    ]
    ahead = post(client, f"/api/cases/{case.pk}/plans", plan(2))
    assert ahead.status_code == 409
    # On the newest version, the draft is changed in place; with the case's version, a save
    # on an older one is refused.
    version = Case.objects.get(pk=case.pk).version
    assert post(client, f"/api/cases/{case.pk}/plans", plan(1)).json()["number"] == 1
    stale = post(client, f"/api/cases/{case.pk}/plans", plan(1, version=version, needs="Mitt."))
    assert stale.status_code == 409
    assert Plan.objects.get(case=case).needs == "Stöd i skolan och utredning."


@pytest.mark.parametrize(
    ("step", "change", "field"),
    [
        # Consent given before the case was opened (today).
        ("consents", lambda today: {"given_on": str(today - ONE_DAY)}, "given_on"),
        ("consents", lambda today: {"organisations": ["nosuch"]}, "organisations"),
        ("consents", lambda today: {"organisations": []}, "organisations"),
        # Not the step the case is waiting for.
        ("decision", lambda today: {"decided_on": str(today)}, "__all__"),
    ],
)
def test_bad_input_is_422_with_the_field(client, case, people, today, step, change, field):
    login(client, people["rektor"])
    response = post(client, f"/api/cases/{case.pk}/{step}", {**consent(1, today), **change(today)})
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    case.refresh_from_db()
    assert case.state == Case.State.OPENED and case.version == 1
    assert not case.consents.exists()


def test_a_plan_with_unknown_organisations_or_principals_is_422(client, case, people, today):
    login(client, people["rektor"])
    take_to_meeting(client, case, today)
    bad = plan(
        0,
        overall_responsibility="nosuch",
        coordinator_organisation="nosuch",
        interventions=[{"description": "Stöd", "organisation": "nosuch"}],
        no_further_action=[{"organisation": "nosuch", "statement": "Inget."}],
    )
    response = post(client, f"/api/cases/{case.pk}/plans", bad)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {
        "overall_responsibility",
        "coordinator_organisation",
        "interventions.0.organisation",
        "no_further_action.0.organisation",
    }
    assert not Plan.objects.exists()


def test_a_malformed_date_is_422(client, case, people, today):
    login(client, people["rektor"])
    payload = {**consent(1, today), "given_on": "2026-02-30"}
    assert post(client, f"/api/cases/{case.pk}/consents", payload).status_code == 422
    assert not case.consents.exists()


def test_an_emergency_read_is_flagged(client, case, people, orgs):
    now = timezone.now()
    EmergencyAccess.objects.create(
        user=people["kalix"],
        organisation=orgs["kalix"],
        individual=case.individual,
        reason="Akut läge, vårdnadshavare kan inte nås.",
        started_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=1),
    )
    body = login(client, people["kalix"]).get(f"/api/cases/{case.pk}").json()
    assert body["access_basis"] == "emergency" and body["individual"]["name"] == "Elsa Lantto"
    assert AuditEvent.objects.get(action="read").emergency


def test_the_description_lists_every_case_operation_and_its_answers(client, db):
    spec = client.get("/api/openapi.json").json()
    operations = {
        (path, method)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if operation["tags"] == ["cases"]
    }
    assert operations == CASES_PATHS
    for path, method in CASES_PATHS:
        operation = spec["paths"][path][method]
        assert operation["summary"] and operation["security"]
        expected = {"200", "401", "403"} | ({"404"} if "{case_id}" in path else set())
        if method == "post":
            # Opening a case has no earlier version to be stale against.
            expected = (expected - {"200"}) | {"422"} | ({"409"} if "{case_id}" in path else set())
        assert expected <= set(operation["responses"]), (method, path)
