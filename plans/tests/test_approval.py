"""How the plan was approved (at the network meeting, signed on paper, digitally on My pages,
orally): recorded with the approval in the draft (form and API), required to establish the plan,
shown on the plan page, in the SIP PDF and in the FHIR bundle's note; a plan approved before it
was asked says "not recorded". Who approved is named as the consent rules name them: the
guardians of a child, the individual, or a god man or förvaltare of an adult."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from pydantic import ValidationError as SchemaError

from plans.api import PlanIn
from plans.forms import PlanForm
from plans.models import Plan
from plans.services import (
    do_decide_to_call,
    do_draft_plan,
    do_establish_plan,
    do_record_consent,
    do_record_meeting,
    do_send_notice,
)
from plans.tests.test_adults import ELDERLY, _open, vasterbotten  # noqa: F401 (the fixture)

from .test_case_pages import verified_login
from .test_plan import complete
from .test_sip_fhir import url as fhir_url
from .test_sip_fhir import valid
from .test_sip_pdf import text_of
from .test_sip_pdf import url as pdf_url

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def established(met_case, orgs):
    case, user = met_case
    plan = do_draft_plan(user, case, **complete(orgs))
    do_establish_plan(user, plan, on=D("2026-03-13"))
    return case, user


def test_the_plan_is_not_established_without_how_it_was_approved(met_case, orgs):
    case, user = met_case
    plan = do_draft_plan(user, case, **complete(orgs, approved_how=""))
    with pytest.raises(ValidationError) as error:
        do_establish_plan(user, plan, on=D("2026-03-13"))
    assert error.value.messages == [
        "Hur personen eller vårdnadshavarna godkände den: vid nätverksmötet, genom underskrift "
        "på papper, digitalt eller muntligt."
    ]
    plan = do_draft_plan(user, case, based_on=1, **complete(orgs, approved_how="on_paper"))
    assert do_establish_plan(user, plan, on=D("2026-03-13")).approved_how == "on_paper"


def test_the_form_and_the_api_take_only_the_four_ways(orgs):
    county = orgs["lulea-socialtjansten"].county
    form = PlanForm({"based_on": 0, "version": 1, "approved_how": "by_mail"}, county=county)
    assert not form.is_valid() and "approved_how" in form.errors
    assert [value for value, _label in PlanForm(county=county).fields["approved_how"].choices] == [
        "",
        "at_meeting",
        "on_paper",
        "digitally",
        "orally",
    ]
    with pytest.raises(SchemaError):
        PlanIn.model_validate({"based_on": 0, "approved_how": "by_mail"})
    assert PlanIn.model_validate({"based_on": 0, "approved_how": "orally"}).approved_how == "orally"


def test_the_page_the_pdf_and_the_bundle_say_how(client, established):
    case, user = established
    verified_login(client, user)
    page = client.get(f"/arenden/{case.pk}/plan/1/").content.decode()
    assert "Hur planen godkändes" in page and "vid nätverksmötet" in page
    _reader, text = text_of(client.get(pdf_url(case)))
    assert "Hur planen godkändes vid nätverksmötet" in text
    assert "Maria Lantto (vårdnadshavare) (vårdnadshavarna)" in text
    assert "Vårdnadshavare Maria Lantto" in text
    care_plan = valid(client.get(fhir_url(case)).json())["CarePlan"][0]
    assert "Planen är godkänd av vårdnadshavarna, vid nätverksmötet." in [
        note["text"] for note in care_plan["note"]
    ]


def test_a_plan_approved_before_it_was_asked_says_not_recorded(client, established):
    case, user = established
    Plan.objects.filter(case=case).update(approved_how="")
    verified_login(client, user)
    page = client.get(f"/arenden/{case.pk}/plan/1/")
    assert page.status_code == 200 and "inte antecknat" in page.content.decode()
    _reader, text = text_of(client.get(pdf_url(case)))
    assert "Hur planen godkändes inte antecknat" in text
    care_plan = valid(client.get(fhir_url(case)).json())["CarePlan"][0]
    assert any("inte antecknat" in note["text"] for note in care_plan["note"])


def test_an_elderly_persons_god_man_is_named_so_not_guardian(client, vasterbotten):  # noqa: F811
    user, social, region = vasterbotten
    case = _open(user, social, number=ELDERLY, representative="Per Sjöberg")
    do_record_consent(
        user,
        case,
        given_by="Per Sjöberg",
        given_as="legal_representative",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[region],
    )
    do_decide_to_call(user, case, decided_on=D("2026-03-03"), participants=[region])
    do_send_notice(user, case, sent_on=D("2026-03-04"))
    do_record_meeting(user, case, held_on=D("2026-03-10"))
    case.refresh_from_db()
    do_draft_plan(
        user,
        case,
        based_on=0,
        interventions=[],
        approved_by="Per Sjöberg",
        approved_on=D("2026-03-10"),
        approved_how="orally",
    )
    verified_login(client, user)
    _reader, text = text_of(client.get(pdf_url(case)))
    assert "God man Per Sjöberg" in text and "Vårdnadshavare" not in text
    assert "Godkänd av Per Sjöberg (den legala företrädaren)" in text
    assert "Hur planen godkändes muntligt" in text
