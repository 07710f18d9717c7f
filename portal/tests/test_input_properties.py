"""Whatever is typed or put in an address, My pages and the guardians' page answer with a page,
never a server error, and keep nothing they should not."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.models import GuardianIdentity
from portal.visitor import SESSION_KEY

from .conftest import GUARDIAN, enter, log_in_staff

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.text(max_size=60) | st.sampled_from(["", "\x00", "2032-02-30", "-1", "9" * 30])
ids = st.integers(min_value=-(2**70), max_value=2**70)


@FUZZ
@given(identity_number=texts, ends=texts, guardian=texts, version=texts)
def test_the_guardians_form_answers_any_input(
    client, planned, identity_number, ends, guardian, version
):
    case, user = planned
    log_in_staff(client, user)
    response = client.post(
        reverse("portal_staff:guardians", args=[case.pk]),
        {
            "guardian": guardian,
            "identity_number": identity_number,
            "custody_ends_on": ends,
            "version": version,
        },
    )
    assert response.status_code in (200, 302)
    assert not GuardianIdentity.objects.exclude(custody_ends_on__lte="2032-03-12").exists()


@FUZZ
@given(confirmed=texts, pk=ids, consent=ids)
def test_my_pages_answer_any_address_and_form(client, custody, planned, confirmed, pk, consent):
    enter(client, GUARDIAN)
    if pk >= 0 and consent >= 0:
        posted = client.post(
            f"/mina-sidor/arende/{pk}/samtycke/{consent}/aterkalla/", {"confirmed": confirmed}
        )
        assert posted.status_code in (200, 302, 404)
        for path in (f"/mina-sidor/arende/{pk}/", f"/mina-sidor/arende/{pk}/plan/{consent}/"):
            assert client.get(path).status_code in (200, 404)
    assert client.get("/mina-sidor/arende/1/logg/", {"sida": confirmed}).status_code in (200, 404)


@FUZZ
@given(person=texts)
def test_the_demo_login_answers_any_choice(client, custody, person):
    client.cookies.clear()
    response = client.post(reverse("portal:demo_login"), {"person": person})
    assert response.status_code in (302, 400)
    assert (SESSION_KEY in client.session) == (response.status_code == 302)
