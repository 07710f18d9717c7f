"""Actors that are no staff account, in Swedish where the log is read: a guardian and the
individual on My pages, a visitor not yet logged in, and the platform's own work, in the
review, its CSV and the individual's extract; the trail keeps the codes."""

import csv
import io

import pytest

from audit.models import AuditEvent
from audit.services import record
from logreview.actors import describe
from plans.events import CASE_READ
from plans.tests.test_case_pages import verified_login
from portal.visitor import ANYONE, PortalActor

from .test_log_review import NUMBER, world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
GUARDIAN = "Vårdnadshavare via Mina sidor"
INDIVIDUAL = "Den enskilde via Mina sidor"
VISITOR = "En besökare på Mina sidor som inte loggat in"
PLATFORM = "Plattformen själv"


@pytest.fixture
def family_reads(world):  # noqa: F811 - the fixture imported above
    case = world.case
    record(PortalActor("portal:guardian:7"), CASE_READ, case)
    record(PortalActor(f"portal:individual:{case.individual_id}"), CASE_READ, case)
    record(ANYONE, CASE_READ, case)
    record(None, CASE_READ, case)
    return world


def test_the_codes_are_kept_and_said_in_words(family_reads):
    names = set(AuditEvent.objects.values_list("actor_name", flat=True))
    assert {"portal:guardian:7", "portal", ""} <= names
    assert describe("kurator") == "kurator"


def test_the_review_and_its_csv_say_who_in_swedish(client, family_reads):
    verified_login(client, family_reads.users["granskare"])
    page = client.get("/logg/").content.decode()
    for words in (GUARDIAN, INDIVIDUAL, VISITOR, PLATFORM):
        assert words in page
    assert "portal:" not in page
    text = b"".join(client.get("/logg/csv/").streaming_content).decode("utf-8-sig")
    who = {line[1] for line in csv.reader(io.StringIO(text), delimiter=";")}
    assert {GUARDIAN, INDIVIDUAL, VISITOR, PLATFORM} <= who


def test_the_extract_says_who_in_swedish(client, family_reads):
    verified_login(client, family_reads.users["granskare"])
    response = client.post("/logg/registerutdrag/", {"identity_number": NUMBER})
    html = response.content.decode()
    assert GUARDIAN in html and INDIVIDUAL in html and "portal:" not in html
    token = response.context["token"]
    text = b"".join(
        client.post("/logg/registerutdrag/csv/", {"token": token}).streaming_content
    ).decode("utf-8-sig")
    assert GUARDIAN in text and "portal:" not in text
