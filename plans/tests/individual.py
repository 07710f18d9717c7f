"""Builders shared by the tests of the individual level's apps (placements, deviations,
disputes): Norrbotten's organisations by name, a user with a membership, and a case opened by
Luleå's school that others take part in under the guardians' consent."""

import datetime

from django.contrib.auth import get_user_model

from accounts.models import Membership
from plans.services import do_decide_to_call, do_record_consent
from structure.models import Organisation

from .test_case_steps import open_case

NORRBOTTEN = {
    "school": "lulea-barn-och-utbildning",
    "social": "lulea-socialtjansten",
    "primary": "region-norrbotten-narsjukvard",
    "bup": "region-norrbotten-barn-och-ungdomspsykiatri",
    "kiruna": "kiruna-socialtjansten",
    "kalix": "kalix-socialtjansten",
    "association": "norrbottens-kommuner-social-valfard-och-utbildning",
}


def norrbotten_organisations(*names: str) -> dict[str, Organisation]:
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    return {name: Organisation.objects.get(county=county, key=NORRBOTTEN[name]) for name in names}


def user_of(organisation, name: str, role: str = Membership.Role.PROFESSIONAL):
    user = get_user_model().objects.create_user(name, password="x" * 16, email=f"{name}@example.se")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def consented_case(opener, opening, taking_part, consent_on: datetime.date, called_on):
    """A case `opener` opens at `opening`, with consent for `taking_part` and the decision to
    call them to a network meeting."""
    case = open_case(opener, opening)
    do_record_consent(
        opener,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=consent_on,
        organisations=taking_part,
    )
    do_decide_to_call(opener, case, decided_on=called_on, participants=taking_part)
    case.refresh_from_db()
    return case
