"""Fixtures for the structure pages: the seeds loaded, and a synthetic county many times larger."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.services import load_county
from structure.synthetic import create_synthetic_county


@pytest.fixture
def norrbotten(db):
    load_county("norrbotten")
    return "norrbotten"


@pytest.fixture
def big_county(db):
    """A county with 60 municipalities in 8 areas and four more bodies per municipality."""
    return create_synthetic_county(99, municipalities=60, areas=8).slug


@pytest.fixture
def queries(client):
    """The number of SQL queries a page takes (after a first request warms the caches)."""

    def count(url: str) -> int:
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    return count


@pytest.fixture
def coordinator(client, db):
    """The client, logged in as a collaboration coordinator."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts.roles import COORDINATOR_GROUP

    user = get_user_model().objects.create_user("samordnare", password="x" * 16)
    user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    client.force_login(user)
    return client
