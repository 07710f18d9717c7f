"""The live structure exported as Popolo JSON, as a consumer of Popolo reads it: every export of
the three shipped counties passes the official popolo-spec schemas and keeps Popolo's model (a
membership's post belongs to its organization, every membership has a person, labels are unique
words, areas resolve, no contact details), also with a vacancy, a group without members and a
body without seats."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from agreements.models import Agreement
from samverkan.cli import main
from structure.demo import ensure_demo_structure
from structure.models import Appointment, OfficeTerm, Person
from structure.popolo import _Export, export

from .builders import appoint, loaded_county, office_term
from .popolo_rules import model_faults, schema_faults

pytestmark = pytest.mark.django_db

COUNTIES = ["norrbotten", "vasterbotten", "vasternorrland"]


def assert_valid(data: dict) -> None:
    assert schema_faults(data) == []
    assert {rule: found for rule, found in model_faults(data).items() if found} == {}


@pytest.fixture
def demo():
    loaded_county("norrbotten")
    ensure_demo_structure()


@pytest.mark.parametrize("county", COUNTIES)
def test_every_county_passes_the_schemas_and_the_model(county):
    loaded_county(county)
    ensure_demo_structure(county)
    data = export(county)
    assert all(data[kind] for kind in ("areas", "organizations", "posts", "persons"))
    assert any("post_id" in m for m in data["memberships"])
    assert_valid(data)
    # Distinct by what they say, not by the number the export adds to a label given twice.
    assert not [p["label"] for p in data["posts"] if re.search(r" \(\d+\)$", p["label"])]


def test_the_rules_catch_what_they_name(demo):
    """The checks themselves: each rule finds a breach made on purpose."""
    data = export("norrbotten")
    member = next(m for m in data["memberships"] if m["id"].startswith("appointment/"))
    other = next(
        p
        for p in data["posts"]
        if p["organization_id"] != member["organization_id"] and p["role"] != member["role"]
    )
    member["post_id"] = other["id"]
    data["memberships"].append({"id": "office-term/0", "organization_id": "body/lansstyrgrupp"})
    data["posts"].append({**data["posts"][0], "id": "seat/copy", "role": "chair"})
    data["posts"][1]["area_id"] = "area/nowhere"
    data["persons"][0]["email"] = "anna@example.se"
    data["persons"][1]["honorific_suffix"] = "Socialchef"
    found = {rule for rule, items in model_faults(data).items() if items}
    assert found == {
        "membership post belongs to membership organization",
        "membership role is its post's role (a substitute holds a substitute post)",
        "membership has a person",
        "unique post labels within an organization",
        "area references resolve",
        "labels and roles are words, not codes",
        "no contact details",
        "no job title as honorific",
    }
    data["persons"][0]["name"] = 5
    assert schema_faults(data) == [
        f"persons {data['persons'][0]['id']}: 5 is not of type 'string', 'null'"
    ]


def test_a_label_given_twice_in_a_group_is_told_apart(demo):
    """An agreement may name two seats of a group alike; a consumer still tells them apart."""
    built = _Export(Agreement.objects.structure_in_force(county__slug="norrbotten"))
    built._post("seat/a", "body/x", "Socialchef", "Ledamot")
    built._post("seat/b", "body/x", "Socialchef", "Ledamot")
    built._post("seat/c", "body/y", "Socialchef", "Ledamot")
    assert [p["label"] for p in built.posts] == ["Socialchef", "Socialchef (2)", "Socialchef"]


def test_posts_are_where_the_seats_are(demo):
    data = export("norrbotten")
    posts = {p["id"]: p for p in data["posts"]}
    group = "body/lansdelsgrupp/ostra-norrbotten"
    labels = {p["label"] for p in data["posts"] if p["organization_id"] == group}
    assert {"Socialchef, Kalix kommun", "Socialchef, Haparanda kommun", "Sammankallande"} <= labels
    assert "Närsjukvårdschef, Region Norrbotten" in labels
    held = [m for m in data["memberships"] if m["organization_id"] == group and "post_id" in m]
    assert held and all(posts[m["post_id"]]["organization_id"] == group for m in held)
    kalix = posts[f"seat/{group}/social-chief/kalix"]
    assert kalix["area_id"] == "area/municipality/kalix" and kalix["role"] == "Ledamot"
    # The county's steering group: one group, its offices in Swedish.
    steering = {p["label"] for p in data["posts"] if p["organization_id"] == "body/lansstyrgrupp"}
    assert {"Ordförande", "Sekreterare", "Ansvarig för minnesanteckningar"} <= steering


def test_substitutes_hold_their_own_posts(demo):
    data = export("norrbotten")
    posts = {p["id"]: p for p in data["posts"]}
    substitutes = [m for m in data["memberships"] if m["role"] == "Ersättare"]
    assert len(substitutes) == Appointment.objects.filter(role="substitute").count() > 0
    for membership in substitutes:
        post = posts[membership["post_id"]]
        assert post["role"] == "Ersättare" and post["label"].startswith("Ersättare – ")
    assert posts["substitute/body/lansstyrgrupp/social-chiefs"]["label"] == "Ersättare – Socialchef"


def test_job_titles_are_roles_in_their_organisation(demo):
    data = export("norrbotten")
    person = Person.objects.exclude(title="").first()
    employment = next(m for m in data["memberships"] if m["id"] == f"employment/{person.pk}")
    assert employment["role"] == person.title
    assert employment["organization_id"] == f"unit/{person.organisation.key}"
    assert next(p for p in data["persons"] if p["id"] == f"person/{person.pk}") == {
        "id": f"person/{person.pk}",
        "name": person.name,
    }


def test_areas_are_exported_and_linked(demo):
    data = export("norrbotten")
    areas = {a["id"]: a for a in data["areas"]}
    assert areas["area/county/norrbotten"]["identifier"] == "25"
    assert areas["area/area/ostra-norrbotten"]["name"] == "Östra Norrbotten"
    assert areas["area/municipality/kalix"]["parent_id"] == "area/area/ostra-norrbotten"
    assert areas["area/municipality/kalix"]["identifier"] == "2514"
    organizations = {o["id"]: o for o in data["organizations"]}
    assert organizations["body/lansdelsgrupp/ostra-norrbotten"]["area_id"] == (
        "area/area/ostra-norrbotten"
    )
    assert organizations["body/kommungrupp/kalix"]["area_id"] == "area/municipality/kalix"
    assert organizations["party/kalix"]["area_id"] == "area/municipality/kalix"


def test_no_contact_details_even_when_people_have_them(demo):
    assert Person.objects.exclude(email="").exists()
    text = json.dumps(export("norrbotten"))
    assert "@" not in text and "email" not in text


def test_a_vacancy_is_a_post_without_a_membership(demo):
    county = loaded_county("norrbotten")
    vacant = office_term(county, "lansstyrgrupp", "secretary", "region-norrbotten", person=None)
    data = export("norrbotten")
    assert_valid(data)
    assert f"office-term/{vacant.pk}" not in {m["id"] for m in data["memberships"]}
    assert "office/body/lansstyrgrupp/secretary" in {p["id"] for p in data["posts"]}


def test_a_group_without_members_keeps_its_posts(demo):
    Appointment.objects.filter(body="kommungrupp", instance="kalix").delete()
    OfficeTerm.objects.filter(body="kommungrupp", instance="kalix").delete()
    data = export("norrbotten")
    assert_valid(data)
    group = "body/kommungrupp/kalix"
    assert group in {o["id"] for o in data["organizations"]}
    assert any(p["organization_id"] == group for p in data["posts"])
    assert not any(m["organization_id"] == group for m in data["memberships"])


def test_a_body_without_seats_is_an_organization_without_seat_posts():
    loaded_county("vasterbotten")
    ensure_demo_structure("vasterbotten")
    data = export("vasterbotten")
    assert_valid(data)
    assert "body/regionala-koordinatorer" in {o["id"] for o in data["organizations"]}
    assert not any(p["organization_id"] == "body/regionala-koordinatorer" for p in data["posts"])
    substitute = next(
        p
        for p in data["posts"]
        if p["id"] == "substitute/body/samrad-vard-omsorg/municipal-representatives/umea"
    )
    assert substitute["area_id"] == "area/municipality/umea"
    assert substitute["label"].startswith("Ersättare – ") and "Umeå" in substitute["label"]
    # A preparatory committee has a chair and no seats of its own.
    assert [
        p["label"] for p in data["posts"] if p["organization_id"] == "body/beredning-barn-unga"
    ] == ["Ordförande"]


def test_co_opted_and_bygone_seats(demo):
    holder = Person.objects.filter(county__slug="norrbotten").first()
    co_opted = appoint(holder, "lansdelsgrupp", "", role="co_opted", instance="ostra-norrbotten")
    bygone = appoint(holder, "lansstyrgrupp", "no-longer-a-seat")
    gone_body = appoint(holder, "no-longer-a-body", "seat")
    data = export("norrbotten")
    assert_valid(data)
    memberships = {m["id"]: m for m in data["memberships"]}
    assert memberships[f"appointment/{co_opted.pk}"]["post_id"] == (
        "co-opted/body/lansdelsgrupp/ostra-norrbotten"
    )
    assert memberships[f"appointment/{co_opted.pk}"]["role"] == "Adjungerad"
    assert "post_id" not in memberships[f"appointment/{bygone.pk}"]
    assert f"appointment/{gone_body.pk}" not in memberships


def test_periods_and_identifiers(demo):
    data = export("norrbotten")
    ended = [m for m in data["memberships"] if "end_date" in m]
    assert ended and all(m["start_date"] <= m["end_date"] for m in ended)
    assert {"Ledamot", "Ersättare", "Ordförande"} <= {m.get("role") for m in data["memberships"]}
    kalix = next(o for o in data["organizations"] if o["id"] == "party/kalix")
    assert kalix["identifiers"] == [{"scheme": "scb", "identifier": "2514"}]


def test_the_api_asks_for_the_second_factor_as_the_rest_of_the_api(client, demo):
    url = "/api/counties/norrbotten/popolo"
    assert client.get(url).status_code == 401
    user = get_user_model().objects.create_user("lasare", password="x" * 16)
    client.force_login(user)
    refused = client.get(url)
    assert refused.status_code == 403 and "memberships" not in refused.json()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer.json() == export("norrbotten")
    assert client.get("/api/counties/nosuch/popolo").status_code == 404


def test_command_writes_json(demo, capsys):
    assert main(["export", "popolo", "norrbotten"]) == 0
    assert_valid(json.loads(capsys.readouterr().out))
    assert main(["export", "popolo", "nosuch"]) == 1
