"""The individual's extract (PDL 8 kap 5 §): found by the number in a POST body, it lists every
read of the individual's data with the organisation and the person's name, emergency reads
flagged; printable and downloadable; itself audited; and it never shows the number."""

import csv
import io

import pytest
from django.utils.translation import override

from audit.models import AuditEvent
from audit.services import record
from logreview import extract
from plans.events import CASE_READ, CASE_REFUSED
from plans.tests.test_case_pages import verified_login
from plans.tests.test_case_steps import open_case

from .test_log_review import KALIX, NUMBER, world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
URL = "/logg/registerutdrag/"
DIGITS = ("20140312", "1403122391", "2391")
SCHOOL = "Barn- och utbildningsförvaltningen, Luleå kommun"


@pytest.fixture
def reads(world):  # noqa: F811 - the fixture imported above
    case, users = world.case, world.users
    record(users["kurator"], CASE_READ, case)
    record(users["kalix"], CASE_READ, case, emergency=True)
    record(users["kalix"], CASE_REFUSED, case)  # not a read
    other = open_case(users["kurator"], world.school, identity_number="20110707-2397")
    record(users["kalix"], CASE_READ, other)  # someone else's
    return world


def no_number_in(text: str):
    assert not any(digits in text for digits in DIGITS)


def test_the_extract_lists_who_read_and_when(client, reads):
    verified_login(client, reads.users["granskare"])
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"identity_number": NUMBER})
    assert response.status_code == 200
    found = response.context["reads"]
    assert [(r.organisation, r.name, r.case, r.emergency) for r in found] == [
        (KALIX, "Kalle Åström", reads.case.pk, True),
        (SCHOOL, "Karin Holm", reads.case.pk, False),
    ]
    html = response.content.decode()
    assert "Kalle Åström" in html and SCHOOL in html and reads.case.individual.name in html
    no_number_in(html)
    assert not response.context["form"].is_bound  # the number is not written back
    logged = AuditEvent.objects.latest("id")
    assert logged.action == "read" and logged.actor == reads.users["granskare"]
    assert (logged.object_type, logged.object_id) == (
        "plans.individual",
        str(reads.case.individual_id),
    )
    assert logged.individual_id == reads.case.individual_id


def test_the_number_is_found_written_either_way(client, reads):
    verified_login(client, reads.users["granskare"])
    for written in ("201403122391", "140312-2391"):
        response = client.post(URL, {"identity_number": written})
        assert response.context["individual"] == reads.case.individual, written


def test_only_auditors_get_an_extract(client, reads):
    verified_login(client, reads.users["kurator"])
    assert client.post(URL, {"identity_number": NUMBER}).status_code == 403
    token = extract.token_for(reads.case.individual)
    assert client.post(f"{URL}csv/", {"token": token}).status_code == 403


def test_no_individual_with_the_number_is_said_plainly(client, reads):
    verified_login(client, reads.users["granskare"])
    response = client.post(URL, {"identity_number": "20090918-2396"})
    assert response.status_code == 200
    assert response.context["not_found"] and "reads" not in response.context
    looked = AuditEvent.objects.latest("id")
    assert looked.object_type == "plans.individual" and looked.individual_id is None


def test_an_invalid_number_is_explained_without_repeating_it(client, reads):
    verified_login(client, reads.users["granskare"])
    response = client.post(URL, {"identity_number": "20140312-2392"})
    errors = response.context["form"].errors["identity_number"]
    assert errors and not any("20140312" in error for error in errors)
    assert "not_found" not in response.context


def test_the_extract_downloads_as_csv(client, reads):
    verified_login(client, reads.users["granskare"])
    token = client.post(URL, {"identity_number": NUMBER}).context["token"]
    no_number_in(token)
    response = client.post(f"{URL}csv/", {"token": token})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="registerutdrag-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    no_number_in(text)
    header, *rows = csv.reader(io.StringIO(text[1:]), delimiter=";")
    assert len(header) == 6
    assert [row[1:4] for row in rows] == [
        # Reading the extract is itself a read of the individual's data.
        ["Hälso- och sjukvårdsenheten, Region Norrbotten", "Greta Lund", ""],
        [KALIX, "Kalle Åström", str(reads.case.pk)],
        [SCHOOL, "Karin Holm", str(reads.case.pk)],
    ]
    downloaded = AuditEvent.objects.latest("id")
    assert downloaded.object_type == "plans.individual" and downloaded.action == "read"


def test_a_forged_or_old_token_downloads_nothing(client, reads, monkeypatch):
    verified_login(client, reads.users["granskare"])
    before = AuditEvent.objects.count()
    forged = client.post(f"{URL}csv/", {"token": "1:forged"})
    assert forged.status_code == 302 and forged["Location"] == URL
    monkeypatch.setattr(extract, "TOKEN_SECONDS", -1)
    old = client.post(f"{URL}csv/", {"token": extract.token_for(reads.case.individual)})
    assert old.status_code == 302
    assert AuditEvent.objects.count() == before
    assert client.get(f"{URL}csv/").status_code == 405


def test_the_csv_header_in_english(reads):
    found = extract.reads(reads.case.individual)
    with override("en"):
        lines = list(extract.extract_csv(found))
    header, first, _second = (next(csv.reader([line], delimiter=";")) for line in lines[1:])
    assert header == ["When", "Organisation", "Name", "Case", "What", "Emergency access"]
    assert first[5] == "yes"


def test_the_extract_reads_in_the_readers_language(reads):
    with override("sv"):
        assert {read.summary for read in extract.reads(reads.case.individual)} == {"Läste ärendet"}
    with override("en"):
        assert {read.summary for read in extract.reads(reads.case.individual)} == {"Read the case"}
