"""The county's public page of approved minutes: no login, no draft, names of officials only
when the county chooses them, never a person's name otherwise; none when the county does not
publish."""

import pytest

from meetings import minutes
from meetings.models import MeetingSettings

from .test_meeting_page import build_lsg
from .test_minutes import approved, held, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsg(db):
    return held(build_lsg())


def test_approved_minutes_are_public_with_the_officials_names(client, lsg):
    found = approved(lsg)
    listing = client.get("/moten/norrbotten/publicerat/").content.decode()
    assert "Länsstyrgruppen" in listing and f"/moten/norrbotten/publicerat/{found.pk}/" in listing
    page = client.get(f"/moten/norrbotten/publicerat/{found.pk}/").content.decode()
    assert "Gruppen utses." in page and lsg["lulea"].person.name in page
    pdf = client.get(f"/moten/norrbotten/publicerat/{found.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_without_official_names_no_person_is_named(client, lsg):
    found = approved(lsg)
    MeetingSettings.objects.update_or_create(
        county=lsg["county"], defaults={"publish_official_names": False}
    )
    page = client.get(f"/moten/norrbotten/publicerat/{found.pk}/").content.decode()
    names = [row.person.name for row in minutes.minutes_context(found)["present"]]
    assert names and not any(name in page for name in names)
    assert lsg["chair"].person.name not in page
    assert "Gruppen utses." in page and "Ledamot: " in page


def test_a_draft_is_not_published(client, lsg):
    draft = write(lsg)
    assert client.get(f"/moten/norrbotten/publicerat/{draft.pk}/").status_code == 404
    assert "Gruppen utses." not in client.get("/moten/norrbotten/publicerat/").content.decode()


def test_a_county_that_does_not_publish(client, lsg):
    approved(lsg)
    MeetingSettings.objects.update_or_create(
        county=lsg["county"], defaults={"publish_minutes": False}
    )
    assert client.get("/moten/norrbotten/publicerat/").status_code == 404
