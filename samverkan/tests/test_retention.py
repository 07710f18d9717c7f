"""Retention (gallring): the periods as data with their legal sources, the daily removal of what
has expired and nothing else, what an open case, dispute or deviation keeps, and the audit chain
verifying after its oldest events are removed."""

import datetime
import json
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation

from agreements import retention as periods
from audit.models import AuditEvent, ChainCheckpoint
from audit.services import CHECKPOINT_UNSIGNED, REMOVED, Target, record, remove_before, verify
from deviations.actions import Report, do_report_deviation
from disputes.actions import do_raise_dispute
from outbox.tasks import daily_jobs
from plans.models import Case, Consent, Individual
from plans.services import do_decide_to_call, do_record_consent
from plans.tests.individual import norrbotten_organisations, user_of
from plans.tests.test_case_steps import open_case
from samverkan import retention, tasks
from samverkan.events import RETENTION_CASES_REMOVED

from .builders import identity

D = datetime.date.fromisoformat
# Eleven years on: the cases closed now are past the national ten years, the events recorded
# now past the audit trail's five.
DAY = timezone.localdate() + datetime.timedelta(days=round(11 * 365.25))
NATIONAL = Path(periods.__file__).parent / "retention" / "national.yaml"


def on_the_day():
    """The clock at noon on DAY, so that what the run records is recorded that day."""
    # In UTC, as Django's clock gives it and as the chain's links are computed.
    noon = datetime.datetime.combine(DAY, datetime.time(12), tzinfo=datetime.UTC)
    return mock.patch("django.utils.timezone.now", return_value=noon)


# The periods, on the law's own numbers.


def test_the_national_periods_are_the_laws_with_their_sources():
    national = periods.read(NATIONAL)
    case = national.kinds[periods.RecordKind.CASE]
    assert (case.years, case.minimum_years) == (10, 10)
    assert case.source.document == "Patientdatalag (2008:355)"
    assert case.source.section == "3 kap. 17 §"
    assert "minst tio år efter det att den sista uppgiften" in case.source.quote
    audit = national.kinds[periods.RecordKind.AUDIT_EVENT]
    assert (audit.years, audit.minimum_years) == (5, 5)
    assert "HSLF-FS 2016:40" in audit.source.document
    assert periods.validate_all() == []


def test_a_period_counts_back_from_the_day():
    assert periods.cutoff(periods.RecordKind.CASE, D("2036-12-03")) == D("2026-12-03")
    assert periods.cutoff(periods.RecordKind.AUDIT_EVENT, D("2028-02-29")) == D("2023-02-28")


def _directory(tmp_path, county_file: str) -> Path:
    (tmp_path / "national.yaml").write_text(NATIONAL.read_text(encoding="utf-8"), "utf-8")
    (tmp_path / "norrbotten.yaml").write_text(county_file, encoding="utf-8")
    return tmp_path


LONGER = """county: norrbotten
kinds:
  case:
    years: 12
    source:
      document: Gallringsbeslut (exempel i testet)
      section: "2 §"
"""


def test_a_countys_own_decision_keeps_longer(tmp_path):
    directory = _directory(tmp_path, LONGER)
    assert periods.validate_all(directory) == []
    with override_settings(SAMVERKAN_RETENTION_DIR=str(directory)):
        periods._files.cache_clear()
        try:
            assert periods.period(periods.RecordKind.CASE, "norrbotten").years == 12
            assert periods.period(periods.RecordKind.CASE, "vasterbotten").years == 10
            assert periods.period(periods.RecordKind.AUDIT_EVENT, "norrbotten").years == 5
        finally:
            periods._files.cache_clear()


@pytest.mark.parametrize(
    "text, error",
    [
        (LONGER.replace("years: 12", "years: 7"), "below the law's 10"),
        (LONGER.replace("    source:\n", "    sources:\n"), "source"),
        (LONGER.replace("case:", "letters:"), "letters"),
        (LONGER.replace("years: 12", "years: -1"), "greater than or equal to 1"),
        (LONGER.replace("county: norrbotten", "county: vasterbotten"), "not the file's name"),
        ("county: [", "norrbotten.yaml"),
    ],
    ids=["below-minimum", "no-source", "unknown-kind", "negative", "other-county", "not-yaml"],
)
def test_a_county_file_that_breaks_the_law_or_the_schema_is_refused(tmp_path, text, error):
    (found,) = periods.validate_all(_directory(tmp_path, text))
    assert error in found


