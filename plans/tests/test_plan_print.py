"""A plan printed from its page says whose plan it is, which version, and who approved it; the
menu is not printed (samverkan.css, `@media print`)."""

import pytest

from plans.services import do_draft_plan

from .test_case_pages import verified_login
from .test_plan_pages import complete

pytestmark = pytest.mark.django_db


def test_the_printed_plan_names_the_individual_the_version_and_the_approval(client, met_case, orgs):
    case, user = met_case
    do_draft_plan(user, case, based_on=0, **complete(orgs))
    verified_login(client, user)
    html = client.get(f"/arenden/{case.pk}/plan/1/").content.decode()
    header = html[
        html.index('class="print-only print-header"') : html.index(
            "</dl>", html.index("print-header")
        )
    ]
    assert "Elsa Lantto, född 2014-03-12" in header
    assert f"Ärende {case.pk}, öppnat av Barn- och utbildningsförvaltningen" in header
    assert "Version 1, ett utkast: inte upprättad" in header
    assert "Godkänd av" in header and "Utskriven" in header
    assert '<p class="no-print">' in html
