"""The placements' pages: the section on the case page, each form as its users fill it, bad
input refused with the form kept, a stale form 409, and access as the case's own: 404 and
logged for those who may not see it, 403 for those who see it but take no part."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from placements import actions
from placements.models import CostAllocation, HealthExamination, InpatientStay, Placement
from plans.models import EmergencyAccess
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def placement_data(orgs, **changes):
    data = {
        "kind": "family_home",
        "care": "voluntary",
        "urgency": "acute",
        "decided_on": "2026-03-02",
        "deciding_organisation": orgs["social"].pk,
        "starts_on": "2026-03-02",
        "ends_on": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def placement(case, orgs, people):
    return actions.do_record_placement(
        people["socialsekreterare"],
        case,
        kind="hvb",
        compulsory=True,
        acute=True,
        decided_on=D("2026-03-02"),
        deciding_organisation=orgs["social"],
        starts_on=D("2026-03-02"),
    )


def test_the_case_page_offers_to_record_a_placement(client, case, people):
    verified_login(client, people["socialsekreterare"])
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Vård utanför det egna hemmet" in html
    assert "Barnet är inte placerat utanför hemmet." in html
    assert f"/placeringar/arende/{case.pk}/ny/" in html
    # The whole table of responsibilities, from the guideline, with its source.
    assert "Sunderby sjukhus" in html and "Vård utanför det egna hemmet" in html


def test_a_placement_is_recorded_and_the_section_shows_what_is_due(client, case, orgs, people):
    verified_login(client, people["socialsekreterare"])
    form = client.get(f"/placeringar/arende/{case.pk}/ny/")
    assert form.status_code == 200
    response = client.post(f"/placeringar/arende/{case.pk}/ny/", placement_data(orgs))
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.cost_allocation_due_on == D("2026-03-16")
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Familjehem, från 2026-03-02" in html
    assert "Senast 2026-03-16, 10 arbetsdagar efter beslutet om den akuta placeringen" in html
    assert "arbetsdagar försenad" in html  # today is after it
    assert "(gäller barnet nu)" in html
    # The plan names no coordinator from social services: the next step is named.
    assert "samordningsansvaret ligger hos socialtjänst" in html
    assert "Nästa steg: revidera planen så att socialtjänsten blir samordnare." in html


def test_bad_input_is_refused_and_the_form_keeps_it(client, case, orgs, people):
    verified_login(client, people["socialsekreterare"])
    response = client.post(
        f"/placeringar/arende/{case.pk}/ny/",
        placement_data(orgs, decided_on="2025-12-01", starts_on="2025-12-01"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Datumet är före att ärendet öppnades." in html
    assert 'value="2025-12-01"' in html
    assert not Placement.objects.exists()


def test_the_examination_is_asked_of_primary_care_and_recorded_by_it(
    client, case, orgs, people, placement
):
    verified_login(client, people["socialsekreterare"])
    url = f"/placeringar/{placement.pk}/halsoundersokning/"
    page = client.get(url).content.decode()
    assert "Division Närsjukvård" in page and "Barn- och ungdomspsykiatri" not in page
    forged = client.post(url, {"organisation": orgs["bup"].pk, "version": placement.version})
    assert "Välj ett giltigt alternativ" in forged.content.decode()
    response = client.post(url, {"organisation": orgs["primary"].pk, "version": placement.version})
    assert response.status_code == 302
    verified_login(client, people["sjukskoterska"])
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Registrera hälsoundersökningen" in html
    placement.refresh_from_db()
    response = client.post(
        f"/placeringar/{placement.pk}/halsoundersokning/resultat/",
        {
            "version": placement.version,
            "examined_on": "2026-03-03",
            "examiner": "Nils Stenlund, distriktssköterska",
            "outcome": "Behöver tandvård.",
        },
    )
    assert response.status_code == 302
    assert HealthExamination.objects.get().examined_on == D("2026-03-03")
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Underlag för hälso- och sjukvårdsinsatserna under placeringen" in html


def test_the_cost_allocation_form_has_a_row_per_principal_and_must_add_up(
    client, case, orgs, people, placement
):
    verified_login(client, people["socialsekreterare"])
    url = f"/placeringar/{placement.pk}/kostnadsfordelning/"
    page = client.get(url).content.decode()
    assert "Luleå kommun: andel i procent" in page and "Region Norrbotten: andel i procent" in page
    data = {
        "version": placement.version,
        "agreed_on": "2026-03-10",
        "percent-lulea": "70",
        "covers-lulea": "Vården vid HVB",
        "percent-region-norrbotten": "20",
    }
    refused = client.post(url, data)
    assert "Andelarna blir tillsammans 90 procent; de ska bli 100." in refused.content.decode()
    assert 'value="Vården vid HVB"' in refused.content.decode()
    data["percent-region-norrbotten"] = "30"
    assert client.post(url, data).status_code == 302
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Överenskommen 2026-03-10: överenskommen mellan huvudmännen" in html
    assert "70 %" in html and "30 %" in html


def test_a_stale_form_is_409_and_keeps_what_was_typed(client, case, orgs, people, placement):
    verified_login(client, people["socialsekreterare"])
    url = f"/placeringar/{placement.pk}/"
    stale = placement.version
    actions.do_change_placement(
        people["socialsekreterare"],
        placement,
        kind="sis",
        compulsory=True,
        acute=True,
        decided_on=D("2026-03-02"),
        deciding_organisation=orgs["social"],
        starts_on=D("2026-03-02"),
    )
    data = placement_data(orgs, ends_on="2026-08-31", version=stale)
    response = client.post(url, data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan ändrade detta" in html and 'value="2026-08-31"' in html
    # The page carries the version now: saving again saves on what is there.
    assert f'name="version" value="{placement.version}"' in html
    data["version"] = placement.version
    assert client.post(url, data).status_code == 302
    assert Placement.objects.get().ends_on == D("2026-08-31")


def test_an_admission_and_its_discharge_planning(client, case, orgs, people):
    verified_login(client, people["bup"])
    url = f"/placeringar/arende/{case.pk}/slutenvard/"
    response = client.post(
        url, {"admitted_on": "2026-05-04", "care": "compulsory", "referred_by": orgs["bup"].pk}
    )
    assert response.status_code == 302
    stay = InpatientStay.objects.get()
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Barn- och ungdomspsykiatrins slutenvård, från 2026-05-04" in html
    assert "De sociala och pedagogiska insatserna fortsätter under vistelsen:" in html
    response = client.post(
        f"/placeringar/slutenvard/{stay.pk}/",
        {
            "version": stay.version,
            "leave_planning": "Permission varannan helg.",
            "discharge_planning": "Skolan förbereder återgången.",
            "discharge_planned_for": "2026-06-01",
            "discharged_on": "",
        },
    )
    assert response.status_code == 302
    assert InpatientStay.objects.get().discharge_planned_for == D("2026-06-01")


def test_outside_the_case_404_and_logged_an_emergency_reader_403(
    client, case, orgs, people, placement
):
    verified_login(client, people["kalix"])
    for url in (
        f"/placeringar/arende/{case.pk}/ny/",
        f"/placeringar/{placement.pk}/",
        f"/placeringar/{placement.pk}/kostnadsfordelning/",
        "/placeringar/999999/",
    ):
        assert client.get(url).status_code == 404, url
    assert AuditEvent.objects.filter(code="case.step_refused").count() == 3
    # An emergency access reads the case, placements included, and takes no step.
    now = timezone.now()
    EmergencyAccess.objects.create(
        user=people["kalix"],
        organisation=orgs["kalix"],
        individual=case.individual,
        reason="Akut läge, vårdnadshavare kan inte nås.",
        started_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=1),
    )
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Hem för vård eller boende (HVB)" in html
    assert "Registrera kostnadsfördelningen" not in html
    assert client.get(f"/placeringar/{placement.pk}/kostnadsfordelning/").status_code == 403


def test_the_form_pages_are_audited_reads(client, case, people, placement):
    verified_login(client, people["socialsekreterare"])
    client.get(f"/placeringar/{placement.pk}/")
    event = AuditEvent.objects.get(code="placement.read")
    assert event.individual_id == case.individual_id


def test_a_dispute_outcome_shows_with_the_earlier_allocation(client, case, people, placement):
    user = people["socialsekreterare"]
    actions.do_record_cost_allocation(
        user,
        placement,
        shares=[{"principal": "lulea", "percent": 100}],
        agreed_on=D("2026-03-10"),
    )
    placement.refresh_from_db()
    actions.do_record_cost_allocation(
        user,
        placement,
        shares=[
            {"principal": "lulea", "percent": 50},
            {"principal": "region-norrbotten", "percent": 50},
        ],
        agreed_on=timezone.localdate(),
        basis=CostAllocation.Basis.DISPUTE,
    )
    verified_login(client, user)
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "utfallet av en oenighet" in html
    assert "1 tidigare kostnadsfördelning" in html
