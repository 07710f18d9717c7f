"""A body's handling and a principal's decision are declared once (matters.steps) for the page
and the API: the same rules across fields, the same refusal, the same action; and every kept
file (a matter's documentation, a governing document's file, a meeting's document) is one row
layout (meetings.files.KeptFile) that records who kept it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from matters import actions, steps
from matters.models import DocumentFile
from plans.tests.test_case_pages import verified_login

from .test_api import API, post

pytestmark = pytest.mark.django_db
BASE = "/samverkansarenden/norrbotten"
TODAY = timezone.localdate().isoformat()


def _matter(coordinator, lulea):
    return actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Fråga", question="?", body="kommungrupp", instance="lulea"),
    )


@pytest.mark.parametrize(
    "typed, field, message",
    [
        ({"outcome": "upward"}, "target", "Välj organ."),
        ({"outcome": "back", "target": "x"}, "text", "Skriv rekommendationen eller uppdraget."),
    ],
)
def test_the_page_and_the_api_refuse_a_handling_alike(
    client, coordinator, lulea, typed, field, message
):
    matter = _matter(coordinator, lulea)
    with pytest.raises(ValidationError) as refused:
        steps.HANDLE.take(coordinator, matter, {**typed, "version": matter.version})
    assert refused.value.message_dict == {field: [message]}
    verified_login(client, coordinator)
    page = client.post(
        f"{BASE}/{matter.pk}/hantera/", {**typed, "on": TODAY, "version": matter.version}
    )
    assert page.status_code == 200 and page.context["form"].errors[field] == [message]
    answered = post(
        client, f"{API}/matters/{matter.pk}/handling", {**typed, "version": matter.version}
    )
    assert answered.status_code == 422 and answered.json()["errors"][field] == [message]


def test_a_target_left_from_another_outcome_is_not_sent(coordinator, lulea):
    matter = _matter(coordinator, lulea)
    handled = steps.HANDLE.take(
        coordinator, matter, {"outcome": "closed", "target": "nope", "version": matter.version}
    )
    assert handled.state == "closed"


def test_the_refusals_are_one_text(client, lulea_chief, coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Fråga", question="?", body="lansstyrgrupp"),
    )
    with pytest.raises(PermissionDenied) as refused:
        steps.HANDLE.take(lulea_chief, matter, {"outcome": "closed"})
    verified_login(client, lulea_chief)
    answered = post(
        client, f"{API}/matters/{matter.pk}/handling", {"version": 1, "outcome": "closed"}
    )
    assert answered.status_code == 403 and answered.json()["detail"] == str(refused.value)
    with pytest.raises(PermissionDenied):
        steps.DECIDE.take(lulea_chief, matter, {}, principal="kiruna")


def test_a_kept_file_records_who_kept_it(coordinator, norrbotten):
    document = actions.do_register_document(
        coordinator,
        norrbotten,
        actions.DocumentData(
            title="Riktlinje",
            kind="guideline",
            owner_body="lansstyrgrupp",
            adopted_on=datetime.date(2025, 1, 1),
            adopted_by="Länsstyrgruppen",
            document_version="1",
        ),
        files=[SimpleUploadedFile("riktlinje.pdf", b"%PDF-1.4", content_type="application/pdf")],
    )
    [kept] = DocumentFile.objects.filter(document=document)
    assert (kept.name, kept.size, kept.content_type, kept.uploaded_by) == (
        "riktlinje.pdf",
        8,
        "application/pdf",
        coordinator,
    )
