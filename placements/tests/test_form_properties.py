"""No input to the placements' forms gives a server error: whatever is typed is answered with
the form and its reasons (200), or saved (302), and nothing half-made is kept."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placements import actions
from placements.models import CostAllocation, Placement
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TYPED = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2026-03-02", "2025-01-01", "9999-12-31", "0", "-1", "100", "101", "\x00"]),
)


@pytest.fixture
def logged_in(client, people):
    verified_login(client, people["socialsekreterare"])
    return client


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            name: TYPED
            for name in (
                "kind",
                "care",
                "urgency",
                "decided_on",
                "deciding_organisation",
                "starts_on",
                "ends_on",
                "version",
            )
        },
    )
)
def test_the_placement_form_never_fails(logged_in, case, data):
    response = logged_in.post(f"/placeringar/arende/{case.pk}/ny/", data)
    assert response.status_code in (200, 302)
    for placement in Placement.objects.all():
        assert (
            timezone.localdate(placement.case.opened_at)
            <= placement.decided_on
            <= placement.starts_on
        )


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            name: TYPED
            for name in (
                "agreed_on",
                "note",
                "version",
                "percent-lulea",
                "covers-lulea",
                "percent-region-norrbotten",
                "percent-kalix",
            )
        },
    )
)
def test_the_cost_allocation_form_never_fails(logged_in, case, orgs, people, data):
    placement = Placement.objects.filter(case=case).first() or actions.do_record_placement(
        people["socialsekreterare"],
        case,
        kind="sis",
        compulsory=True,
        acute=True,
        decided_on=timezone.localdate(case.opened_at),
        deciding_organisation=orgs["social"],
        starts_on=timezone.localdate(case.opened_at),
    )
    response = logged_in.post(f"/placeringar/{placement.pk}/kostnadsfordelning/", data)
    assert response.status_code in (200, 302, 409)
    for allocation in CostAllocation.objects.all():
        assert sum(s.percent for s in allocation.shares.all()) == 100
