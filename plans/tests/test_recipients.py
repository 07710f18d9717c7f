"""A consent's recipients: only the principals' units that work with individuals, grouped by
principal and kind of unit, with whole groups to choose at once; the same organisations are
named whichever way they were chosen."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Membership
from plans.forms import ConsentForm
from structure.models import Organisation

from .test_case_pages import verified_login
from .test_case_steps import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    school = Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    Membership.objects.create(user=user, organisation=school, role="professional")
    return open_case(user, school), user


def form(case, **data):
    given = {"version": case.version, "given_by": "Maria", "given_how": "writing"}
    return ConsentForm({**given, "given_on": "2026-03-02", **data}, case=case)


def names(organisations):
    return sorted(o.name for o in organisations)


def test_only_units_that_work_with_individuals(case):
    case, _user = case
    listed = names(form(case).fields["organisations"].queryset)
    assert "Socialtjänsten, Luleå kommun" in listed
    assert "Division Närsjukvård, Region Norrbotten" in listed
    assert "Barn- och utbildningsförvaltningen, Luleå kommun" not in listed  # opened it
    for other in ("Förtroendevalda", "Kansliet", "Norrbottens Kommuner"):
        assert not [name for name in listed if other in name], other


def test_whole_groups_choose_every_unit_of_the_group(case):
    case, _user = case
    choices = dict(form(case).fields["groups"].choices)
    assert choices["sector:region-norrbotten:health_care"] == (
        "Hela hälso- och sjukvården i Region Norrbotten"
    )
    assert choices["principal:kalix"] == "Hela Kalix kommun: socialtjänst, skola"
    # A group of one is the organisation's own checkbox already.
    assert "sector:kalix:social_services" not in choices
    assert "principal:region-norrbotten" not in choices  # one sector: its group says it
    social = Organisation.objects.get(key="lulea-socialtjansten")
    chosen = form(
        case,
        organisations=[social.pk],
        groups=["sector:region-norrbotten:health_care", "principal:kalix"],
    )
    assert chosen.is_valid(), chosen.errors
    health_care = Organisation.objects.filter(principal="region-norrbotten", sector="health_care")
    assert names(chosen.cleaned_data["organisations"]) == sorted(
        [
            social.name,
            "Socialtjänsten, Kalix kommun",
            "Barn- och utbildningsförvaltningen, Kalix kommun",
        ]
        + names(health_care)
    )


def test_nothing_chosen_is_refused_with_a_message(case):
    case, _user = case
    empty = form(case)
    assert not empty.is_valid()
    assert empty.errors["organisations"] == ["Ange vilka organisationer uppgifterna får delas med."]
    assert not form(case, groups=["principal:no-such"]).is_valid()


def test_the_region_and_the_own_municipality_come_first(case):
    case, _user = case
    layout = form(case).recipient_layout()
    assert [g.name for g in layout.near] == ["Region Norrbotten", "Luleå kommun"]
    assert "Kalix kommun" in [g.name for g in layout.far] and not layout.far_chosen
    kalix = Organisation.objects.get(key="kalix-socialtjansten")
    assert form(case, organisations=[kalix.pk]).recipient_layout().far_chosen


def test_the_case_page_shows_the_groups(client, case):
    case, user = case
    verified_login(client, user)
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Hela hälso- och sjukvården i Region Norrbotten" in html
    assert "Förtroendevalda" not in html and "Kansliet" not in html


def test_a_consent_recorded_with_a_whole_group(client, case):
    case, user = case
    verified_login(client, user)
    response = client.post(
        f"/arenden/{case.pk}/steg/",
        {
            "version": case.version,
            "given_by": "Maria Lantto",
            "given_how": "writing",
            "given_on": timezone.localdate(case.opened_at).isoformat(),
            "groups": ["sector:region-norrbotten:health_care"],
        },
    )
    assert response.status_code == 302
    health_care = Organisation.objects.filter(principal="region-norrbotten", sector="health_care")
    shared = set(case.consents.get().organisations.all())
    assert set(health_care) <= shared and case.opening_organisation in shared
