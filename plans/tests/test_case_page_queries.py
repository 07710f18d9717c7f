"""The case page costs the same number of queries however much the case holds: each thing it
shows is read once per request (the agreement's rules, who the viewer may see), and its lists
in one query each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Guardian, NetworkMeeting
from plans.services import do_record_consent
from structure.models import Organisation

from .conftest import D
from .test_case_pages import verified_login

pytestmark = pytest.mark.django_db


def page_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_as_many_queries_for_a_full_case_as_for_a_bare_one(client, orgs, met_case):
    case, user = met_case
    verified_login(client, user)
    url = f"/arenden/{case.pk}/"
    bare = page_queries(client, url)
    school, social, bup = orgs.values()
    others = list(Organisation.objects.filter(county=school.county).exclude(pk=school.pk)[:6])
    for n in range(3):
        do_record_consent(
            user,
            case,
            given_by=f"Vårdnadshavare {n}",
            given_how="writing",
            given_on=D("2026-03-13"),
            organisations=[social, bup, *others],
        )
        Guardian.objects.create(individual=case.individual, name=f"Vårdnadshavare {n}")
        NetworkMeeting.objects.create(
            case=case, kind="first", called_on=D("2026-03-03"), called_by=user
        )
    case.participants.add(*others)
    assert page_queries(client, url) == bare
    # The things every section asks are read once: the agreement's rules and the individual's
    # registration once each.
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    sql = [query["sql"] for query in captured.captured_queries]
    assert sum('FROM "agreements_agreement"' in s and "in_force" in s for s in sql) <= 2
    assert sum('FROM "plans_guardian"' in s for s in sql) <= 2
