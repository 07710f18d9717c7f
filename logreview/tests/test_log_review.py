"""The log review (HSLF-FS 2016:40): auditors only; filters by period, organisation, case, user and
kind, counted; pages of fifty; CSV for Swedish Excel; the emergency accesses waiting for review;
and every look at the log is itself logged."""

import csv
import datetime
import io
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import override

from accounts.models import Membership
from audit.events import EventKind
from audit.models import Action, AuditEvent
from audit.services import record
from logreview import review
from plans.emergency import do_open_emergency_access
from plans.events import CASE_READ, CASE_REFUSED
from plans.services import do_record_consent
from plans.tests.test_case_pages import verified_login
from plans.tests.test_case_steps import open_case
from structure.models import Organisation

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NUMBER = "20140312-2391"  # Elsa Lantto's, in open_case
REASON = "Akut oro på akutmottagningen, vårdnadshavare nås inte."
KALIX = "Socialtjänsten, Kalix kommun"


@pytest.fixture
def world(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    organisations = {
        key: Organisation.objects.get(county=county, key=key)
        for key in (
            "lulea-barn-och-utbildning",
            "kalix-socialtjansten",
            "region-norrbotten-halso-och-sjukvardsenheten",
        )
    }
    school, kalix, region = organisations.values()
    users = {}
    for name, first, last, organisation, role in (
        ("kurator", "Karin", "Holm", school, "professional"),
        ("kalix", "Kalle", "Åström", kalix, "professional"),
        ("samordnare", "Saga", "Lindqvist", kalix, "coordinator"),
        ("granskare", "Greta", "Lund", region, "auditor"),
    ):
        users[name] = get_user_model().objects.create_user(
            name, password="x" * 16, first_name=first, last_name=last
        )
        Membership.objects.create(user=users[name], organisation=organisation, role=role)
    users["admin"] = get_user_model().objects.create_superuser("admin", password="x" * 16)
    case = open_case(users["kurator"], school)
    return SimpleNamespace(case=case, users=users, school=school, kalix=kalix)


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


NOT_AN_ACCESS = EventKind("test.not_an_access", Action.UPDATE, "Not an access to an individual")
KINDS = {Action.READ: CASE_READ, Action.REFUSED: CASE_REFUSED}


def event(actor, action, obj, when=None, **fields):
    """An event as `record` writes it, moved to another time when the test needs one."""
    written = record(actor, KINDS[action], obj, **fields)
    if when is not None:
        AuditEvent.objects.filter(pk=written.pk).update(at=when)
    return written


def plans_events():
    return AuditEvent.objects.filter(object_type__startswith="plans.")


@pytest.mark.parametrize(
    "url", ["/logg/", "/logg/csv/", "/logg/nodatkomster/", "/logg/registerutdrag/"]
)
def test_only_auditors_and_superusers_review(client, world, url):
    for name in ("kurator", "kalix", "samordnare"):
        verified_login(client, world.users[name])
        assert client.get(url).status_code == 403, name
    for name in ("granskare", "admin"):
        verified_login(client, world.users[name])
        assert client.get(url).status_code == 200, name


def test_anonymous_and_unverified_users_are_sent_away(client, world):
    assert client.get("/logg/").status_code == 302
    client.force_login(world.users["granskare"])
    assert "/konto/tvafaktor/" in client.get("/logg/")["Location"]


def test_accesses_newest_first_counted_by_kind(client, world):
    case, users = world.case, world.users
    event(users["kurator"], Action.READ, case)
    event(users["kalix"], Action.READ, case, emergency=True)
    event(users["kalix"], Action.REFUSED, case)
    record(users["kurator"], NOT_AN_ACCESS, users["kurator"])
    verified_login(client, users["granskare"])
    response = client.get("/logg/")
    rows = response.context["rows"]
    assert len(rows) == plans_events().count()
    assert [row.at for row in rows] == sorted((row.at for row in rows), reverse=True)
    newest = rows[0]
    assert newest.action == "refused" and newest.case == case.pk
    assert newest.who == "Kalle Åström (kalix)" and newest.organisation == KALIX
    assert response.context["counts"] == {
        "all": plans_events().count(),
        "reads": 2,
        "emergency": 1,
        "refused": 1,
        "outside": 2,
    }
    outside = client.get("/logg/", {"kind": "outside"}).context["rows"]
    assert {(row.action, row.emergency) for row in outside} == {("read", True), ("refused", False)}
    assert len(client.get("/logg/", {"kind": "reads"}).context["rows"]) == 2


def test_filters_by_organisation_case_and_user(client, world):
    case, users = world.case, world.users
    other = open_case(users["kurator"], world.school, identity_number="20110707-2397")
    consent = do_record_consent(
        users["kurator"],
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=datetime.date(2026, 3, 2),
        organisations=[world.kalix],
    )
    event(users["kalix"], Action.READ, case)
    event(users["kurator"], Action.READ, other)
    verified_login(client, users["granskare"])

    by_organisation = client.get("/logg/", {"organisation": KALIX})
    assert KALIX in dict(by_organisation.context["form"].fields["organisation"].choices)
    assert [row.who for row in by_organisation.context["rows"]] == ["Kalle Åström (kalix)"]

    of_case = client.get("/logg/", {"case": case.pk}).context["rows"]
    assert {row.case for row in of_case} == {case.pk}
    consent_rows = plans_events().filter(object_type="plans.consent", object_id=str(consent.pk))
    assert consent_rows.exists()
    assert (
        len(of_case)
        == plans_events().filter(object_type="plans.case").exclude(object_id=str(other.pk)).count()
        + consent_rows.count()
    )

    for words in ("kalix", "Åström", "kalle åström"):
        rows = client.get("/logg/", {"user": words}).context["rows"]
        assert {row.who for row in rows} == {"Kalle Åström (kalix)"}, words


def test_the_period_is_whole_days_in_swedish_time(client, world):
    case, users = world.case, world.users
    before = event(users["kurator"], Action.READ, case, at("2024-03-01 23:59"))
    first = event(users["kurator"], Action.READ, case, at("2024-03-02 00:00"))
    last = event(users["kurator"], Action.READ, case, at("2024-03-03 23:30"))  # 22:30 UTC
    after = event(users["kurator"], Action.READ, case, at("2024-03-04 00:30"))
    verified_login(client, users["granskare"])
    response = client.get("/logg/", {"date_from": "2024-03-02", "date_to": "2024-03-03"})
    shown = {row.at for row in response.context["rows"]}
    times = {e.pk: AuditEvent.objects.get(pk=e.pk).at for e in (before, first, last, after)}
    assert shown == {times[first.pk], times[last.pk]}
    assert response.context["counts"]["all"] == 2


def test_an_end_before_the_start_is_explained_and_shows_nothing(client, world):
    verified_login(client, world.users["granskare"])
    query = {"date_from": "2024-03-03", "date_to": "2024-03-01"}
    reviewed = AuditEvent.objects.filter(object_type="auth.user").count()
    response = client.get("/logg/", query)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["date_to"]
    assert response.context["page"] is None and response.context["rows"] is None
    assert 'role="alert"' in response.content.decode()
    assert AuditEvent.objects.filter(object_type="auth.user").count() == reviewed  # none shown
    exported = client.get("/logg/csv/", query)
    assert exported.status_code == 302
    assert exported["Location"] == "/logg/?date_from=2024-03-03&date_to=2024-03-01"


def test_fifty_to_a_page_and_the_links_keep_the_filters(client, world):
    for _ in range(120):
        event(world.users["kurator"], Action.READ, world.case)
    verified_login(client, world.users["granskare"])
    first = client.get("/logg/", {"kind": "reads"})
    assert len(first.context["rows"]) == 50
    assert first.context["page"].paginator.num_pages == 3
    assert "?kind=reads&amp;page=2" in first.content.decode()
    last = client.get("/logg/", {"kind": "reads", "page": 3})
    assert len(last.context["rows"]) == 20
    assert client.get("/logg/", {"kind": "reads", "page": 99}).context["page"].number == 3
    seen = {
        row.at for page in (1, 2, 3) for row in client.get("/logg/", {"page": page}).context["rows"]
    }
    assert len(seen) == plans_events().count()


def parsed(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_csv_has_the_filtered_rows_for_swedish_excel(client, world):
    case, users = world.case, world.users
    event(users["kalix"], Action.READ, case, emergency=True, reason='=HYPERLINK("x")')
    event(users["kurator"], Action.READ, case)
    verified_login(client, users["granskare"])
    response = client.get("/logg/csv/", {"organisation": KALIX})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="logg-')
    header, *rows = parsed(response)
    assert len(header) == 8
    [row] = rows
    assert row[1:5] == ["Kalle Åström (kalix)", KALIX, row[3], str(case.pk)]
    assert row[6] == '\'=HYPERLINK("x")'  # kept as text, not run as a formula
    exported = AuditEvent.objects.filter(object_type="auth.user").latest("id")
    assert exported.actor == users["granskare"] and exported.changes == {
        "filters": {"organisation": KALIX}
    }


def test_cells_that_look_like_formulas_stay_text():
    assert review.spreadsheet_cell("-1") == "'-1" and review.spreadsheet_cell(None) == ""
    assert review.spreadsheet_cell("Luleå") == "Luleå"


def test_the_csv_header_and_yes_in_english(world):
    event(world.users["kalix"], Action.READ, world.case, emergency=True)
    with override("en"):
        lines = list(review.review_csv(review.accesses(kind=review.Kind.EMERGENCY)))
    header, row = (next(csv.reader([line], delimiter=";")) for line in lines[1:])
    assert header == [
        "When",
        "Who",
        "Organisation",
        "What",
        "Case",
        "Summary",
        "Reason",
        "Emergency access",
    ]
    assert row[3] == "read" and row[7] == "yes"


def test_every_look_at_the_log_is_logged(client, world):
    verified_login(client, world.users["granskare"])
    client.get("/logg/", {"kind": "reads", "case": world.case.pk})
    logged = AuditEvent.objects.latest("id")
    assert logged.action == "read" and logged.actor == world.users["granskare"]
    assert logged.object_type == "auth.user"
    assert logged.changes == {"filters": {"kind": "reads", "case": world.case.pk}, "page": 1}
    assert logged.organisation_name == "Hälso- och sjukvårdsenheten, Region Norrbotten"
    client.get("/logg/nodatkomster/")
    assert AuditEvent.objects.latest("id").pk > logged.pk


def test_an_emergency_access_waits_until_reviewed(client, world):
    users = world.users
    access = do_open_emergency_access(users["kalix"], identity_number=NUMBER, reason=REASON)
    url = f"/logg/nodatkomster/{access.pk}/granska/"
    verified_login(client, users["kalix"])
    assert client.post(url, {f"access-{access.pk}-note": "Själv"}).status_code == 403

    verified_login(client, users["granskare"])
    assert client.get("/logg/").context["waiting"] == 1
    waiting = client.get("/logg/nodatkomster/")
    assert [a.pk for a, _form in waiting.context["accesses"]] == [access.pk]
    html = waiting.content.decode()
    assert f'action="{url}"' in html and REASON in html and f"id_access-{access.pk}-note" in html

    response = client.post(url, {f"access-{access.pk}-note": "Befogad: akut läge."})
    assert response.status_code == 302 and response["Location"] == "/logg/nodatkomster/"
    access.refresh_from_db()
    assert access.reviewed_by == users["granskare"] and access.reviewed_at is not None
    assert access.review_note == "Befogad: akut läge."
    reviewed = AuditEvent.objects.get(
        object_type="plans.emergencyaccess", object_id=str(access.pk), action="update"
    )
    assert reviewed.actor == users["granskare"] and reviewed.reason == "Befogad: akut läge."
    assert client.get("/logg/nodatkomster/").context["accesses"] == []
    assert client.get("/logg/").context["waiting"] == 0

    again = client.post(url, {f"access-{access.pk}-note": "Igen"}, follow=True)
    assert len(list(again.context["messages"])) == 1
    access.refresh_from_db()
    assert access.review_note == "Befogad: akut läge."
    assert client.post("/logg/nodatkomster/999999/granska/").status_code == 404
    assert client.get(url).status_code == 405


def test_the_waiting_list_links_to_what_was_done(client, world):
    access = do_open_emergency_access(world.users["kalix"], identity_number=NUMBER, reason=REASON)
    verified_login(client, world.users["granskare"])
    html = client.get("/logg/nodatkomster/").content.decode()
    day = timezone.localtime(access.started_at).date().isoformat()
    assert f"/logg/?user=kalix&amp;kind=emergency&amp;date_from={day}" in html


def test_events_read_in_the_readers_language_on_the_page_and_in_the_csv(client, world):
    case, users = world.case, world.users
    event(users["kurator"], Action.READ, case)
    verified_login(client, users["granskare"])
    page = client.get("/logg/", {"kind": "reads"})
    assert "<td>Läste ärendet</td>" in page.content.decode()
    with override("en"):
        lines = review.review_csv(review.accesses(kind=review.Kind.READS))
        header = next(lines), next(lines)
    # The rows are written while the response streams, after the request's language is gone.
    [row] = list(csv.reader(lines, delimiter=";"))
    assert header[1].startswith("When;") and row[5] == "Read the case"


def test_an_event_of_a_code_no_app_declares_still_shows(client, world):
    event(world.users["kurator"], Action.READ, world.case)
    AuditEvent.objects.filter(code=CASE_READ.code).update(code="case.from_a_removed_app")
    verified_login(client, world.users["granskare"])
    response = client.get("/logg/")
    assert response.status_code == 200
    assert "<td>case.from_a_removed_app</td>" in response.content.decode()