# The removal.


@pytest.fixture
def people(db):
    organisations = norrbotten_organisations("school", "social", "primary")
    return {
        "organisations": organisations,
        "school": user_of(organisations["school"], "rektor", "unit_manager"),
        "social": user_of(organisations["social"], "socialchef", "unit_manager"),
    }


def _case(people, serial: int, *, closed_on: datetime.date) -> Case:
    """A case with the consent that lets social services and primary care take part, closed on
    the day (the steps to a closed case are the plans' tests'; here only its end matters)."""
    organisations = people["organisations"]
    case = open_case(people["school"], organisations["school"], identity_number=identity(serial))
    do_record_consent(
        people["school"],
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[organisations["social"], organisations["primary"]],
    )
    Case.objects.filter(pk=case.pk).update(state=Case.State.CLOSED, closed_on=closed_on)
    return case


@pytest.fixture
def cases(people):
    today = timezone.localdate()
    expired = _case(people, 101, closed_on=today)
    recent = _case(people, 102, closed_on=DAY - datetime.timedelta(days=365))
    open_beside = _case(people, 103, closed_on=today)
    other_open = open_case(
        people["school"], people["organisations"]["school"], identity_number=identity(103)
    )
    disputed = _case(people, 104, closed_on=today)
    # Those called to the network meeting are the case's parties, who raise a dispute.
    do_decide_to_call(
        people["school"],
        disputed,
        decided_on=D("2026-03-03"),
        participants=[people["organisations"]["social"], people["organisations"]["primary"]],
    )
    do_raise_dispute(
        people["social"],
        disputed,
        subject="cost",
        respondent=people["organisations"]["primary"],
        statement="Vem bär kostnaden?",
    )
    deviated = _case(people, 106, closed_on=today)
    do_decide_to_call(
        people["school"],
        deviated,
        decided_on=D("2026-03-03"),
        participants=[people["organisations"]["social"], people["organisations"]["primary"]],
    )
    do_report_deviation(
        people["social"],
        report=Report(
            clause="norrbus:Samordnad planering – nätverksmöte",
            party=people["organisations"]["primary"],
            happened_on=D("2026-03-04"),
            what="Primärvården kom inte till nätverksmötet.",
        ),
        case=deviated,
        on=D("2026-03-05"),
    )
    # Closed again after the steps that moved them on; the dispute and the deviation stay open.
    Case.objects.filter(pk__in=[disputed.pk, deviated.pk]).update(
        state=Case.State.CLOSED, closed_on=today
    )
    written_since = _case(people, 105, closed_on=today)
    with mock.patch(
        "audit.services.timezone.now",
        return_value=timezone.now() + datetime.timedelta(days=round(3 * 365.25)),
    ):
        record(people["school"], RETENTION_CASES_REMOVED, written_since, {})
    assert other_open.individual_id == open_beside.individual_id
    return {
        "expired": expired,
        "recent": recent,
        "open_beside": open_beside,
        "other_open": other_open,
        "disputed": disputed,
        "deviated": deviated,
        "written_since": written_since,
    }


def test_a_dry_run_lists_what_would_go_and_why_the_rest_is_kept_and_changes_nothing(cases):
    before = (Case.objects.count(), Individual.objects.count(), AuditEvent.objects.count())
    with on_the_day():
        outcome = retention.run(DAY, dry_run=True)
    (norrbotten,) = [county for county in outcome.counties if county.county == "norrbotten"]
    assert norrbotten.individuals == [cases["expired"].individual_id]
    assert norrbotten.cases == 1
    assert norrbotten.kept == {
        cases["open_beside"].pk: retention.OPEN_CASE,
        cases["other_open"].pk: retention.OPEN_CASE,
        cases["disputed"].pk: "open_dispute",
        cases["deviated"].pk: "open_deviation",
        cases["written_since"].pk: retention.LATER_ENTRY,
    }
    assert cases["recent"].pk not in norrbotten.kept
    assert outcome.audit_events > 0
    assert (Case.objects.count(), Individual.objects.count(), AuditEvent.objects.count()) == before


