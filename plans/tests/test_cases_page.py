"""The list of every case an organisation sees (no names), and a case found by the identity
number: the name shown, the read audited, the number never in the address or the page."""

import pytest

from audit.models import AuditEvent

from .test_case_pages import setting, verified_login  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_every_case_listed_without_names(client, setting):  # noqa: F811
    case, users = setting
    verified_login(client, users["kurator"])
    page = client.get("/arenden/lista/")
    assert page.status_code == 200 and list(page.context["page"]) == [case]
    assert "Elsa Lantto" not in page.content.decode()
    verified_login(client, users["kalix"])  # named in the consent, not taking part
    assert list(client.get("/arenden/lista/").context["page"]) == []


def test_a_case_found_by_identity_number(client, setting):  # noqa: F811
    case, users = setting
    verified_login(client, users["kurator"])
    found = client.post("/arenden/lista/", {"identity_number": "201403122391"})
    html = found.content.decode()
    assert found.context["found"] == [case] and "Elsa Lantto" in html
    assert "201403122391" not in html and "20140312-2391" not in html
    read = AuditEvent.objects.filter(action="read", object_id=str(case.pk)).get()
    assert read.individual_id == case.individual_id
    wrong = client.post("/arenden/lista/", {"identity_number": "20140312-2392"})
    assert wrong.context["form"].errors and wrong.context["found"] is None
    verified_login(client, users["kalix"])
    assert (
        client.post("/arenden/lista/", {"identity_number": "201403122391"}).context["found"] == []
    )
