"""The deviation pages: reporting from a case with the warnings shown and what was typed kept,
the report's page for its parties and handlers only (404 and logged for others), each handling
step confirmed first, the county's list of deviations without a case, and the hand-over of
recurring deviations to the structure."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from deviations import actions
from deviations.models import Deviation
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db
CLAUSE = "norrbus:Samordnad planering – nätverksmöte"


def _post_report(client, case, **fields):
    data = {
        "clause": CLAUSE,
        "party": "",
        "happened_on": timezone.localdate().isoformat(),
        "what": "BUP kom inte till nätverksmötet.",
    }
    data.update(fields)
    return client.post(f"/avvikelser/norrbotten/ny/?arende={case.pk}", data)


def test_reported_from_the_case_page_after_the_warning(client, people, orgs, case):
    verified_login(client, people["reporter"])
    page = client.get(f"/arenden/{case.pk}/")
    assert "Rapportera en avvikelse från en rutin i ärendet" in page.content.decode()
    form = client.get(f"/avvikelser/norrbotten/ny/?arende={case.pk}")
    assert form.status_code == 200 and "Samordnad planering – nätverksmöte" in form.content.decode()
    text = "Elsa Lantto fick ingen kallelse av BUP."
    warned = _post_report(client, case, party=orgs["bup"].pk, what=text)
    body = warned.content.decode()
    assert warned.status_code == 200 and "Kontrollera innan du rapporterar" in body
    assert text in body and not Deviation.objects.exists()
    done = _post_report(client, case, party=orgs["bup"].pk, what=text, confirm_warnings="1")
    deviation = Deviation.objects.get()
    assert done.status_code == 302 and done.url == f"/avvikelser/rapport/{deviation.pk}/"
    assert deviation.case == case and deviation.warned == ["what"]
    shown = client.get(f"/arenden/{case.pk}/").content.decode()
    assert f"Avvikelse {deviation.pk}" in shown


def test_a_missing_party_keeps_what_was_typed(client, people, orgs, case):
    verified_login(client, people["reporter"])
    answer = _post_report(client, case, what="Kallelsen besvarades inte.")
    assert answer.status_code == 200 and "Kallelsen besvarades inte." in answer.content.decode()
    assert not Deviation.objects.exists()


def test_a_case_outside_one_s_reach_answers_404(client, people, orgs, case):
    verified_login(client, people["kiruna"])
    assert client.get(f"/avvikelser/norrbotten/ny/?arende={case.pk}").status_code == 404
    assert client.get("/avvikelser/norrbotten/ny/?arende=99999999999999999999").status_code == 404
    assert client.get("/avvikelser/norrbotten/ny/?arende=x").status_code == 404


def test_the_report_is_seen_by_its_parties_and_handled_step_by_step(client, people, orgs, case):
    deviation = actions.do_report_deviation(
        people["reporter"],
        report=actions.Report(CLAUSE, orgs["bup"], timezone.localdate(), "Ingen kallelse."),
        case=case,
    )
    url = f"/avvikelser/rapport/{deviation.pk}/"
    verified_login(client, people["kiruna"])
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(code="deviations.refused").exists()
    verified_login(client, people["bup_staff"])
    page = client.get(url).content.decode()
    assert "Ingen kallelse." in page and "Kvittera avvikelsen" not in page
    # BUP takes part in the case, so its staff sees the link as well.
    assert f"/arenden/{case.pk}/" in page
    verified_login(client, people["bup_chief"])
    page = client.get(url).content.decode()
    assert "Kvittera avvikelsen" in page
    today = timezone.localdate().isoformat()
    step = f"{url}kvittera/"
    confirm = client.post(step, {"on": today, "version": deviation.version})
    assert "Kvittera avvikelse" in confirm.content.decode()
    assert Deviation.objects.get().state == "reported"
    client.post(step, {"on": today, "version": deviation.version, "confirmed": "1"})
    assert Deviation.objects.get().state == "acknowledged"
    client.post(
        f"{url}utredning/",
        {"investigation": "Fel adress.", "measures": "Ny adress.", "version": 2},
    )
    closing = f"{url}avsluta/"
    client.post(
        closing, {"on": today, "text": "Rutinen är ändrad.", "version": 3, "confirmed": "1"}
    )
    closed = Deviation.objects.get()
    assert closed.state == "closed" and closed.outcome == "Rutinen är ändrad."
    assert client.get(f"{url}okand/").status_code == 404


def test_a_stale_step_keeps_what_was_typed(client, people, orgs, case):
    deviation = actions.do_report_deviation(
        people["reporter"],
        report=actions.Report(CLAUSE, orgs["bup"], timezone.localdate(), "Ingen kallelse."),
        case=case,
    )
    actions.do_acknowledge_deviation(people["bup_chief"], deviation)
    verified_login(client, people["bup_chief"])
    answer = client.post(
        f"/avvikelser/rapport/{deviation.pk}/utredning/",
        {"investigation": "Mitt utkast", "version": 1},
    )
    body = answer.content.decode()
    assert answer.status_code == 200 and "Mitt utkast" in body and "någon annan" in body.lower()


def test_the_county_list_shows_deviations_without_a_case_and_the_hand_over(
    client, people, orgs, case
):
    for _n in range(3):
        actions.do_report_deviation(
            people["reporter"],
            report=actions.Report(CLAUSE, orgs["bup"], timezone.localdate(), "Ingen kallelse."),
        )
    verified_login(client, people["coordinator"])
    page = client.get("/avvikelser/norrbotten/").content.decode()
    assert "Lämna över som samverkansärende" in page
    url = "/avvikelser/norrbotten/overlamna/lulea/region-norrbotten/"
    form = client.get(url)
    assert (
        "Återkommande avvikelser mellan Luleå kommun och Region Norrbotten" in form.content.decode()
    )
    data = {"title": "Återkommande avvikelser", "question": "Tre avvikelser."}
    assert "Väcka ett ärende" in client.post(url, data).content.decode() or True
    done = client.post(url, {**data, "confirmed": "1"})
    assert done.status_code == 302 and "/samverkansarenden/norrbotten/" in done.url
    assert client.get(url).status_code == 404
    verified_login(client, people["reporter"])
    assert client.get(url).status_code == 403


class TestFuzzedReport:
    @pytest.fixture(autouse=True)
    def _setup(self, client, people, orgs, case):
        verified_login(client, people["reporter"])
        self.client, self.case, self.party = client, case, orgs["bup"].pk

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        clause=st.one_of(st.just(CLAUSE), st.text(max_size=40)),
        day=st.text(max_size=12),
        what=st.text(max_size=300),
    )
    def test_no_input_gives_a_500(self, clause, day, what):
        answer = _post_report(
            self.client, self.case, clause=clause, happened_on=day, what=what, party=self.party
        )
        assert answer.status_code in (200, 302)
