"""Each request reads its user with their membership, its organisation and whether they hold a
structure role in one query, and reads it anew: a change counts from the next request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import ModelBackend
from accounts.models import Membership
from accounts.roles import COORDINATOR_GROUP, works_with_individuals

pytestmark = pytest.mark.django_db


@pytest.fixture
def counsellor(db):
    from structure.models import Organisation
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    school = Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    Membership.objects.create(user=user, organisation=school, role="professional")
    return user, school


def test_one_query_gives_the_user_their_organisation_and_roles(counsellor):
    user, school = counsellor
    with CaptureQueriesContext(connection) as captured:
        read = ModelBackend().get_user(user.pk)
        assert works_with_individuals(read)
        assert read.membership.organisation == school
    assert len(captured) == 1


def test_a_structure_role_or_a_new_membership_counts_from_the_next_read(counsellor):
    user, school = counsellor
    user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    read = ModelBackend().get_user(user.pk)
    assert not works_with_individuals(read)
    user.groups.clear()
    Membership.objects.filter(user=user).update(role="auditor")
    assert not works_with_individuals(ModelBackend().get_user(user.pk))
    Membership.objects.filter(user=user).delete()
    without = ModelBackend().get_user(user.pk)
    assert without == user and not works_with_individuals(without)


def test_no_user_for_an_unknown_or_disabled_account(counsellor):
    user, _ = counsellor
    assert ModelBackend().get_user(user.pk + 1000) is None
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert ModelBackend().get_user(user.pk) is None


def test_a_logged_in_page_reads_the_user_through_it(client, counsellor):
    user, _ = counsellor
    client.force_login(user)
    assert "Logga ut" in client.get("/").content.decode()
    assert client.session["_auth_user_backend"] == "accounts.backends.ModelBackend"
