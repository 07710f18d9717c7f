"""Minutes: written per agenda item by the one who keeps them, a decision only where the body
decides; approved by the chair and an adjuster who attended, never by the writer as adjuster;
immutable once approved, corrected as a new version with its reason; two secretaries saving the
same minutes: the second is refused and keeps the text; approved minutes as PDF."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meetings import actions, agenda, attendance, minutes
from meetings.models import Minutes
from meetings.tests.builders import office_holder, verified_login
from outbox.models import Mail
from structure.actions import ConflictError
from structure.tests.builders import appoint

from .test_meeting_page import build_lsg, page_of

pytestmark = pytest.mark.django_db


def held(lsg) -> dict:
    """The länsstyrgrupp's meeting held yesterday: an information and a decision item; Luleå's
    social chief, the region's psychiatry chief and the minutes keeper attended."""
    found = lsg["meeting"]
    for title, kind in (("Lägesrapport", "information"), ("Val av arbetsgrupp", "decision")):
        agenda.do_add_agenda_item(lsg["secretary"], found, agenda.ItemData(title, kind))
    appoint(lsg["writer"].person, "lansstyrgrupp", "collaboration-lead")
    found.refresh_from_db()
    actions.do_send_notice(lsg["secretary"], found)
    found.starts_at -= datetime.timedelta(days=22)
    found.ends_at -= datetime.timedelta(days=22)
    found.save()
    present = set(
        found.attendance.filter(
            person__in=[
                lsg["lulea"].person,
                lsg["psychiatry"].person,
                lsg["writer"].person,
            ]
        ).values_list("pk", flat=True)
    )
    attendance.do_record_attendance(lsg["secretary"], found, present)
    found.refresh_from_db()
    items = list(found.agenda.order_by("position"))
    return {**lsg, "meeting": found, "info": items[0], "decision": items[1]}


@pytest.fixture
def lsg(db):
    return held(build_lsg())


def write(lsg, actor=None, adjuster=None, **texts):
    entries = {
        lsg["info"].pk: minutes.EntryData(discussion=texts.get("info", "Läget redovisades.")),
        lsg["decision"].pk: minutes.EntryData(decision=texts.get("decision", "Gruppen utses.")),
    }
    return minutes.do_write_minutes(
        actor or lsg["writer"],
        lsg["meeting"],
        entries,
        adjuster=adjuster if adjuster is not None else lsg["lulea"].person,
        expected_version=texts.get("version"),
    )


def approved(lsg) -> Minutes:
    found = write(lsg)
    found = minutes.do_submit_minutes(lsg["writer"], found, found.version)
    found = minutes.do_approve_minutes(lsg["chair"], found, found.version)
    return minutes.do_approve_minutes(lsg["lulea"].person.user, found, found.version)


def test_minutes_are_written_submitted_and_approved(lsg, django_capture_on_commit_callbacks):
    found = write(lsg)
    assert found.state == "draft" and found.entries.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        found = minutes.do_submit_minutes(lsg["writer"], found, found.version)
    to = set(
        Mail.objects.filter(kind="meetings.minutes_to_approve").values_list("recipient", flat=True)
    )
    assert to == {"ordf@example.se", "lulea@example.se"}
    found = minutes.do_approve_minutes(lsg["chair"], found, found.version)
    assert found.state == "submitted" and found.chair_approved_at
    found = minutes.do_approve_minutes(lsg["lulea"].person.user, found, found.version)
    assert found.state == "approved" and found.approved_at
    assert minutes.approval_due(lsg["meeting"]) == lsg[
        "meeting"
    ].starts_at.date() + datetime.timedelta(days=14)


def test_a_decision_only_where_the_body_decides(lsg):
    with pytest.raises(ValidationError, match="inte en beslutspunkt"):
        minutes.do_write_minutes(
            lsg["writer"],
            lsg["meeting"],
            {lsg["info"].pk: minutes.EntryData(decision="Beslutades att …")},
        )


def test_the_writer_cannot_approve_as_adjuster(lsg):
    with pytest.raises(ValidationError, match="Den som skrivit"):
        write(lsg, adjuster=lsg["writer"].person)
    found = write(lsg)
    found = minutes.do_submit_minutes(lsg["writer"], found, found.version)
    Minutes.objects.filter(pk=found.pk).update(adjuster=lsg["writer"].person)
    found.refresh_from_db()
    with pytest.raises(PermissionDenied, match="Den som skrivit"):
        minutes.do_approve_minutes(lsg["writer"], found, found.version)


def test_the_adjuster_attended(lsg):
    with pytest.raises(ValidationError, match="deltog"):
        write(lsg, adjuster=lsg["kiruna"].person)


def test_approved_minutes_are_immutable(client, lsg):
    approved(lsg)
    with pytest.raises(ValidationError, match="Justerade minnesanteckningar kan inte ändras"):
        write(lsg, info="Ändrad text")
    with pytest.raises(ValidationError):
        actions.do_add_action_item(
            lsg["writer"],
            lsg["meeting"],
            description="Sent",
            owner=None,
            due_on=timezone.localdate(),
        )
    verified_login(client, lsg["writer"])
    response = client.post(
        f"{page_of(lsg['meeting'])}minnesanteckningar/",
        {f"discussion_{lsg['info'].pk}": "Ändrad text", "version": "5"},
    )
    assert response.status_code == 400
    assert "Justerade minnesanteckningar kan inte ändras" in response.content.decode()


def test_a_correction_is_a_new_version_with_its_reason(lsg):
    first = approved(lsg)
    with pytest.raises(ValidationError):
        minutes.do_correct_minutes(lsg["writer"], first, " ")
    second = minutes.do_correct_minutes(lsg["writer"], first, "Fel namn på arbetsgruppen.")
    assert second.number == 2 and second.state == "draft"
    assert second.correction_reason == "Fel namn på arbetsgruppen."
    assert {e.decision for e in second.entries.all()} >= {"Gruppen utses."}
    write(lsg, decision="Arbetsgruppen för psykisk hälsa utses.", version=second.version)
    first.refresh_from_db()
    assert first.state == "approved"
    assert first.entries.get(agenda_item=lsg["decision"]).decision == "Gruppen utses."


def test_two_secretaries_the_second_is_refused_and_keeps_the_text(client, lsg):
    found = write(lsg)
    seen = found.version
    write(lsg, info="Den första sekreterarens text.", version=seen)
    other = office_holder(lsg["county"], "lansstyrgrupp", "secretary", username="sekreterare2")
    verified_login(client, other)
    response = client.post(
        f"{page_of(lsg['meeting'])}minnesanteckningar/",
        {f"discussion_{lsg['info'].pk}": "Den andra sekreterarens text.", "version": str(seen)},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Den andra sekreterarens text." in html and "Någon annan sparade" in html
    with pytest.raises(ConflictError):
        write(lsg, info="Ännu en text.", version=seen)


def test_the_approved_minutes_as_pdf(client, lsg):
    draft = write(lsg)
    verified_login(client, lsg["secretary"])
    url = f"{page_of(lsg['meeting'])}minnesanteckningar/1/pdf/"
    assert client.get(url).status_code == 404
    approved(lsg)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    context = minutes.minutes_context(Minutes.objects.get(pk=draft.pk))
    assert {row.person for row in context["present"]} == {
        lsg["lulea"].person,
        lsg["psychiatry"].person,
        lsg["writer"].person,
    }
