"""Adults and the elderly: who consents, who approves and how soon the plan's meeting is due come
from each county's file and the individual's age, not from the children's guideline."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from accounts.models import Membership
from agreements import schema
from agreements.registry import Catalogue
from plans.deadlines import pending
from plans.establishment import missing_for_establishment
from plans.forms import ConsentForm, DecisionForm, PlanForm
from plans.models import Case, Consent, Guardian
from plans.rules import individual_rules, speaks_as_child
from plans.services import (
    do_decide_to_call,
    do_draft_plan,
    do_open_case,
    do_record_consent,
    do_record_meeting,
    do_send_notice,
)
from plans.tests.test_case_steps import OPENED

D = datetime.date.fromisoformat
ADULT = "19780614-2381"  # 48 in 2026
ELDERLY = "19380219-2389"  # 88 in 2026
CHILD = "20140312-2391"

Giver = schema.ConsentGiverKind


def _individual(county: str, document: str) -> schema.IndividualLevel:
    return Catalogue().find(county, document, 1).agreement.individual


def test_norrbus_keeps_its_numbers_and_names_who_consents():
    norrbus = _individual("norrbotten", "norrbus")
    assert [(g.max_age, g.min_age) for g in norrbus.target_groups] == [(20, None)]
    assert norrbus.network_meeting.notice.working_days == 5
    assert norrbus.network_meeting.meeting.working_days == 10
    at = {age: [g.giver for g in norrbus.consent.givers_at(age)] for age in (10, 17, 18, 20)}
    assert at[10] == at[17] == [Giver.GUARDIANS, Giver.LEGAL_REPRESENTATIVE]
    assert at[18] == at[20] == [Giver.INDIVIDUAL, Giver.LEGAL_REPRESENTATIVE]
    guardians = norrbus.consent.givers[0]
    assert guardians.own_view and "barnet/den unge och föräldrar" in guardians.source.quote


@pytest.mark.parametrize(
    ("county", "document", "groups", "seed_words"),
    [
        (
            "vasterbotten",
            "samverkan-vard-omsorg",
            ["Barn/unga", "Vuxna", "Äldre"],
            "för barn/unga, vuxna och äldre",
        ),
        (
            "vasternorrland",
            "halsam",
            ["Barn och unga", "Vuxna", "Äldre"],
            "Barn och unga, Vuxna, Äldre",
        ),
    ],
)
def test_the_other_counties_state_their_groups_and_the_laws_rules(
    county, document, groups, seed_words
):
    individual = _individual(county, document)
    assert [g.description for g in individual.target_groups] == groups
    assert [(g.min_age, g.max_age) for g in individual.target_groups] == [
        (None, 17),
        (18, 64),
        (65, None),
    ]
    assert seed_words in individual.target_groups[0].source.quote
    # No age stated by the documents: each is marked as the platform's reading.
    assert all(g.source.interpretation for g in individual.target_groups)
    assert individual.target_group_at(40).description == "Vuxna"
    assert individual.target_group_at(88).description == "Äldre"
    # No number of days stated: as soon as possible from consent, the law's words quoted.
    for rule in (individual.network_meeting.notice, individual.network_meeting.meeting):
        assert rule.working_days is None
        assert rule.counted_from == schema.DeadlineStart.CONSENT
        assert rule.source.quote == "Arbetet med planen ska påbörjas utan dröjsmål."
        assert rule.source.interpretation
    assert [g.giver for g in individual.consent.givers_at(40)] == [
        Giver.INDIVIDUAL,
        Giver.LEGAL_REPRESENTATIVE,
    ]
    assert [g.giver for g in individual.consent.givers_at(12)][0] == Giver.GUARDIANS
    assert individual.coordinator is None  # the law names no coordinator


def test_consent_must_cover_every_age_of_the_target_groups():
    with pytest.raises(ValueError, match=" 18 "):
        schema.IndividualLevel.model_validate(
            {
                "source": "x",
                "target_groups": [{"description": "Alla", "source": "x"}],
                "consent": {
                    "source": "x",
                    "givers": [{"giver": "guardians", "max_age": 17, "source": "x"}],
                },
            }
        )


@pytest.fixture
def vasterbotten(db):
    from structure.tests.builders import loaded_county, organisation

    county = loaded_county("vasterbotten")
    social = organisation(county, "umea", "social_services")
    region = organisation(county, "region-vasterbotten", "health_care")
    user = get_user_model().objects.create_user("socialsekreterare", password="x" * 16)
    Membership.objects.create(user=user, organisation=social, role="unit_manager")
    user.refresh_from_db()
    return user, social, region


def _open(user, social, number=ADULT, **fields):
    case = do_open_case(
        user,
        organisation=social,
        identity_number=number,
        name="Anders Lundmark",
        concern="Oro.",
        **fields,
    )
    # The examples run through 2026: the case was opened before them.
    Case.objects.filter(pk=case.pk).update(opened_at=OPENED)
    case.refresh_from_db()
    return case


def test_an_adult_has_no_guardians_but_may_have_a_representative(vasterbotten):
    user, social, _region = vasterbotten
    with pytest.raises(ValidationError) as refused:
        _open(user, social, guardians=("Maria Lundmark",))
    assert "guardians" in refused.value.message_dict
    case = _open(user, social, representative="Per Lundmark", representative_kind="administrator")
    assert [(g.name, g.kind) for g in case.individual.guardians.all()] == [
        ("Per Lundmark", Guardian.Kind.ADMINISTRATOR)
    ]


def test_an_adult_consents_himself_and_the_deadlines_are_as_soon_as_possible(vasterbotten):
    user, social, region = vasterbotten
    case = _open(user, social)
    with pytest.raises(ValidationError) as refused:
        do_record_consent(
            user,
            case,
            given_by="Maria Lundmark",
            given_as="guardians",
            given_how="writing",
            given_on=D("2026-03-02"),
            organisations=[region],
        )
    assert "given_as" in refused.value.message_dict
    with pytest.raises(ValidationError, match="god man"):
        do_record_consent(
            user,
            case,
            given_by="Per Lundmark",
            given_as="legal_representative",
            given_how="writing",
            given_on=D("2026-03-02"),
            organisations=[region],
        )
    consent = do_record_consent(
        user,
        case,
        given_by="Anders Lundmark",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[region],
    )
    assert consent.given_as == Consent.GivenAs.INDIVIDUAL
    rules = individual_rules(case.individual.county)[0]
    assert [(due.step, due.on) for due in pending(case, rules)] == [
        ("notice", None),
        ("meeting", None),
    ]
    case.refresh_from_db()
    assert case.due_as_soon_as_possible and case.next_due_on is None


def test_an_elderly_persons_representative_consents_with_her_own_view(vasterbotten):
    user, social, region = vasterbotten
    case = _open(user, social, number=ELDERLY, representative="Per Sjöberg")
    consent = do_record_consent(
        user,
        case,
        given_by="Per Sjöberg",
        given_as="legal_representative",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[region],
        child_view="Vill bo kvar hemma.",
    )
    assert consent.given_as == Consent.GivenAs.LEGAL_REPRESENTATIVE


def test_a_childs_consent_in_vasterbotten_is_the_guardians(vasterbotten):
    user, social, region = vasterbotten
    case = _open(user, social, number=CHILD, guardians=("Maria Lantto",))
    consent = do_record_consent(
        user,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[region],
    )
    assert consent.given_as == Consent.GivenAs.GUARDIANS
    rules = individual_rules(case.individual.county)[0]
    assert speaks_as_child(rules.consent, case.individual.birth_date, D("2026-03-02"))


def test_an_adults_pages_speak_of_the_individual_not_the_child(vasterbotten):
    user, social, region = vasterbotten
    case = _open(user, social)
    form = ConsentForm(case=case)
    assert str(form.fields["child_view"].label) == "Den enskildes egen mening"
    assert [value for value, _label in form.fields["given_as"].choices] == [
        "individual",
        "legal_representative",
    ]
    assert "vårdnadshavar" not in str(form.fields["given_by"].help_text)
    do_record_consent(
        user,
        case,
        given_by="Anders Lundmark",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[region],
    )
    case.refresh_from_db()
    assert str(DecisionForm(case=case).fields["participants"].label) == (
        "Deltar utöver den enskilde"
    )
    plan_form = PlanForm(county=case.individual.county, as_child=False)
    assert "legala företrädare" in str(plan_form.fields["approved_by"].help_text)


def test_an_adults_plan_waits_for_his_own_approval(vasterbotten):
    user, social, region = vasterbotten
    case = _open(user, social)
    do_record_consent(
        user,
        case,
        given_by="Anders Lundmark",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[region],
    )
    do_decide_to_call(user, case, decided_on=D("2026-03-03"), participants=[region])
    do_send_notice(user, case, sent_on=D("2026-03-04"))
    do_record_meeting(user, case, held_on=D("2026-03-10"))
    plan = do_draft_plan(user, Case.objects.get(pk=case.pk), based_on=0, interventions=[])
    rules = individual_rules(case.individual.county)[0]
    missing = missing_for_establishment(plan, rules, D("2026-03-10"))
    assert "Godkännande av personen eller den legala företrädaren." in missing
    assert not any("vårdnadshavar" in text for text in missing)
    # No coordinator rule in Västerbotten's file: none is asked for.
    assert not any("amordnare" in text for text in missing)


@pytest.mark.django_db
def test_the_demo_has_an_adult_and_an_elderly_persons_case():
    from accounts.demo import ensure_demo_users
    from plans.demo import ensure_adult_demo_cases
    from structure.demo import ensure_demo_structure
    from structure.tests.builders import loaded_county

    for county in ("vasterbotten", "vasternorrland"):
        loaded_county(county)
        ensure_demo_structure(county)
    ensure_demo_users()
    assert ensure_adult_demo_cases() == 2
    assert ensure_adult_demo_cases() == 0
    adult = Case.objects.get(name_as_given="Anders Lundmark")
    elderly = Case.objects.get(name_as_given="Gunhild Sjöberg")
    assert (adult.individual.county.slug, adult.state) == ("vasterbotten", Case.State.PLANNED)
    assert (elderly.individual.county.slug, elderly.state) == ("vasternorrland", Case.State.MET)
    assert adult.consents.get().given_as == Consent.GivenAs.INDIVIDUAL
    assert elderly.consents.get().given_as == Consent.GivenAs.LEGAL_REPRESENTATIVE
    assert elderly.individual.guardians.get().kind == Guardian.Kind.TRUSTEE
