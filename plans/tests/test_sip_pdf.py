"""The SIP as a PDF: the filled-in form of Norrbus' Bilaga 2 for any version, a draft marked as
one on every page; tagged for a screen reader, in Swedish, under its title; downloaded only by
those who may read the case (the same 404 otherwise, logged) and audited as a read."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from accounts.models import Membership
from audit.models import AuditEvent
from plans.services import do_draft_plan, do_establish_plan
from structure.models import Organisation

from .test_case_pages import verified_login
from .test_plan import complete

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def url(case, number=1):
    return f"/arenden/{case.pk}/plan/{number}/pdf/"


def text_of(response) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(response.content))
    # Extraction breaks lines where the table cells wrap: the words are compared, not the lines.
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"/ ", "/", re.sub(r"\s+", " ", text))


@pytest.fixture
def established(met_case, orgs):
    case, user = met_case
    school, social, bup = orgs.values()
    plan = do_draft_plan(
        user,
        case,
        **complete(
            orgs,
            plan_owner_name="Per Nordin",
            plan_owner_organisation=social,
            no_further_action=[{"organisation": school, "statement": "Stödet ges redan."}],
        ),
    )
    do_establish_plan(user, plan, on=D("2026-03-13"))
    return case, user


def outsider(case):
    """A worker of Kalix's social services, which takes no part in the case."""
    organisation = Organisation.objects.get(
        county=case.individual.county, key="kalix-socialtjansten"
    )
    user = get_user_model().objects.create_user("kalix")
    Membership.objects.create(user=user, organisation=organisation, role="professional")
    return user


def test_the_established_plan_is_the_filled_in_form(client, established, orgs):
    case, user = established
    verified_login(client, user)
    response = client.get(url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="SIP-arende-{case.pk}-version-1.pdf"'
    )
    reader, text = text_of(response)
    for expected in (
        "Samordnad individuell plan (SIP)",
        "Version 1, upprättad 2026-03-13.",
        # The individual.
        "Elsa Lantto",
        "20140312-2391",
        "Maria Lantto",
        # The participants and their organisations, with the principals.
        *(o.name for o in orgs.values()),
        "öppnade ärendet",
        "samordnarens organisation",
        "Luleå kommun",
        "Region Norrbotten",
        # Needs, interventions with principal, scope, performer and follow-up.
        "Stöd i skolan, utredning av neuropsykiatriska svårigheter",
        "Neuropsykiatrisk utredning",
        "Fyra besök",
        "BUP Luleå",
        "Nytt nätverksmöte, 2026-05-20",
        "Särskilt stöd i matematik och svenska",
        # Measures by others, no further intervention, responsibility.
        "Inga.",
        "Stödet ges redan.",
        "Karin Holm",
        "Per Nordin",
        # Consent, approval, version.
        "skriftligt",
        "2026-03-02",
        "Maria Lantto (vårdnadshavare)",
        "2026-03-12",
        "1 av 1",
        # Page numbers.
        "Sida 1 av",
    ):
        assert expected in text, expected
    assert "UTKAST" not in text
    # Tagged, in Swedish, titled: what a screen reader needs (PDF/UA-1).
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == (
        f"Samordnad individuell plan (SIP) – Ärende {case.pk}, version 1"
    )


def test_a_draft_says_so_on_every_page(client, met_case, orgs):
    case, user = met_case
    # Interventions enough to fill more than one page.
    many = complete(orgs)["interventions"] * 12
    do_draft_plan(user, case, **complete(orgs, interventions=many, approved_by=""))
    verified_login(client, user)
    reader, text = text_of(client.get(url(case)))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "UTKAST: inte upprättad, gäller inte" in page.extract_text()
    assert "Version 1 är ett utkast" in text and "inte godkänd än" in text
    assert f"Sida {len(reader.pages)} av {len(reader.pages)}" in text


def test_an_older_version_names_the_newest(client, established, orgs):
    case, user = established
    do_draft_plan(
        user, case, based_on=1, **complete(orgs, needs="Nya behov.", approved_on=D("2026-03-31"))
    )
    verified_login(client, user)
    _reader, old = text_of(client.get(url(case, 1)))
    assert "Version 2 är den senaste." in old and "1 av 2" in old
    _reader, new = text_of(client.get(url(case, 2)))
    assert "Nya behov." in new and "Version 2 är ett utkast" in new


def test_the_download_is_audited_as_a_read(client, established):
    case, user = established
    verified_login(client, user)
    client.get(url(case))
    event = AuditEvent.objects.get(code="plan.pdf_read")
    assert event.action == "read" and event.params == {"n": 1}
    assert event.object_id == str(case.pk) and event.individual_id == case.individual_id
    assert event.actor == user and not event.emergency


@pytest.mark.parametrize("target", ["other_organisation", "no_case", "no_version"])
def test_no_access_is_the_same_404_and_logged(client, established, target):
    case, _user = established
    kalix = outsider(case)
    verified_login(client, kalix)
    address = {
        "other_organisation": url(case),
        "no_case": f"/arenden/{case.pk + 1000}/plan/1/pdf/",
        "no_version": url(case, 7),
    }[target]
    response = client.get(address)
    assert response.status_code == 404
    assert b"Elsa" not in response.content and b"%PDF" not in response.content
    refused = AuditEvent.objects.get(action="refused")
    assert refused.actor == kalix and refused.reason == address
    assert not AuditEvent.objects.filter(code="plan.pdf_read").exists()


def test_a_version_that_does_not_exist_is_404_to_one_who_sees_the_case(client, established):
    case, user = established
    verified_login(client, user)
    assert client.get(url(case, 7)).status_code == 404
    assert not AuditEvent.objects.filter(code="plan.pdf_read").exists()


def test_without_the_second_factor_nothing_is_sent(client, established):
    case, user = established
    client.force_login(user)
    response = client.get(url(case))
    assert response.status_code == 302 and b"%PDF" not in response.content


def test_the_plan_page_and_the_case_page_link_to_it(client, established):
    case, user = established
    verified_login(client, user)
    assert url(case).encode() in client.get(f"/arenden/{case.pk}/plan/1/").content
    assert url(case).encode() in client.get(f"/arenden/{case.pk}/").content
