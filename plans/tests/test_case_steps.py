"""A case from concern to network meeting, with Norrbus' deadlines (004) in working days."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import Membership
from audit.models import AuditEvent
from audit.services import verify
from plans.deadlines import case_deadlines
from plans.models import Case, Individual
from plans.rules import individual_rules
from plans.services import (
    do_decide_to_call,
    do_open_case,
    do_record_consent,
    do_record_meeting,
    do_send_notice,
    do_withdraw_consent,
)
from structure.models import Organisation
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
OPENED = datetime.datetime(2026, 1, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def county():
    return loaded_county("norrbotten")


@pytest.fixture
def school(county):
    return Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")


@pytest.fixture
def social(county):
    return Organisation.objects.get(county=county, key="lulea-socialtjansten")


@pytest.fixture
def counsellor(school):
    """A school counsellor the unit manager has appointed to decide on network meetings."""
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    Membership.objects.create(
        user=user, organisation=school, role="professional", decides_on_network_meetings=True
    )
    return user


def open_case(counsellor, school, **fields):
    values = {
        "organisation": school,
        "identity_number": "20140312-2391",
        "name": "Elsa Lantto",
        "concern": "Hög frånvaro, oro hemma, behov av utredning.",
        "guardians": ("Maria Lantto",),
    }
    values.update(fields)
    case = do_open_case(counsellor, **values)
    # The examples run through 2026: the case was opened before them.
    Case.objects.filter(pk=case.pk).update(opened_at=OPENED)
    case.refresh_from_db()
    return case


def test_the_rules_come_from_norrbus(county):
    rules, document = individual_rules(county)
    assert document.document_id == "norrbus"
    assert rules.network_meeting.notice.working_days == 5
    assert rules.network_meeting.meeting.working_days == 10


def test_notice_within_five_working_days_of_consent_over_christmas(
    counsellor, school, social, county
):
    case = open_case(counsellor, school)
    do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto (vårdnadshavare)",
        given_how="writing",
        given_on=D("2026-12-18"),
        organisations=[social],
        child_view="Vill ha hjälp i skolan.",
    )
    rules, _ = individual_rules(county)
    [notice] = case_deadlines(case, rules)
    # Fri 18 Dec; julafton, juldagen and annandag jul are not working days: 21, 22, 23, 28, 29.
    assert notice.step == "notice" and notice.on == D("2026-12-29")
    assert notice.working_days_left(D("2026-12-22")) == 3  # the 23rd, 28th and 29th
    assert notice.working_days_left(D("2026-12-30")) == -1 and notice.overdue(D("2026-12-30"))


def test_meeting_within_ten_working_days_of_the_decision_over_midsummer(
    counsellor, school, social, county
):
    case = open_case(counsellor, school)
    do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto",
        given_how="orally",
        given_on=D("2026-06-16"),
        organisations=[social],
    )
    do_decide_to_call(counsellor, case, decided_on=D("2026-06-18"))
    rules, _ = individual_rules(county)
    notice, meeting = case_deadlines(case, rules)
    # Midsommarafton (Fri 19 June) is not a working day: 17, 18, 22, 23, 24.
    assert notice.on == D("2026-06-24")
    assert meeting.on == D("2026-07-03")


def test_acute_meeting_as_soon_as_possible(counsellor, school, social, county):
    case = open_case(counsellor, school, acute=True)
    do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto",
        given_how="digitally",
        given_on=D("2026-03-02"),
        organisations=[social],
    )
    do_decide_to_call(counsellor, case, decided_on=D("2026-03-02"))
    rules, _ = individual_rules(county)
    meeting = case_deadlines(case, rules)[1]
    assert meeting.as_soon_as_possible and meeting.working_days_left(D("2026-03-03")) is None


def test_the_steps_in_order_each_audited(counsellor, school, social):
    case = open_case(counsellor, school)
    assert case.state == Case.State.OPENED
    with pytest.raises(ValidationError):
        do_decide_to_call(counsellor, case, decided_on=D("2026-03-02"))  # no consent yet
    do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[social],
    )
    do_decide_to_call(counsellor, case, decided_on=D("2026-03-03"))
    do_send_notice(counsellor, case, sent_on=D("2026-03-04"))
    do_record_meeting(counsellor, case, held_on=D("2026-03-12"))
    assert case.state == Case.State.MET and case.version == 5
    audited = AuditEvent.objects.values_list("object_type", flat=True)
    assert sorted(audited) == ["plans.case"] * 4 + ["plans.consent", "plans.individual"]
    assert verify().intact
    assert not any("20140312" in e.summary + str(e.changes) for e in AuditEvent.objects.all())


def test_withdrawn_consent_stops_the_meeting(counsellor, school, social):
    case = open_case(counsellor, school)
    consent = do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[social],
    )
    do_decide_to_call(counsellor, case, decided_on=D("2026-03-03"))
    do_send_notice(counsellor, case, sent_on=D("2026-03-04"))
    do_withdraw_consent(counsellor, consent, D("2026-03-05"))
    with pytest.raises(ValidationError):
        do_record_meeting(counsellor, case, held_on=D("2026-03-10"))
    consent.refresh_from_db()
    assert consent.withdrawn_on == D("2026-03-05")  # the record stays


def test_dates_in_the_wrong_order_are_refused(counsellor, school, social):
    case = open_case(counsellor, school)
    do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-10"),
        organisations=[social],
    )
    with pytest.raises(ValidationError) as error:
        do_decide_to_call(counsellor, case, decided_on=D("2026-03-09"))
    assert "decided_on" in error.value.message_dict


def test_the_same_individual_twice_is_one_individual(counsellor, school):
    open_case(counsellor, school)
    open_case(counsellor, school, identity_number="201403122391", concern="Ny oro.")
    assert Individual.objects.count() == 1
    stored = Individual.objects.get()
    assert "201403122391" not in stored.identity_encrypted + stored.identity_index


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"identity_number": "20140312-2398"}, "invalid"),
        ({"name": " "}, "name"),
        ({"concern": ""}, "concern"),
    ],
)
def test_bad_input_saves_nothing(counsellor, school, fields, problem):
    with pytest.raises(ValidationError):
        open_case(counsellor, school, **fields)
    assert not Case.objects.exists() and not Individual.objects.exists()


def test_no_notice_is_sent_once_the_consent_is_withdrawn(counsellor, school, social):
    case = open_case(counsellor, school)
    consent = do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[social],
    )
    do_decide_to_call(counsellor, case, decided_on=D("2026-03-03"))
    do_withdraw_consent(counsellor, consent, D("2026-03-04"))
    case.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError, match="withdrawn"):
        do_send_notice(counsellor, case, sent_on=D("2026-03-05"))
    case.refresh_from_db()
    assert case.state == Case.State.CALLED and case.notice_sent_on is None


def test_a_consent_names_only_units_that_work_with_individuals(counsellor, school, county):
    case = open_case(counsellor, school)
    from plans.recipients import consent_recipients

    # Norrbottens Kommuner's office: a party of the agreement, not a principal of anyone's care.
    board = Organisation.objects.exclude(pk__in=consent_recipients(county)).get(
        county=county, principal="norrbottens-kommuner"
    )
    with pytest.raises(ValidationError) as refused:
        do_record_consent(
            counsellor,
            case,
            given_by="Maria Lantto",
            given_how="writing",
            given_on=D("2026-03-02"),
            organisations=[board],
        )
    assert "organisations" in refused.value.message_dict
    assert not case.consents.exists()
