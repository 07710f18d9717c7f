"""The matter pages as a coordinator and a municipal chief use them: the list with its filters,
raising with documentation, the matter page with its lineage and "antagen av 11 av 15", the
steps confirmed before they are taken, the register and the public page; bad input keeps what
was typed and answers no 500."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from matters import actions
from matters.models import Attachment, Decision, GoverningDocument, Handling, Matter
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
BASE = "/samverkansarenden/norrbotten"


@pytest.fixture
def recommended(coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Gemensam rutin", question="Hur?", body="lansstyrgrupp"),
    )
    matter = actions.do_handle_matter(
        coordinator, matter, outcome=Handling.Outcome.RECOMMENDATION, text="Anta rutinen."
    )
    for decision in matter.decisions.order_by("principal")[:11]:
        actions.do_record_decision(
            coordinator,
            matter,
            principal=decision.principal,
            outcome="adopted",
            decided_on=timezone.localdate(),
            decided_by="Kommunstyrelsen",
        )
    return matter


def test_pages_need_login_and_the_second_factor(client, coordinator):
    assert client.get(f"{BASE}/").status_code == 302
    client.force_login(coordinator)
    assert "tvafaktor" in client.get(f"{BASE}/")["Location"]


def test_a_chief_raises_a_matter_with_documentation(client, lulea_chief):
    verified_login(client, lulea_chief)
    form = client.get(f"{BASE}/nytt/")
    assert form.status_code == 200
    assert "Länsstyrgruppens uppdrag" in form.content.decode()
    response = client.post(
        f"{BASE}/nytt/",
        {
            "title": "Hemgång från slutenvård",
            "question": "Hur planerar vi hemgången?",
            "place": "kommungrupp/lulea",
            "organisation": lulea_chief.membership.organisation.pk,
            "kind": "question",
            "files": [SimpleUploadedFile("underlag.pdf", b"%PDF-1.4 underlag", "application/pdf")],
        },
    )
    matter = Matter.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{matter.pk}/")
    assert (matter.body, matter.instance, matter.raised_by.key) == (
        "kommungrupp",
        "lulea",
        "lulea-socialtjansten",
    )
    [attachment] = Attachment.objects.all()
    download = client.get(f"{BASE}/{matter.pk}/bilagor/{attachment.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 underlag"


@pytest.mark.parametrize(
    "name, content",
    [("program.exe", b"MZ"), ("tom.pdf", b""), ("x" * 300 + ".pdf", b"%PDF")],
)
def test_a_refused_file_keeps_what_was_typed(client, lulea_chief, name, content):
    verified_login(client, lulea_chief)
    response = client.post(
        f"{BASE}/nytt/",
        {
            "title": "Hemgång",
            "question": "Min fråga som jag skrev",
            "place": "kommungrupp/lulea",
            "organisation": lulea_chief.membership.organisation.pk,
            "kind": "question",
            "files": [SimpleUploadedFile(name, content)],
        },
    )
    assert response.status_code == 200
    assert "Min fråga som jag skrev" in response.content.decode()
    assert not Matter.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "x" * 301),
        ("title", "rad\nbrytning"),
        ("question", "\x00"),
        ("place", "nope/nope"),
        ("organisation", "99999999999999999999999"),
        ("kind", "task"),
        ("dispute", "norrbus:99"),
    ],
)
def test_bad_input_to_raise_is_a_message_not_a_500(client, coordinator, lulea, field, value):
    verified_login(client, coordinator)
    data = {
        "title": "Titel",
        "question": "Fråga",
        "place": "kommungrupp/lulea",
        "organisation": lulea.pk,
        "kind": "dispute",
        "dispute": "norrbus:0",
        field: value,
    }
    response = client.post(f"{BASE}/nytt/", data)
    assert response.status_code == 200
    assert not Matter.objects.exists()


def test_the_matter_page_shows_lineage_and_eleven_of_fifteen(client, coordinator, recommended):
    verified_login(client, coordinator)
    html = client.get(f"{BASE}/{recommended.pk}/").content.decode()
    assert "Antagen av 11 av 15" in html or "Adopted by 11 of 15" in html
    assert "Länsstyrgruppen" in html
    listing = client.get(f"{BASE}/?state=principals").content.decode()
    assert "Gemensam rutin" in listing and (
        "antagen av 11 av 15" in listing or "adopted by 11 of 15" in listing
    )
    assert "Gemensam rutin" not in client.get(f"{BASE}/?state=closed").content.decode()
    assert client.get(f"{BASE}/?body=%00&state=nope").status_code == 200


def test_only_a_pending_decision_has_its_record_link(client, lulea_chief, recommended):
    recommended.decisions.filter(principal__in=["lulea", "kiruna"]).update(outcome="pending")
    verified_login(client, lulea_chief)
    page = f"{BASE}/{recommended.pk}/"
    html = client.get(page).content.decode()
    # The principal's own decision only, while it waits.
    assert f"{page}beslut/lulea/" in html and "/beslut/kiruna/" not in html
    recommended.decisions.update(outcome=Decision.Outcome.ADOPTED)
    assert "/beslut/" not in client.get(page).content.decode()


def test_a_decision_is_confirmed_then_recorded_once(client, lulea_chief, recommended):
    verified_login(client, lulea_chief)
    url = f"{BASE}/{recommended.pk}/beslut/lulea/"
    if recommended.decisions.get(principal="lulea").outcome != "pending":
        recommended.decisions.filter(principal="lulea").update(outcome="pending")
    typed = {
        "outcome": "changed",
        "decided_on": timezone.localdate().isoformat(),
        "decided_by": "Kommunstyrelsen",
        "reference": "KS 2026/1",
    }
    confirm = client.post(url, typed)
    assert confirm.status_code == 200 and b'name="confirmed"' in confirm.content
    assert recommended.decisions.get(principal="lulea").outcome == "pending"
    done = client.post(url, {**typed, "confirmed": "1"})
    assert done.status_code == 302
    assert recommended.decisions.get(principal="lulea").outcome == Decision.Outcome.CHANGED
    again = client.post(url, {**typed, "confirmed": "1"}, follow=True)
    assert "redan" in again.content.decode() or "already" in again.content.decode()
    assert client.get(f"{BASE}/{recommended.pk}/beslut/kiruna/").status_code == 403


def test_handling_is_confirmed_and_a_stale_form_keeps_the_text(client, coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Fråga", question="?", body="kommungrupp", instance="lulea"),
    )
    verified_login(client, coordinator)
    url = f"{BASE}/{matter.pk}/hantera/"
    assert client.get(url).status_code == 200
    typed = {
        "outcome": "upward",
        "target": "lansdelsgrupp/boden-lulea",
        "on": timezone.localdate().isoformat(),
        "text": "Vidare till länsdelen",
        "version": matter.version,
    }
    assert b'name="confirmed"' in client.post(url, typed).content
    Matter.objects.filter(pk=matter.pk).update(version=matter.version + 1)
    stale = client.post(url, {**typed, "confirmed": "1"})
    assert stale.status_code == 200 and "Vidare till länsdelen" in stale.content.decode()
    matter.refresh_from_db()
    assert matter.body == "kommungrupp"
    done = client.post(url, {**typed, "version": matter.version, "confirmed": "1"})
    assert done.status_code == 302
    matter.refresh_from_db()
    assert matter.body == "lansdelsgrupp"


def test_someone_outside_the_body_may_not_handle(client, lulea_chief, coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Fråga", question="?", body="lansstyrgrupp"),
    )
    verified_login(client, lulea_chief)
    assert client.get(f"{BASE}/{matter.pk}/hantera/").status_code == 403
    assert client.get(f"{BASE}/{matter.pk}/").status_code == 200
    assert client.get(f"{BASE}/{matter.pk + 1000}/").status_code == 404


def test_revision_page_shows_problems_with_lines(client, coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Revidering", question="?", body="lansstyrgrupp"),
    )
    verified_login(client, coordinator)
    url = f"{BASE}/{matter.pk}/revidering/"
    for text in ("county: [", "a: 1", "\x01"):
        response = client.post(url, {"text": text, "version": matter.version})
        assert response.status_code == 200
    bad = client.post(
        url, {"upload": SimpleUploadedFile("x.yaml", b"\xff\xfe"), "version": matter.version}
    )
    assert bad.status_code == 200
    assert not matter.revisions.exists()


def test_the_register_and_the_public_page(client, coordinator, norrbotten):
    verified_login(client, coordinator)
    response = client.post(
        "/styrdokument/norrbotten/nytt/",
        {
            "kind": "guideline",
            "title": "Norrbus",
            "owner_body": "lansstyrgrupp",
            "adopted_on": "2025-03-01",
            "adopted_by": "Länsstyrgruppen",
            "document_version": "2013",
            "public": "on",
            "files": [SimpleUploadedFile("norrbus.pdf", b"%PDF-1.4 norrbus")],
        },
    )
    assert response.status_code == 302
    actions.do_register_document(
        coordinator,
        norrbotten,
        actions.DocumentData(
            kind="routine",
            title="Intern rutin",
            owner_body="lansstyrgrupp",
            adopted_on=D("2020-01-01"),
            adopted_by="LSG",
            document_version="1",
        ),
    )
    register = client.get("/styrdokument/norrbotten/").content.decode()
    assert "Norrbus" in register and "Intern rutin" in register
    client.logout()
    public = client.get("/styrdokument/norrbotten/publika/")
    assert public.status_code == 200
    assert "Norrbus" in public.content.decode() and "Intern rutin" not in public.content.decode()
    document = GoverningDocument.objects.get(title="Norrbus")
    internal = GoverningDocument.objects.get(title="Intern rutin")
    file = document.files.get()
    assert client.get(f"/styrdokument/norrbotten/{document.pk}/filer/{file.pk}/").status_code == 200
    assert client.get(f"/styrdokument/norrbotten/{internal.pk}/filer/{file.pk}/").status_code == 404
    assert client.get("/styrdokument/norrbotten/").status_code == 302


def test_register_forms_refuse_bad_input(client, coordinator, lulea_chief):
    verified_login(client, coordinator)
    for data in (
        {"kind": "x"},
        {
            "kind": "routine",
            "title": "T",
            "owner_body": "lansstyrgrupp",
            "adopted_on": "9999-01-01",
            "adopted_by": "A",
            "document_version": "1",
        },
        {
            "kind": "routine",
            "title": "T",
            "owner_body": "lansstyrgrupp",
            "adopted_on": "2025-01-01",
            "adopted_by": "A",
            "document_version": "1",
            "review_months": "100000",
        },
    ):
        assert client.post("/styrdokument/norrbotten/nytt/", data).status_code == 200
    assert (
        client.post(
            "/styrdokument/norrbotten/installningar/",
            {"review_months": "0", "decision_days": "90", "dispute_answer_days": "20"},
        ).status_code
        == 200
    )
    assert (
        client.post(
            "/styrdokument/norrbotten/installningar/",
            {"review_months": "24", "decision_days": "60", "dispute_answer_days": "251"},
        ).status_code
        == 200
    )
    assert (
        client.post(
            "/styrdokument/norrbotten/installningar/",
            {"review_months": "24", "decision_days": "60", "dispute_answer_days": "15"},
        ).status_code
        == 302
    )
    verified_login(client, lulea_chief)
    assert client.get("/styrdokument/norrbotten/nytt/").status_code == 403


def test_documentation_is_added_on_the_matter_page(client, coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Fråga", question="?", body="kommungrupp", instance="lulea"),
    )
    verified_login(client, coordinator)
    url = f"{BASE}/{matter.pk}/"
    assert client.post(url, {}).status_code == 200
    added = client.post(url, {"files": [SimpleUploadedFile("a.txt", b"underlag")]})
    assert added.status_code == 302 and matter.attachments.get().name == "a.txt"


def test_the_findings_appear_on_the_compliance_page(client, coordinator, norrbotten):
    actions.do_register_document(
        coordinator,
        norrbotten,
        actions.DocumentData(
            kind="routine",
            title="Gammal rutin",
            owner_body="lansstyrgrupp",
            adopted_on=D("2020-01-01"),
            adopted_by="LSG",
            document_version="1",
        ),
    )
    verified_login(client, coordinator)
    html = client.get("/norrbotten/efterlevnad/?rule=document-revision").content.decode()
    assert "Gammal rutin" in html and "2021-01-01" in html


def test_a_file_name_keeps_no_control_character(coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Fråga", question="?", body="kommungrupp", instance="lulea"),
        files=[SimpleUploadedFile("under\x00lag\x07.pdf", b"%PDF")],
    )
    assert matter.attachments.get().name == "underlag.pdf"


def test_the_matter_page_reads_a_constant_number_of_queries(client, coordinator, lulea):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def recommended_after(steps):
        matter = actions.do_raise_matter(
            coordinator,
            organisation=lulea,
            raised=actions.Raised(title="F", question="?", body="kommungrupp", instance="lulea"),
        )
        for target in steps:
            matter = actions.do_handle_matter(
                coordinator, matter, outcome=Handling.Outcome.UPWARD, target=target
            )
        return actions.do_handle_matter(
            coordinator, matter, outcome=Handling.Outcome.RECOMMENDATION, text="Anta."
        )

    short = recommended_after([])
    long = recommended_after(["lansdelsgrupp/boden-lulea", "lansstyrgrupp"])
    for decision in long.decisions.all()[:5]:
        actions.do_record_decision(
            coordinator,
            long,
            principal=decision.principal,
            outcome="adopted",
            decided_on=timezone.localdate(),
            decided_by="KS",
        )
    verified_login(client, coordinator)
    counts = []
    for matter in (short, long):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{BASE}/{matter.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