def test_removes_what_has_expired_and_nothing_else_and_the_chain_verifies(cases):
    expired = cases["expired"]
    kept = [cases[name].pk for name in cases if name != "expired"]
    with on_the_day():
        outcome = retention.run(DAY)
    assert not Case.objects.filter(pk=expired.pk).exists()
    assert not Individual.objects.filter(pk=expired.individual_id).exists()
    assert not Consent.objects.filter(case_id=expired.pk).exists()
    assert sorted(Case.objects.values_list("pk", flat=True)) == sorted(kept)
    (norrbotten,) = [county for county in outcome.counties if county.county == "norrbotten"]
    assert norrbotten.removed["plans.Case"] == 1 and norrbotten.removed["plans.Individual"] == 1
    # The events recorded now are past the audit trail's five years: removed behind a
    # checkpoint, and the chain verifies from it.
    result = verify()
    assert result.intact, result.findings
    assert result.checkpoint == ChainCheckpoint.objects.get().event_id
    removal = AuditEvent.objects.get(code=RETENTION_CASES_REMOVED.code, object_id="norrbotten")
    assert removal.params["individuals"] == 1 and removal.params["cases"] == 1
    assert removal.params["kept"] == 5
    stored = json.dumps(removal.params) + removal.object_id + removal.actor_name
    assert "Lantto" not in stored and identity(101) not in stored
    assert AuditEvent.objects.filter(code="audit.retention_removed").count() == 1
    # Run again on the same day: nothing more goes.
    with on_the_day():
        again = retention.run(DAY)
    assert sum(county.cases for county in again.counties) == 0 and again.audit_events == 0
    # The entry since the case was closed is kept beyond the audit events that recorded it.
    assert Case.objects.filter(pk=cases["written_since"].pk).exists()
    assert verify().intact


def test_the_retention_runs_in_the_daily_round(cases):
    assert tasks.remove_expired_records in daily_jobs()
    with on_the_day():
        assert tasks.remove_expired_records(DAY).startswith("cases=1 ")


def test_the_command_lists_in_swedish(cases, capsys):
    with on_the_day(), translation.override("sv"):
        call_command("retention", "--dry-run", "--date", DAY.isoformat())
    out = capsys.readouterr().out
    assert out.startswith("Torrkörning: ingenting tas bort.")
    assert "norrbotten: 1 individer med 1 ärenden" in out
    assert f"Ärende #{cases['disputed'].pk} behålls: en pågående oenighet om ärendet." in out
    assert Case.objects.filter(pk=cases["expired"].pk).exists()


def test_the_command_refuses_a_date_that_is_none(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ogiltigt datum"), translation.override("sv"):
        call_command("retention", "--date", "2026-02-30")


# The audit trail's own retention, and what it does not allow.


def _events(count: int, at: datetime.datetime) -> list[AuditEvent]:
    with mock.patch("audit.services.timezone.now", return_value=at):
        return [
            record(None, RETENTION_CASES_REMOVED, Target("test.thing", str(number)), {})
            for number in range(count)
        ]


def test_only_events_past_the_period_are_removed(db):
    old = _events(3, timezone.now() - datetime.timedelta(days=6 * 366))
    young = _events(2, timezone.now() - datetime.timedelta(days=4 * 366))
    assert remove_before(timezone.now() - datetime.timedelta(days=5 * 366), dry_run=True) == 3
    assert AuditEvent.objects.count() == 5
    assert remove_before(timezone.now() - datetime.timedelta(days=5 * 366)) == 3
    remaining = list(AuditEvent.objects.values_list("pk", flat=True))
    assert remaining[:2] == [event.pk for event in young] and len(remaining) == 3
    checkpoint = ChainCheckpoint.objects.get()
    assert (checkpoint.event_id, checkpoint.link, checkpoint.removed) == (
        old[-1].pk,
        old[-1].hash,
        3,
    )
    assert verify().intact


def test_events_removed_without_the_key_are_still_found(db):
    _events(3, timezone.now() - datetime.timedelta(days=6 * 366))
    _events(2, timezone.now())
    first = AuditEvent.objects.order_by("pk").first()
    AuditEvent.objects.filter(pk=first.pk).delete()
    assert REMOVED in verify().kinds
    # A checkpoint made without the key does not cover it.
    ChainCheckpoint.objects.create(
        at=timezone.now(), event_id=first.pk, link=first.hash, removed=1, mac="0" * 64
    )
    assert CHECKPOINT_UNSIGNED in verify().kinds
