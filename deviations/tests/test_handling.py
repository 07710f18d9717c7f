"""A deviation reported, acknowledged, investigated and closed at the level the county's routine
names, in its working days; passed on to the principal's level; the reporter told by mail;
warned, not refused, for a text that names the individual or a party the reporter does not work
with; refused for what cannot be a report."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from deviations import actions, queries
from deviations.models import Deviation
from outbox.models import Mail
from structure.actions import ConflictError

from .conftest import TODAY, D

pytestmark = pytest.mark.django_db
CLAUSE = "norrbus:Samordnad planering – nätverksmöte"


def report(people, orgs, case=None, **fields):
    values = {
        "clause": CLAUSE,
        "party": orgs["bup"],
        "happened_on": D("2026-03-12"),
        "what": "BUP kom inte till nätverksmötet och meddelade inte förhinder.",
    }
    values.update(fields)
    return actions.do_report_deviation(
        people["reporter"], report=actions.Report(**values), case=case, on=TODAY
    )


def test_reported_to_the_unit_with_five_and_twenty_working_days(people, orgs, case):
    deviation = report(people, orgs, case)
    # 2026-03-16 is a Monday: five working days is the next Monday, twenty is 13 April (Good
    # Friday 3 April and Easter Monday 6 April are not working days).
    assert deviation.acknowledge_by == D("2026-03-23")
    assert deviation.close_by == D("2026-04-15")
    assert deviation.due_on == deviation.acknowledge_by
    assert (deviation.level_id, deviation.handled_by) == ("verksamhet", "unit")
    assert deviation.handler_organisation == orgs["bup"]
    assert deviation.pair == "lulea|region-norrbotten"
    assert (deviation.document, deviation.document_version) == ("norrbus", 1)
    [mail] = Mail.objects.filter(kind="deviations.received")
    assert mail.recipient == "bup-chef@example.se"
    assert "Lantto" not in str(mail.params) and "20140312" not in str(mail.params)
    event = AuditEvent.objects.get(code="deviations.reported")
    assert event.individual_id == case.individual_id
    assert "Lantto" not in str(event.params) + str(event.changes)


def test_acknowledged_investigated_and_closed_the_reporter_told(people, orgs, case):
    deviation = report(people, orgs, case)
    chief = people["bup_chief"]
    deviation = actions.do_acknowledge_deviation(chief, deviation, on=D("2026-03-17"))
    assert deviation.state == Deviation.State.ACKNOWLEDGED
    assert deviation.due_on == deviation.close_by
    with pytest.raises(ValidationError, match="investigation|utredning"):
        actions.do_close_deviation(chief, deviation, outcome="Klart", on=D("2026-03-20"))
    deviation = actions.do_record_investigation(
        chief,
        deviation,
        investigation="Kallelsen gick till fel funktionsbrevlåda.",
        measures="Kallelser till BUP går nu till mottagningens gemensamma adress.",
    )
    deviation = actions.do_close_deviation(
        chief, deviation, outcome="Rutinen för kallelser är ändrad.", on=D("2026-03-20")
    )
    assert deviation.state == Deviation.State.CLOSED and deviation.due_on is None
    [mail] = Mail.objects.filter(kind="deviations.closed")
    assert mail.recipient == "kurator@example.se"
    assert "Rutinen" not in str(mail.params)
    codes = list(
        AuditEvent.objects.filter(code__startswith="deviations.").values_list("code", flat=True)
    )
    assert codes == [
        "deviations.reported",
        "deviations.acknowledged",
        "deviations.investigated",
        "deviations.closed",
    ]
    investigated = AuditEvent.objects.get(code="deviations.investigated")
    assert "funktionsbrevlåda" not in str(investigated.changes)


def test_only_the_level_s_handlers_handle_and_a_stale_version_is_refused(people, orgs, case):
    deviation = report(people, orgs)
    for other in ("bup_staff", "social_chief", "reporter", "coordinator"):
        with pytest.raises(PermissionDenied):
            actions.do_acknowledge_deviation(people[other], deviation)
    stale = deviation.version
    actions.do_acknowledge_deviation(people["bup_chief"], deviation, on=TODAY)
    with pytest.raises(ConflictError):
        actions.do_record_investigation(
            people["bup_chief"], deviation, investigation="x", expected_version=stale
        )


def test_passed_on_to_the_principal_s_coordinators_and_no_further(people, orgs, case):
    deviation = report(people, orgs)
    with pytest.raises(ValidationError):
        actions.do_pass_deviation_on(people["bup_chief"], deviation, reason=" ", on=TODAY)
    deviation = actions.do_pass_deviation_on(
        people["bup_chief"], deviation, reason="Gäller hela regionens rutin.", on=D("2026-03-18")
    )
    assert (deviation.level_id, deviation.handled_by) == ("huvudman", "principal")
    assert deviation.handler_organisation is None
    assert deviation.handler_principal == "region-norrbotten"
    assert deviation.acknowledge_by == D("2026-03-25")
    with pytest.raises(PermissionDenied):
        actions.do_acknowledge_deviation(people["bup_chief"], deviation)
    coordinator = people["region_coordinator"]
    deviation = actions.do_acknowledge_deviation(coordinator, deviation, on=D("2026-03-19"))
    with pytest.raises(ValidationError, match="last level|sista nivå"):
        actions.do_pass_deviation_on(coordinator, deviation, reason="Vidare", on=D("2026-03-19"))
    assert Mail.objects.filter(
        kind="deviations.received", recipient="regionsamordnare@example.se"
    ).exists()


def test_warned_for_an_identity_number_and_reported_once_confirmed(people, orgs, case):
    text = "Elsa (20140312-2391) fick ingen kallelse."
    with pytest.raises(actions.Warned) as warned:
        report(people, orgs, case, what=text)
    assert list(warned.value.message_dict) == ["what"]
    assert not Deviation.objects.exists()
    deviation = actions.do_report_deviation(
        people["reporter"],
        report=actions.Report(CLAUSE, orgs["bup"], D("2026-03-12"), text),
        case=case,
        confirm_warnings=True,
        on=TODAY,
    )
    assert deviation.warned == ["what"]


def test_warned_for_a_party_the_reporter_does_not_work_with(people, orgs, case):
    with pytest.raises(actions.Warned) as warned:
        report(people, orgs, case, party=orgs["kiruna"])
    assert list(warned.value.message_dict) == ["party"]
    # Without a case: the school and BUP share a case, the school and Kiruna none.
    assert report(people, orgs, party=orgs["bup"]).case is None
    with pytest.raises(actions.Warned):
        report(people, orgs, party=orgs["kiruna"])


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"clause": "norrbus:Ingen sådan rubrik"}, "clause"),
        ({"what": "   "}, "what"),
        ({"what": "a\x00b"}, "what"),
        ({"happened_on": D("2026-03-17")}, "happened_on"),
        ({"happened_on": D("1999-12-31")}, "happened_on"),
    ],
)
def test_refused_with_a_reason_per_field(people, orgs, case, fields, field):
    with pytest.raises(ValidationError) as refused:
        report(people, orgs, **fields)
    assert field in refused.value.message_dict


def test_the_inbox_reads_what_waits_for_a_handler_in_one_query(
    people, orgs, case, django_assert_num_queries
):
    first = report(people, orgs)
    second = report(people, orgs, happened_on=D("2026-03-13"))
    actions.do_acknowledge_deviation(people["bup_chief"], second, on=TODAY)
    chief = type(people["bup_chief"]).objects.get(pk=people["bup_chief"].pk)
    with django_assert_num_queries(2):  # the membership, then the rows
        rows = list(queries.waiting_for(chief, TODAY))
    assert [d.pk for d in rows] == [first.pk, second.pk]
    assert [d.due_on for d in rows] == [D("2026-03-23"), D("2026-04-15")]
    assert list(queries.waiting_for(people["bup_staff"], TODAY)) == []
    assert list(queries.waiting_for(people["reporter"], TODAY)) == []
