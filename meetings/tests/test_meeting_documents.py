"""A meeting's documents: added to the meeting or an agenda item on a page (multipart) and in the
API, bounded in type and size like every file; listed and linked on the meeting page and, as
full addresses, in the notice; opened only by those who may see the meeting; taken off with a
confirm step, audited, refused once the meeting is held."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from meetings import actions, attendance, documents
from meetings.models import MeetingDocument
from meetings.tests.builders import user, verified_login

from .test_meeting_page import build_lsg, page_of, with_agenda

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 handlingsplan"


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "files")


@pytest.fixture
def lsg(db):
    found = build_lsg()
    with_agenda(found, "Lägesrapport", "Handlingsplan psykisk hälsa")
    found["meeting"].refresh_from_db()
    return found


def upload(name="handlingsplan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_secretary_adds_documents_and_the_notice_links_them_in_full(
    client, lsg, django_capture_on_commit_callbacks
):
    found = lsg["meeting"]
    item = found.agenda.get(position=2)
    verified_login(client, lsg["secretary"])
    url = f"{page_of(found)}handlingar/"
    form = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in form and "Handlingsplan psykisk hälsa" in form
    response = client.post(
        url, {"files": [upload()], "agenda_item": item.pk, "version": found.version}
    )
    assert response.status_code == 302
    client.post(url, {"files": [upload("program.docx", b"PK docx")], "version": found.version + 1})
    kept = {d.name: d for d in MeetingDocument.objects.filter(meeting=found)}
    assert kept["handlingsplan.pdf"].agenda_item == item
    assert kept["program.docx"].agenda_item is None
    page = client.get(page_of(found)).content.decode()
    link = f"{page_of(found)}handlingar/{kept['handlingsplan.pdf'].pk}/"
    assert f'href="{link}"' in page
    event = AuditEvent.objects.filter(code="meetings.documents_added").last()
    assert event.params == {"documents": [kept["program.docx"].pk], "agenda_item": None}
    confirm = client.get(f"{page_of(found)}kallelse/").content.decode()
    assert "handlingsplan.pdf" in confirm and "program.docx" in confirm
    assert f'href="{link}"' in confirm
    found.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_send_notice(lsg["secretary"], found)
    sent = next(m for m in mail.outbox if m.to == ["lulea@example.se"])
    assert f"- handlingsplan.pdf (punkt 2): http://127.0.0.1:8000{link}" in sent.body
    assert "- program.docx: http://127.0.0.1:8000" in sent.body


def test_only_those_who_may_see_the_meeting_open_a_document(client, lsg):
    [kept] = documents.do_add_meeting_documents(lsg["secretary"], lsg["meeting"], [upload()])
    link = f"{page_of(lsg['meeting'])}handlingar/{kept.pk}/"
    assert client.get(link).status_code == 302  # to the login
    verified_login(client, user("utomstaende"))
    assert client.get(link).status_code == 403
    verified_login(client, lsg["lulea"].person.user)
    opened = client.get(link)
    assert opened.status_code == 200 and b"".join(opened.streaming_content) == PDF
    assert "attachment" in opened["Content-Disposition"]
    other = f"{page_of(lsg['meeting'])}handlingar/{kept.pk + 1}/"
    assert client.get(other).status_code == 404


def test_a_file_of_the_wrong_type_or_size_is_refused_and_the_form_says_why(client, lsg):
    found = lsg["meeting"]
    verified_login(client, lsg["secretary"])
    url = f"{page_of(found)}handlingar/"
    refused = client.post(url, {"files": [upload("skript.exe")], "version": found.version})
    assert refused.status_code == 400 and "skript.exe" in refused.content.decode()
    empty = client.post(url, {"version": found.version})
    assert empty.status_code == 400
    big = upload("stor.pdf", b"x" * (10 * 1024 * 1024 + 1))
    assert client.post(url, {"files": [big], "version": found.version}).status_code == 400
    assert client.post(url, {"files": [upload()], "agenda_item": 10**12}).status_code == 400
    assert not MeetingDocument.objects.exists()


def test_a_member_adds_a_document_and_no_outsider_does(lsg):
    member = lsg["lulea"].person.user
    [kept] = documents.do_add_meeting_documents(member, lsg["meeting"], [upload()])
    with pytest.raises(PermissionDenied):
        documents.do_add_meeting_documents(user("annan"), lsg["meeting"], [upload()])
    # The one who added it, or an officer, takes it off; another member does not.
    with pytest.raises(PermissionDenied):
        documents.do_remove_meeting_document(lsg["kiruna"].person.user, kept)
    documents.do_remove_meeting_document(member, kept)
    assert not MeetingDocument.objects.exists()


def test_taking_a_document_off_has_a_confirm_step_and_stops_once_held(client, lsg):
    found = lsg["meeting"]
    [kept] = documents.do_add_meeting_documents(lsg["secretary"], found, [upload()])
    found.refresh_from_db()
    verified_login(client, lsg["secretary"])
    url = f"{page_of(found)}handlingar/{kept.pk}/ta-bort/"
    confirm = client.get(url).content.decode()
    assert "handlingsplan.pdf" in confirm and "Avbryt: ingenting ändras" in confirm
    assert MeetingDocument.objects.filter(pk=kept.pk).exists()
    assert client.post(url, {"version": found.version}).status_code == 302
    assert not MeetingDocument.objects.filter(pk=kept.pk).exists()
    assert AuditEvent.objects.get(code="meetings.document_removed").params == {"document": kept.pk}
    [again] = documents.do_add_meeting_documents(lsg["secretary"], found, [upload()])
    found.starts_at -= datetime.timedelta(days=22)
    found.ends_at -= datetime.timedelta(days=22)
    found.save()
    attendance.do_record_attendance(lsg["secretary"], found, set())
    with pytest.raises(ValidationError):
        documents.do_remove_meeting_document(lsg["secretary"], again)


def test_the_api_lists_adds_and_takes_off_documents(client, lsg):
    found = lsg["meeting"]
    item = found.agenda.get(position=1)
    verified_login(client, lsg["secretary"])
    api = f"/api/meetings/norrbotten/{found.pk}"
    added = client.post(
        f"{api}/documents",
        {"files": [upload()], "agenda_item": item.pk, "version": found.version},
    )
    assert added.status_code == 200, added.content
    [listed] = added.json()["documents"]
    assert listed["name"] == "handlingsplan.pdf" and listed["agenda_item"] == item.pk
    assert listed["url"] == f"{page_of(found)}handlingar/{listed['id']}/"
    refused = client.post(f"{api}/documents", {"files": [upload("a.html")]})
    assert refused.status_code == 422 and "files" in refused.json()["errors"]
    stale = client.post(
        f"{api}/documents/{listed['id']}/remove",
        {"version": found.version},
        content_type="application/json",
    )
    assert stale.status_code == 409
    version = stale.json()["version"]
    gone = client.post(
        f"{api}/documents/{listed['id']}/remove",
        {"version": version},
        content_type="application/json",
    )
    assert gone.status_code == 200 and gone.json()["documents"] == []
    missing = client.post(f"{api}/documents/{10**12}/remove", {}, content_type="application/json")
    assert missing.status_code == 404
