"""Agenda items the rules and other apps make are stored as a title code and its parameters,
never as a sentence, and written at display time in the reader's language: the election at the
year's last meeting (Västernorrland), the programme the Samråd sets for Västerbotten's seminar,
an event's standing items, carried action items and matters waiting. Rows stored as text
before are converted by the migration."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import translation

from meetings import actions, agenda, year_actions
from meetings.mails import NOTICE
from meetings.models import ActionItem, AgendaItem, Meeting
from meetings.tests.builders import coordinator, meeting, office_holder
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db
migration = importlib.import_module("meetings.migrations.0002_agenda_title_codes")


def test_the_election_is_stored_as_its_code_and_read_in_each_language():
    county = loaded_county("vasternorrland")
    planner = office_holder(county, "lansledning", "chair", principal="region-vasternorrland")
    plan = year_actions.do_propose_year_plan(planner, county, "lansledning", "", 2027)
    item = AgendaItem.objects.get(meeting__plan=plan, kind=AgendaItem.Kind.ELECTION)
    assert (item.text, item.title_code) == ("", "election")
    assert item.title_params["offices"]
    with translation.override("sv"):
        swedish = item.title
    with translation.override("en"):
        english = item.title
    assert swedish.startswith("Val av") and english.startswith("Election of the")
    assert "for the coming year" in english


def test_the_seminars_programme_names_the_samrad_in_each_language():
    county = loaded_county("vasterbotten")
    plan = year_actions.do_propose_year_plan(coordinator(), county, "ledningsseminarium", "", 2027)
    item = AgendaItem.objects.filter(meeting__plan=plan, origin="programme").first()
    assert item.title_code == "programme" and item.text == ""
    assert item.title_params == {"body": "Samråd för vård och omsorg"}
    with translation.override("en"):
        assert item.title == "The programme, set by Samråd för vård och omsorg"


def test_a_carried_action_item_keeps_its_words_and_an_edited_title_is_the_secretarys():
    county = loaded_county("norrbotten")
    secretary = office_holder(county, "lansstyrgrupp", "secretary")
    earlier = meeting(county, "lansstyrgrupp", datetime.date(2026, 3, 2))
    ActionItem.objects.create(
        county=county,
        body="lansstyrgrupp",
        raised_at=earlier,
        description="Ta fram en gemensam rutin för SIP",
        due_on=datetime.date(2026, 5, 4),
    )
    later = meeting(county, "lansstyrgrupp", datetime.date(2026, 6, 1))
    agenda.do_propose_agenda(secretary, later)
    item = later.agenda.get(origin__startswith="action:")
    assert item.title_code == "action_item" and item.title == "Ta fram en gemensam rutin för SIP"
    # Only the length changed: the title keeps its code.
    data = agenda.ItemData(title=item.title, kind=item.kind, minutes=30)
    agenda.do_change_agenda_item(secretary, item, data)
    item.refresh_from_db()
    assert item.title_code == "action_item" and item.minutes == 30
    agenda.do_change_agenda_item(
        secretary, item, agenda.ItemData(title="Rutin för SIP: läget", kind=item.kind)
    )
    item.refresh_from_db()
    assert (item.title_code, item.text) == ("", "Rutin för SIP: läget")


def test_the_notice_mail_writes_a_coded_title_in_its_recipients_language():
    county = loaded_county("vasternorrland")
    planner = office_holder(county, "lansledning", "chair", principal="region-vasternorrland")
    plan = year_actions.do_propose_year_plan(planner, county, "lansledning", "", 2027)
    last = plan.meetings.order_by("-starts_at").first()
    params = actions.mail_params(
        last,
        agenda=[
            {"title": i.text, "code": i.title_code, "params": i.title_params, "presenter": ""}
            for i in last.agenda.all()
        ],
    )
    _subject, swedish = NOTICE.render(params, "sv")
    _subject, english = NOTICE.render(params, "en")
    assert "1. Val av" in swedish and "1. Election of the" in english


def test_the_migration_turns_stored_sentences_into_codes():
    county = loaded_county("vasternorrland")
    found = meeting(county, "lansledning", datetime.date(2026, 12, 7))
    old = {
        "election": "Val av ordförande, vice ordförande för kommande år",
        "action:7": "Ta fram en rutin",
        "matter:9": "Skolfrånvaro",
        "event:tema-barn-unga": "Uppföljning av tjänstepersoners samverkan",
        "": "Lägesrapport",
    }
    for position, (origin, text) in enumerate(old.items(), start=1):
        AgendaItem.objects.create(
            meeting=found, position=position, text=text, kind="discussion", origin=origin
        )
    migration.to_codes(apps, None)
    rows = {item.origin: item for item in found.agenda.all()}
    assert rows["election"].title_code == "election" and rows["election"].text == ""
    assert rows["election"].title_params["offices"]
    assert rows["action:7"].title_params == {"description": "Ta fram en rutin"}
    assert rows["matter:9"].title_params == {"matter": 9, "title": "Skolfrånvaro"}
    event = rows["event:tema-barn-unga:1"]
    assert event.title == "Uppföljning av tjänstepersoners samverkan"
    assert (rows[""].title_code, rows[""].text) == ("", "Lägesrapport")
    assert Meeting.objects.count() == 1
