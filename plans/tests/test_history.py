"""A case's history: who changed what, when, in the reader's language; seen only by those who may
see the case, read in a constant number of queries, and itself an audited read."""

import datetime
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from audit.models import Action, AuditEvent
from audit.services import record
from plans import events, history_views
from plans.models import Case, EmergencyAccess, Plan
from structure.models import Organisation

from .test_case_pages import verified_login
from .test_case_steps import open_case

pytestmark = pytest.mark.django_db


def member(name, organisation, role="professional", first_name="", last_name=""):
    user = get_user_model().objects.create_user(
        name, password="x" * 16, first_name=first_name, last_name=last_name
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def url(case):
    return f"/arenden/{case.pk}/historik/"


@pytest.fixture
def history(met_case, orgs):
    """The met case with a plan version drafted by social services, who take part."""
    case, counsellor = met_case
    _school, social, _bup = orgs.values()
    worker = member("socionom", social, first_name="Karin", last_name="Holm")
    plan = Plan.objects.create(case=case, number=1, created_by=worker)
    record(worker, events.PLAN_DRAFTED, plan, {"n": plan.number})
    return case, counsellor, worker


def test_the_opening_organisation_reads_who_changed_what_in_swedish(client, history):
    case, counsellor, worker = history
    social = worker.membership.organisation.name
    verified_login(client, counsellor)
    response = client.get(url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Historik för ärende {case.pk}" in html
    texts = [entry.text for entry in response.context["entries"]]
    # Newest first, each change once: the case, its consent, its plan version.
    assert texts == [
        "Skrev version 1 av planen",
        "Registrerade nätverksmötet",
        "Skickade kallelsen",
        "Beslutade att kalla till nätverksmöte",
        "Registrerade samtycke",
        "Öppnade ärendet",
    ]
    drafted = response.context["entries"][0]
    assert drafted.who == "Karin Holm (socionom)"
    assert drafted.organisation == social
    assert "Karin Holm (socionom)" in html and social in html
    # Reads are the log review's and the extract's, the individual's registration too.
    assert "Läste ärendet" not in html and "Registrerade en person" not in html


def test_english_from_the_language_switch(client, history):
    case, counsellor, _worker = history
    verified_login(client, counsellor)
    client.post("/i18n/setlang/", {"language": "en", "next": url(case)})
    response = client.get(url(case))
    html = response.content.decode()
    assert f"History of case {case.pk}" in html and "Events, newest first" in html
    assert "Drafted version 1 of the plan" in html and "Opened the case" in html
    assert "Öppnade ärendet" not in html


def test_the_case_page_links_to_the_history_by_number_only(client, history):
    case, counsellor, _worker = history
    verified_login(client, counsellor)
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert f'href="{url(case)}"' in html and "Ärendets historik" in html


def test_a_taking_part_organisation_sees_it(client, history):
    case, _counsellor, worker = history
    verified_login(client, worker)
    assert client.get(url(case)).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "auditor", "forged"])
def test_others_are_refused_as_on_the_case_page_and_logged(client, history, who):
    case, counsellor, _worker = history
    county = case.opening_organisation.county
    kalix = Organisation.objects.get(county=county, key="kalix-socialtjansten")
    if who == "auditor":
        user = member("granskare", case.opening_organisation, role="auditor")
    else:
        user = member("kalix", kalix)
    pk = case.pk + 1000 if who == "forged" else case.pk
    verified_login(client, user)
    response = client.get(f"/arenden/{pk}/historik/")
    assert response.status_code == 404
    refused = AuditEvent.objects.get(action=Action.REFUSED)
    assert refused.code == events.CASE_REFUSED.code and refused.object_id == str(pk)
    assert refused.actor == user and refused.reason == f"/arenden/{pk}/historik/"
    assert not AuditEvent.objects.filter(code=events.CASE_HISTORY_READ.code).exists()


def test_the_log_in_and_the_second_factor_come_first(client, history):
    case, counsellor, _worker = history
    response = client.get(url(case))
    assert response.status_code == 302 and "/historik/" not in response["Location"].split("?")[0]
    client.force_login(counsellor)  # the password, not the code
    assert client.get(url(case)).status_code == 302


def test_reading_the_history_is_audited(client, history):
    case, counsellor, _worker = history
    verified_login(client, counsellor)
    client.get(url(case))
    read = AuditEvent.objects.get(code=events.CASE_HISTORY_READ.code)
    assert read.action == Action.READ and read.actor == counsellor and not read.emergency
    assert (read.object_type, read.object_id) == ("plans.case", str(case.pk))
    assert read.individual_id == case.individual_id
    # The read is the log's, not a change of the case: the next look does not list it.
    assert "Läste ärendets historik" not in client.get(url(case)).content.decode()


