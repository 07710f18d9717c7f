"""Matters beside the meetings and across the counties: a matter waiting for a body is proposed
for its meetings' agendas, a handling names the meeting it was taken at, the mail to the
principals reads in Swedish, and the other counties' matter flows are read from their files."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from matters import actions, flow
from matters.agenda import waiting_matters
from matters.models import Handling, Matter
from meetings.registry import AGENDA_PROPOSERS
from meetings.tests.builders import meeting
from outbox.models import Mail
from structure.models import Organisation
from structure.tests.builders import loaded_county, organisation

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def raised(coordinator, lulea):
    return actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(
            title="Hemgång", question="Hur?", body="kommungrupp", instance="lulea"
        ),
    )


def test_a_waiting_matter_is_proposed_for_the_bodys_agenda(raised, norrbotten):
    assert waiting_matters in AGENDA_PROPOSERS
    ordinary = meeting(norrbotten, "kommungrupp", D("2026-03-04"), instance="lulea")
    [proposed] = waiting_matters(ordinary)
    assert (proposed.title, proposed.origin) == ("Hemgång", f"matter:{raised.pk}")
    elsewhere = meeting(norrbotten, "kommungrupp", D("2026-03-04"), instance="kiruna")
    assert waiting_matters(elsewhere) == []


def test_a_handling_names_its_meeting_of_the_same_body(coordinator, raised, norrbotten):
    other = meeting(norrbotten, "lansstyrgrupp", D("2026-03-04"))
    with pytest.raises(ValidationError):
        actions.do_handle_matter(
            coordinator, raised, outcome=Handling.Outcome.INFORMATION, meeting=other
        )
    held = meeting(norrbotten, "kommungrupp", D("2026-03-04"), instance="lulea")
    actions.do_handle_matter(
        coordinator, raised, outcome=Handling.Outcome.INFORMATION, meeting=held
    )
    assert raised.handlings.get(outcome=Handling.Outcome.INFORMATION).meeting == held
    ordinary = meeting(norrbotten, "kommungrupp", D("2026-04-01"), instance="lulea")
    assert waiting_matters(ordinary) == []


def test_the_mail_to_a_principal_reads_in_swedish(coordinator, lulea):
    from accounts.models import Membership
    from matters.tests.conftest import user_of

    user_of(
        Organisation.objects.get(key="kiruna-socialtjansten"),
        "kiruna-samordnare",
        Membership.Role.COORDINATOR,
    )
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Rutin", question="?", body="lansstyrgrupp"),
    )
    actions.do_handle_matter(
        coordinator, matter, outcome=Handling.Outcome.RECOMMENDATION, text="Anta rutinen."
    )
    mail = Mail.objects.get(recipient="kiruna-samordnare@example.se")
    from outbox.kinds import kind_of

    subject, text = kind_of(mail.kind).render(mail.params, "sv")
    assert subject == "En rekommendation väntar på ert beslut: Rutin"
    assert "Beslutet för Kiruna kommun väntas senast" in text
    assert f"/samverkansarenden/norrbotten/{matter.pk}/" in text


def test_vasternorrland_disputes_go_from_local_collaboration_to_the_lansledning(db):
    county = loaded_county("vasternorrland")
    documents = actions.county_documents(county.pk)
    [path] = flow.dispute_paths(documents)
    assert path.path.steps == ["local", "lansledning"]
    structure = documents[0].document
    first = flow.step_place(structure, "local", "lokal-barn-unga", "sundsvall")
    assert (first.body, first.instance) == ("lokal-barn-unga", "sundsvall")
    second = flow.step_place(structure, "lansledning", first.body, first.instance)
    assert (second.body, second.instance) == ("lansledning", "")


def test_vasterbotten_prepares_by_its_beredningar_and_asks_for_documentation(client, db):
    from accounts.models import Membership
    from matters.tests.conftest import user_of
    from plans.tests.test_case_pages import verified_login

    county = loaded_county("vasterbotten")
    structure = actions.county_documents(county.pk)[0].document
    preparers = {p.body for p in flow.preparers(structure, "lanssamverkansgrupp", "")}
    assert {"beredning-barn-unga", "beredning-vuxna-aldre", "lanssamverkansgrupp-au"} <= preparers
    assert structure.matter_flow.documented and structure.matter_flow.via_line
    # Västerbotten's file names no units: the organisation is the municipality's own.
    umea = organisation(county, "umea")
    verified_login(client, user_of(umea, "umea", Membership.Role.PROFESSIONAL))
    html = client.get("/samverkansarenden/vasterbotten/nytt/").content.decode()
    assert "7. Ärendegång i samverkansstrukturen" in html
    assert "Beslut kan endast fattas i linjen hos huvudmännen" in html
    assert Matter.objects.count() == 0
