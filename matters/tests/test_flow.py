"""A matter's way through Norrbotten's structure: raised in Luleå's municipal group, sent upward
to the area group and the länsstyrgrupp, recommended to the principals and decided by them one
by one; the lineage, the count of adoptions and the refusal of a second decision."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from matters import actions
from matters.models import Decision, Handling, Matter
from outbox.kinds import kind_of
from outbox.models import Mail
from structure.actions import ConflictError
from structure.models import Organisation
from structure.tests.builders import appoint, person

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
Outcome = Handling.Outcome


def raise_in_lulea(actor, organisation, **fields):
    return actions.do_raise_matter(
        actor,
        organisation=organisation,
        raised=actions.Raised(
            title=fields.get("title", "Gemensam rutin för hemgång från slutenvård"),
            question="Hur ska kommunen och regionen planera hemgången tillsammans?",
            body="kommungrupp",
            instance="lulea",
            kind=fields.get("kind", Matter.Kind.QUESTION),
            dispute=fields.get("dispute", ""),
        ),
        on=D("2026-02-02"),
    )


def to_principals(coordinator, lulea):
    matter = raise_in_lulea(coordinator, lulea)
    matter = actions.do_handle_matter(
        coordinator,
        matter,
        outcome=Outcome.UPWARD,
        target="lansdelsgrupp/boden-lulea",
        on=D("2026-02-10"),
    )
    matter = actions.do_handle_matter(
        coordinator, matter, outcome=Outcome.UPWARD, target="lansstyrgrupp", on=D("2026-03-03")
    )
    return actions.do_handle_matter(
        coordinator,
        matter,
        outcome=Outcome.RECOMMENDATION,
        text="Länsstyrgruppen rekommenderar huvudmännen att anta rutinen.",
        on=D("2026-03-10"),
    )


def test_raised_in_a_municipal_group_climbs_to_the_county_and_goes_to_the_principals(
    coordinator, lulea
):
    matter = to_principals(coordinator, lulea)
    assert matter.state == Matter.State.PRINCIPALS
    assert (matter.body, matter.instance) == ("lansstyrgrupp", "")
    # The region and the fourteen municipalities; Norrbottens Kommuner signs but does not decide.
    assert matter.decisions.count() == 15
    assert not matter.decisions.filter(principal="norrbottens-kommuner").exists()
    lineage = [
        (h.body, h.instance, h.outcome, h.target_body)
        for h in matter.handlings.order_by("at", "pk")
    ]
    assert lineage == [
        ("kommungrupp", "lulea", Outcome.RAISED, ""),
        ("kommungrupp", "lulea", Outcome.UPWARD, "lansdelsgrupp"),
        ("lansdelsgrupp", "boden-lulea", Outcome.UPWARD, "lansstyrgrupp"),
        ("lansstyrgrupp", "", Outcome.RECOMMENDATION, ""),
    ]
    assert matter.decisions_due == D("2026-03-10") + datetime.timedelta(days=90)
    codes = list(
        AuditEvent.objects.filter(object_id=str(matter.pk), object_type="matters.matter")
        .order_by("id")
        .values_list("code", flat=True)
    )
    assert codes == ["matters.raised", "matters.handled", "matters.handled", "matters.handled"]


def test_the_principals_contacts_hear_by_mail(coordinator, lulea):
    kiruna = Organisation.objects.get(county=lulea.county, key="kiruna-socialtjansten")
    appoint(person(kiruna, email="chef@kiruna.se"), "lansstyrgrupp", "social-chiefs")
    matter = to_principals(coordinator, lulea)
    mails = Mail.objects.filter(
        kind="matters.decision_awaited", about=f"matters.matter:{matter.pk}"
    )
    assert "chef@kiruna.se" in set(mails.values_list("recipient", flat=True))
    mail = mails.get(recipient="chef@kiruna.se")
    assert mail.params["principal"] == "Kiruna kommun"
    assert "Kiruna" not in str(mail.params.get("title"))
    # The link in the text is the matter page's full address.
    _subject, text = kind_of(mail.kind).render(mail.params, "sv")
    assert f"http://127.0.0.1:8000/samverkansarenden/norrbotten/{matter.pk}/" in text.splitlines()


def test_decided_one_by_one_eleven_of_fifteen_and_never_twice(coordinator, lulea):
    matter = to_principals(coordinator, lulea)
    decisions = list(matter.decisions.order_by("principal"))
    for decision in decisions[:11]:
        actions.do_record_decision(
            coordinator,
            matter,
            principal=decision.principal,
            outcome=Decision.Outcome.ADOPTED,
            decided_on=D("2026-04-20"),
            decided_by="Kommunstyrelsen",
            reference="KS 2026/112 § 45",
        )
    adopted = matter.decisions.filter(outcome=Decision.Outcome.ADOPTED).count()
    assert (adopted, matter.decisions.count()) == (11, 15)
    with pytest.raises(ValidationError, match="redan|already"):
        actions.do_record_decision(
            coordinator,
            matter,
            principal=decisions[0].principal,
            outcome=Decision.Outcome.REJECTED,
            decided_on=D("2026-04-21"),
            decided_by="Kommunstyrelsen",
        )
    assert matter.decisions.get(principal=decisions[0].principal).outcome == "adopted"
    matter.refresh_from_db()
    assert matter.state == Matter.State.PRINCIPALS
    for decision in decisions[11:]:
        actions.do_record_decision(
            coordinator,
            matter,
            principal=decision.principal,
            outcome=Decision.Outcome.REJECTED,
            decided_on=D("2026-05-04"),
            decided_by="Kommunfullmäktige",
        )
    matter.refresh_from_db()
    assert matter.state == Matter.State.CLOSED


def test_only_the_principals_own_people_record_its_decision(coordinator, lulea, lulea_chief):
    matter = to_principals(coordinator, lulea)
    common = {"outcome": "adopted", "decided_on": D("2026-04-01"), "decided_by": "KS"}
    with pytest.raises(PermissionDenied):
        actions.do_record_decision(lulea_chief, matter, principal="kiruna", **common)
    decision = actions.do_record_decision(lulea_chief, matter, principal="lulea", **common)
    assert decision.recorded_by == lulea_chief


def test_a_stale_version_is_refused(coordinator, lulea):
    matter = raise_in_lulea(coordinator, lulea)
    read = matter.version
    actions.do_handle_matter(
        coordinator,
        matter,
        outcome=Outcome.UPWARD,
        target="lansdelsgrupp/boden-lulea",
        expected_version=read,
    )
    with pytest.raises(ConflictError):
        actions.do_handle_matter(
            coordinator,
            Matter.objects.get(pk=matter.pk),
            outcome=Outcome.CLOSED,
            expected_version=read,
        )


def test_upward_only_where_the_agreement_relates_the_bodies(coordinator, lulea):
    matter = raise_in_lulea(coordinator, lulea)
    with pytest.raises(ValidationError) as refused:
        actions.do_handle_matter(
            coordinator, matter, outcome=Outcome.UPWARD, target="politisk-samverkansberedning"
        )
    assert "target" in refused.value.message_dict
    with pytest.raises(ValidationError):
        actions.do_handle_matter(
            coordinator, matter, outcome=Outcome.UPWARD, target="lansdelsgrupp/norra-norrbotten"
        )


def test_prepared_by_the_working_committee_then_handled(coordinator, lulea):
    matter = to_principals(coordinator, lulea)
    other = raise_in_lulea(coordinator, lulea, title="Annan fråga")
    other = actions.do_handle_matter(
        coordinator, other, outcome=Outcome.UPWARD, target="lansdelsgrupp/boden-lulea"
    )
    other = actions.do_handle_matter(
        coordinator, other, outcome=Outcome.UPWARD, target="lansstyrgrupp"
    )
    other = actions.do_prepare_matter(coordinator, other, preparer="lansstyrgrupp-au")
    assert other.state == Matter.State.PREPARATION
    other = actions.do_handle_matter(coordinator, other, outcome=Outcome.INFORMATION)
    assert other.state == Matter.State.CLOSED
    assert matter.state == Matter.State.PRINCIPALS


def test_a_task_sent_down_reports_back(coordinator, lulea):
    matter = raise_in_lulea(coordinator, lulea)
    matter = actions.do_handle_matter(
        coordinator, matter, outcome=Outcome.UPWARD, target="lansdelsgrupp/boden-lulea"
    )
    matter = actions.do_handle_matter(
        coordinator,
        matter,
        outcome=Outcome.BACK,
        target="kommungrupp/boden",
        text="Kartlägg hur hemgången fungerar i Boden.",
    )
    assert matter.state == Matter.State.TASK_OUT
    [task] = matter.tasks.all()
    assert (task.kind, task.body, task.instance) == (Matter.Kind.TASK, "kommungrupp", "boden")
    actions.do_report_task(coordinator, task, text="Kartläggningen visar tre brister.")
    matter.refresh_from_db()
    task.refresh_from_db()
    assert task.state == Matter.State.CLOSED
    assert matter.state == Matter.State.OPEN
    assert matter.handlings.order_by("at", "pk").last().outcome == Outcome.REPORTED
