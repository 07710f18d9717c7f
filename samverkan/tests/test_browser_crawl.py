"""Every page the platform serves, WCAG 2.1 AA (axe) at 320 px and 1280 px, nothing scrolling
sideways at 320 px, and every form's errors shown the same way (samverkan/crawl.py says how).

The demo's three counties give the objects, with a person's and an organisation's name of 200
characters beside the longest real names. The suite crawls one user of each kind of role;
`make crawl` (SAMVERKAN_CRAWL=full) every demo user and every role that reached each page. The
figures are written to var/crawl/report.json (SAMVERKAN_CRAWL_REPORT).
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from accounts.demo import DEMO_USERS
from samverkan import crawl, crawl_seed
from structure.models import Organisation, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FULL = os.environ.get("SAMVERKAN_CRAWL") == "full"
LONG_PERSON = ("Anna-Karin Margareta Elisabeth " * 7).strip()[:200]
LONG_ORGANISATION = ("Förvaltningen för hälso- och sjukvård, socialtjänst och utbildning " * 3)[
    :200
].strip()


@pytest.fixture
def demo(live_server):
    if connection.vendor != "sqlite":
        pytest.skip(
            "The crawl runs once, on SQLite: the pages are the same on PostgreSQL, and one "
            "browser run keeps `make test` within its time."
        )
    with override_settings(DEBUG=True):
        call_command("demo", verbosity=0)
    # The names that must still wrap at 320 px: 200 characters, where the most pages show them.
    Organisation.objects.filter(key="lulea-socialtjansten").update(name=LONG_ORGANISATION)
    Person.objects.filter(user__username="ordforande").update(name=LONG_PERSON)
    # The states the demo does not show, and where the roles find them.
    return live_server.url, crawl_seed.seed()


def test_every_page_is_wcag_21_aa_at_320_and_1280_px(demo, browser):
    base_url, where = demo
    roles = [crawl.ANONYMOUS, crawl.GUARDIAN, crawl.PASSWORD_ONLY]
    if FULL:
        roles += [name for name, *_rest in DEMO_USERS]
        per_route, roles_per_route = 4, None
    else:
        roles += crawl.SUITE_USERS
        per_route, roles_per_route = 1, 1
    report = crawl.crawl(browser, base_url, roles, per_route, roles_per_route, {}, where)
    target = Path(
        os.environ.get("SAMVERKAN_CRAWL_REPORT", settings.VAR_DIR / "crawl" / "report.json")
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(crawl.summary(report))

    assert report["violations"] == [], "\n".join(report["violations"])
    # Every pattern is reached, or not opened for a reason crawl.NOT_OPENED gives: a new page
    # that no role is shown fails here until the seed (crawl_seed) gives it an instance.
    assert report["unaccounted"] == [], "\n".join(report["unaccounted"])
    assert set(report["roles_used"]) == set(roles)
