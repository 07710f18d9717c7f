"""The dispute pages: raised from the case page, the other side states its view on the
dispute's page, the body escalates and resolves it, each confirmed first; the case page shows
the open dispute and that the child's interventions continue, then the outcome; a dispute or a
case outside one's reach answers 404, logged."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from disputes import actions
from disputes.models import Dispute
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db


def test_raised_stated_escalated_and_resolved_through_the_pages(client, people, orgs, case):
    verified_login(client, people["social"])
    assert (
        "Ta upp en oenighet om ansvar eller kostnader"
        in client.get(f"/arenden/{case.pk}/").content.decode()
    )
    form = client.get(f"/oenighet/arende/{case.pk}/ny/")
    assert (
        form.status_code == 200
        and "Oenighet vid tillämpning av riktlinjer" in form.content.decode()
    )
    kept = client.post(
        f"/oenighet/arende/{case.pk}/ny/", {"subject": "cost", "statement": "Mitt skäl"}
    )
    assert kept.status_code == 200 and "Mitt skäl" in kept.content.decode()
    done = client.post(
        f"/oenighet/arende/{case.pk}/ny/",
        {"subject": "cost", "respondent": orgs["bup"].pk, "statement": "Regionen bär resorna."},
    )
    dispute = Dispute.objects.get()
    assert done.status_code == 302 and done.url == f"/oenighet/{dispute.pk}/"
    page = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "En oenighet är öppen." in page and "Barnets insatser fortsätter enligt planen" in page

    verified_login(client, people["bup"])
    page = client.get(f"/oenighet/{dispute.pk}/").content.decode()
    assert "Ange er ståndpunkt" in page and "Regionen bär resorna." in page
    client.post(f"/oenighet/{dispute.pk}/", {"text": "Resorna är kommunens."})
    assert dispute.statements.count() == 2

    verified_login(client, people["coordinator"])
    page = client.get(f"/oenighet/{dispute.pk}/").content.decode()
    assert "Lyft vidare till nästa steg" in page and f"/arenden/{case.pk}/" not in page
    today = timezone.localdate().isoformat()
    escalate = f"/oenighet/{dispute.pk}/eskalera/"
    asked = client.post(
        escalate, {"on": today, "text": "Ingen enighet.", "to_step": 1, "version": 1}
    )
    assert "Lyfta oenigheten vidare" in asked.content.decode()
    skipped = client.post(
        escalate, {"on": today, "text": "Hoppa", "to_step": 2, "version": 1, "confirmed": "1"}
    )
    assert skipped.status_code == 200 and "inget steg får hoppas över" in skipped.content.decode()
    client.post(
        escalate,
        {"on": today, "text": "Ingen enighet.", "to_step": 1, "version": 1, "confirmed": "1"},
    )
    client.post(
        escalate,
        {"on": today, "text": "Inte heller här.", "to_step": 2, "version": 2, "confirmed": "1"},
    )
    dispute.refresh_from_db()
    assert dispute.matter.body == "lansstyrgrupp"
    assert client.get(escalate).status_code == 404
    resolve = f"/oenighet/{dispute.pk}/avgor/"
    form = client.get(resolve).content.decode()
    assert "Andel för Luleå kommun (procent)" in form
    wrong = client.post(
        resolve,
        {
            "on": today,
            "outcome": "Delas.",
            "share_lulea": 70,
            "share_region-norrbotten": 20,
            "version": 3,
            "confirmed": "1",
        },
    )
    assert "100" in wrong.content.decode() and "Delas." in wrong.content.decode()
    client.post(
        resolve,
        {
            "on": today,
            "outcome": "Delas lika.",
            "share_lulea": 50,
            "share_region-norrbotten": 50,
            "version": 3,
            "confirmed": "1",
        },
    )
    dispute.refresh_from_db()
    assert dispute.state == "resolved"

    verified_login(client, people["school"])
    page = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "avgjord den" in page and "Delas lika." in page and "Luleå kommun 50 %" in page


def test_outside_the_case_and_the_body_a_dispute_answers_404_logged(client, people, orgs, case):
    dispute = actions.do_raise_dispute(
        people["social"], case, subject="cost", respondent=orgs["bup"], statement="Skäl"
    )
    verified_login(client, people["kiruna"])
    assert client.get(f"/oenighet/{dispute.pk}/").status_code == 404
    assert client.get("/oenighet/999999/").status_code == 404
    assert client.get(f"/oenighet/arende/{case.pk}/ny/").status_code == 404
    assert AuditEvent.objects.filter(code="disputes.refused").count() == 2
    verified_login(client, people["school"])
    # The school takes part but is not the body: it reads, neither states nor handles.
    assert client.get(f"/oenighet/{dispute.pk}/").status_code == 200
    assert client.post(f"/oenighet/{dispute.pk}/", {"text": "x"}).status_code == 403
    assert client.get(f"/oenighet/{dispute.pk}/avgor/").status_code == 403
    assert AuditEvent.objects.filter(code="disputes.read").exists()


class TestFuzzedRaise:
    @pytest.fixture(autouse=True)
    def _setup(self, client, people, orgs, case):
        verified_login(client, people["social"])
        self.client, self.case, self.bup = client, case, orgs["bup"].pk

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        subject=st.text(max_size=20),
        respondent=st.text(max_size=25),
        statement=st.text(max_size=200),
    )
    def test_no_input_gives_a_500(self, subject, respondent, statement):
        answer = self.client.post(
            f"/oenighet/arende/{self.case.pk}/ny/",
            {"subject": subject, "respondent": respondent, "statement": statement},
        )
        assert answer.status_code in (200, 302)