def test_under_emergency_access_it_is_read_as_such(client, history):
    case, _counsellor, _worker = history
    kalix = Organisation.objects.get(
        county=case.opening_organisation.county, key="kalix-socialtjansten"
    )
    doctor = member("jour", kalix)
    now = timezone.now()
    EmergencyAccess.objects.create(
        user=doctor,
        organisation=kalix,
        individual=case.individual,
        reason="Akut läge, vårdnadshavare nås inte.",
        started_at=now - datetime.timedelta(minutes=1),
        ends_at=now + datetime.timedelta(hours=1),
    )
    verified_login(client, doctor)
    response = client.get(url(case))
    assert response.status_code == 200 and "Nödåtkomst." in response.content.decode()
    assert AuditEvent.objects.get(code=events.CASE_HISTORY_READ.code).emergency


def test_another_case_of_the_same_individual_stays_out(client, history, orgs):
    case, counsellor, worker = history
    _school, social, _bup = orgs.values()
    other = open_case(worker, social, name_conflict_checked=True)
    assert other.individual_id == case.individual_id
    record(worker, events.CASE_CLOSED, other)
    verified_login(client, counsellor)
    texts = [entry.text for entry in client.get(url(case)).context["entries"]]
    assert texts.count("Öppnade ärendet") == 1 and "Avslutade ärendet" not in texts
    verified_login(client, worker)
    texts = [entry.text for entry in client.get(url(other)).context["entries"]]
    assert texts == ["Avslutade ärendet", "Öppnade ärendet"]


def odd_event(case: Case, code: str, params, summary: str = "") -> None:
    """A row as a bug, an old release or a hand in the database might have left it."""
    AuditEvent.objects.create(
        summary=summary,
        at=timezone.now(),
        action=Action.UPDATE,
        object_type="plans.case",
        object_id=str(case.pk),
        code=code,
        params=params,
        previous_hash="0" * 64,
        hash=uuid.uuid4().hex * 2,
    )


def test_odd_stored_events_still_read(client, history):
    case, counsellor, _worker = history
    odd_event(case, "gone.kind", ["not", "a", "mapping"])
    odd_event(case, events.PLAN_DRAFTED.code, {"number": 3})
    odd_event(case, events.PLAN_DRAFTED.code, "text")
    # Recorded before events had codes: the sentence as it was stored, then none at all.
    odd_event(case, "", None, summary="Öppnade ärendet (före koder)")
    odd_event(case, "", None)
    verified_login(client, counsellor)
    response = client.get(url(case))
    assert response.status_code == 200
    entries = response.context["entries"][:5]
    assert [entry.text for entry in entries] == [
        "",
        "Öppnade ärendet (före koder)",
        "Skrev version … av planen",
        "Skrev version … av planen",
        "gone.kind",
    ]
    assert [entry.who for entry in entries] == ["–"] * 5
    assert '<td data-label="Vad">–</td>' in response.content.decode()


def add_changes(case: Case, user, count: int) -> None:
    consent = case.consents.get()
    plan = case.plans.get()
    for n in range(count):
        obj, kind, params = [
            (case, events.CASE_CALL_DECIDED, None),
            (consent, events.CONSENT_RECORDED, None),
            (plan, events.PLAN_DRAFT_CHANGED, {"n": plan.number}),
        ][n % 3]
        record(user, kind, obj, params)


def test_the_number_of_queries_does_not_grow_with_the_events(client, history):
    case, counsellor, worker = history
    verified_login(client, counsellor)
    client.get(url(case))  # the session and the second factor's device, once
    shown = len(client.get(url(case)).context["entries"])
    add_changes(case, worker, 3)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url(case)).context["entries"]) == shown + 3
    add_changes(case, worker, 27)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url(case)).context["entries"]) == shown + 30
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_long_history_comes_in_pages(client, history, monkeypatch):
    case, counsellor, worker = history
    monkeypatch.setattr(history_views, "PER_PAGE", 4)
    verified_login(client, counsellor)
    first = client.get(url(case))
    second = client.get(url(case), {"sida": "2"})
    assert len(first.context["entries"]) == 4 and first.context["page"].has_next
    assert [e.text for e in second.context["entries"]] == [
        "Registrerade samtycke",
        "Öppnade ärendet",
    ]
    assert "Nyare" in second.content.decode() and "Äldre" in first.content.decode()
    for odd in ("x", "-3", "9" * 30, "\x00"):
        assert client.get(url(case), {"sida": odd}).status_code == 200
