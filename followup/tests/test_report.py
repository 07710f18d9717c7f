"""The annual report: its sections from the county's own data, the body the agreement names as
its receiver, no data said as such and hidden figures never given, the PDF, each chart's data
as CSV, and who may read it."""

import csv
import datetime
import io
from decimal import Decimal

import pypdf
import pytest
from django.utils import timezone

from followup import report, survey
from followup.charts import BARS, HORIZONTAL, Chart
from followup.survey import Answer
from matters.models import Decision, Matter
from meetings.models import Meeting
from meetings.tests.builders import coordinator, meeting, member, verified_login
from structure.tests.builders import loaded_county, organisation

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def vasterbotten():
    return loaded_county("vasterbotten")


def url(county, tail: str = "") -> str:
    return f"/uppfoljning/arsrapport/{county.slug}/{YEAR}/{tail}"


def meetings_of_the_year(county) -> None:
    day = datetime.date(YEAR, 2, 3)
    meeting(county, "lanssamverkansgrupp", day, status=Meeting.Status.HELD)
    meeting(county, "lanssamverkansgrupp", day.replace(month=5), status=Meeting.Status.HELD)
    meeting(county, "lanssamverkansgrupp", day.replace(month=9), status=Meeting.Status.CANCELLED)
    meeting(county, "samrad-vard-omsorg", day.replace(month=10))
    # Another year's meeting is not this year's.
    meeting(county, "samrad-vard-omsorg", datetime.date(YEAR - 1, 10, 1), status="held")


def answered_survey(county, ratings: list[int]) -> None:
    for i in range(6):
        member(
            county,
            "lanssamverkansgrupp",
            f"s{i}",
            principal="region-vasterbotten",
            username=f"r{i}",
        )
    found = survey.do_open_survey_round(
        coordinator(), county, YEAR, timezone.localdate() + datetime.timedelta(days=7)
    )
    keys = found.question_keys()
    for rating, invitation in zip(ratings, found.invitations.order_by("pk"), strict=False):
        survey.do_answer_survey(
            invitation.person.user, found, {key: Answer(rating) for key in keys}
        )


def test_vasterbottens_report_goes_to_the_leadership_seminar(vasterbotten):
    made = report.annual_report(vasterbotten, YEAR)
    body, follow_up = made.basis
    assert body == "Regionalt ledningsseminarium"  # reported_at of 9. Uppföljning
    assert follow_up.due == datetime.date(2023, 9, 1)
    assert [g.goal.id for g in made.goals][:2] == ["tydligare-struktur", "kontinuitet"]


def test_norrbottens_report_goes_to_the_county_steering_group():
    made = report.annual_report(loaded_county("norrbotten"), YEAR)
    body, follow_up = made.basis
    assert body == "Länsstyrgruppen"
    assert follow_up.source.section == "Länsstyrgruppens uppdrag"


def test_vasternorrlands_report_goes_to_halsams_yearly_theme_meetings():
    made = report.annual_report(loaded_county("vasternorrland"), YEAR)
    body, follow_up = made.basis
    assert follow_up.yearly and follow_up.reported_at == "halsam"
    assert body == made.agreement.body("halsam").name


def test_meetings_are_counted_per_body_for_the_year(vasterbotten):
    meetings_of_the_year(vasterbotten)
    made = report.annual_report(vasterbotten, YEAR)
    rows = {m.name: (m.held, m.cancelled, m.other) for m in made.meetings}
    assert rows == {"Länssamverkansgruppen": (2, 1, 0), "Samråd för vård och omsorg": (0, 0, 1)}
    chart = made.chart("moten")
    assert chart.rows == [
        ("Länssamverkansgruppen", [2, 1, 0]),
        ("Samråd för vård och omsorg", [0, 0, 1]),
    ]


def test_matters_and_the_principals_decisions_of_the_year(vasterbotten):
    raiser = organisation(vasterbotten, "region-vasterbotten")
    fields = dict(
        county=vasterbotten, title="t", question="q", raised_by=raiser, origin_body="x", body="x"
    )
    closed = Matter.objects.create(
        raised_on=datetime.date(YEAR, 3, 1),
        state=Matter.State.CLOSED,
        recommended_on=datetime.date(YEAR, 4, 1),
        **fields,
    )
    Matter.objects.create(raised_on=datetime.date(YEAR - 1, 3, 1), **fields)
    Decision.objects.create(
        matter=closed,
        principal="umea",
        principal_name="Umeå",
        outcome=Decision.Outcome.ADOPTED,
        decided_on=datetime.date(YEAR, 5, 1),
    )
    Decision.objects.create(matter=closed, principal="skelleftea", principal_name="Skellefteå")
    figures = report.annual_report(vasterbotten, YEAR).matters
    assert (figures.raised, figures.closed, figures.recommended) == (1, 1, 1)
    assert list(figures.decisions.values()) == [1]


def test_a_year_without_data_says_so_and_never_zero_per_cent(vasterbotten):
    made = report.annual_report(vasterbotten, YEAR)
    share = made.figure("sip_followed_up_on_time")
    assert share.text == "Inga uppgifter"
    assert made.chart("andelar") is None or all(
        "sip_followed_up_on_time" not in row[0] for row in made.chart("andelar").rows
    )


def test_survey_results_under_the_threshold_are_not_in_the_report(client, vasterbotten):
    answered_survey(vasterbotten, [5, 5, 4])
    made = report.annual_report(vasterbotten, YEAR)
    assert made.survey.suppressed and made.chart("enkat") is None
    verified_login(client, coordinator())
    text = client.get(url(vasterbotten)).content.decode()
    assert "Enkätens resultat visas inte: färre än 5 svarade." in text


def test_survey_results_at_the_threshold_are_charted(vasterbotten):
    answered_survey(vasterbotten, [1, 2, 3, 4, 5])
    made = report.annual_report(vasterbotten, YEAR)
    chart = made.chart("enkat")
    assert chart.rows[0] == (made.survey.questions[0].text, [Decimal("3.0")])
    goal = made.goals[0]
    assert [q.mean for q in goal.questions] == [Decimal("3.0")]


def test_the_page_has_every_section_each_chart_with_its_table_and_csv(client, vasterbotten):
    meetings_of_the_year(vasterbotten)
    verified_login(client, coordinator())
    page = client.get(url(vasterbotten))
    assert page.status_code == 200
    text = page.content.decode()
    for heading in (
        "Indikatorer",
        "Effektmål",
        "Hållna möten",
        "Ärenden och beslut",
        "Avvikelser och oenigheter",
        "Efterlevnad under året",
    ):
        assert f">{heading}</h2>" in text, heading
    assert (
        "Plattformen föreslår den här rapporten som underlag för uppföljningen vid Regionalt "
        in text
    )
    assert 'alt="Möten per organ' in text
    assert "Diagrammets data: Möten per organ" in text
    assert url(vasterbotten, "diagram/moten.csv") in text


def test_a_charts_data_as_csv(client, vasterbotten):
    meetings_of_the_year(vasterbotten)
    verified_login(client, coordinator())
    answer = client.get(url(vasterbotten, "diagram/moten.csv"))
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == ["Organ", "Hållna", "Inställda", "Planerade, inte hållna"]
    assert rows[1] == ["Länssamverkansgruppen", "2", "1", "0"]
    assert client.get(url(vasterbotten, "diagram/okand.csv")).status_code == 404


def test_the_pdf(client, vasterbotten):
    meetings_of_the_year(vasterbotten)
    verified_login(client, coordinator())
    answer = client.get(url(vasterbotten, "pdf/"))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert f'filename="arsrapport-vasterbotten-{YEAR}.pdf"' in answer["Content-Disposition"]
    document = pypdf.PdfReader(io.BytesIO(answer.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in document.pages)
    assert f"Årsrapport {YEAR}, Västerbottens län" in text
    assert "Regionalt ledningsseminarium" in text and "Länssamverkansgruppen" in text
    assert document.metadata.title == f"Årsrapport {YEAR}, Västerbottens län"


def test_who_may_read_the_report(client, vasterbotten):
    outsider = member(vasterbotten, "lanssamverkansgrupp", "x", username="outsider").person.user
    verified_login(client, outsider)
    assert client.get(url(vasterbotten)).status_code == 403
    assert client.get(url(vasterbotten, "pdf/")).status_code == 403
    client.logout()
    assert client.get(url(vasterbotten)).status_code == 302  # to the login


@pytest.mark.parametrize("path", ["okant/2026/", "vasterbotten/1800/", "vasterbotten/99999/"])
def test_unknown_counties_and_years_are_not_found(client, vasterbotten, path):
    verified_login(client, coordinator())
    assert client.get(f"/uppfoljning/arsrapport/{path}").status_code == 404


def test_a_year_to_come_is_a_report_without_data(client, vasterbotten):
    verified_login(client, coordinator())
    page = client.get(f"/uppfoljning/arsrapport/vasterbotten/{YEAR + 5}/")
    assert page.status_code == 200 and "Inga uppgifter" in page.content.decode()


# The charts.


def test_a_chart_says_its_data_in_words_and_as_csv():
    chart = Chart(
        key="k",
        title="Möten",
        kind=BARS,
        columns=["Organ", "Hållna", "Inställda"],
        rows=[("A", [2, 1]), ("B", [0, None])],
    )
    assert (
        chart.description()
        == "Möten. A: Hållna 2, Inställda 1; B: Hållna 0, Inställda Inga uppgifter."
    )
    assert chart.csv() == "Organ,Hållna,Inställda\r\nA,2,1\r\nB,0,\r\n"


def test_a_chart_is_an_svg_with_its_title_and_no_script():
    chart = Chart(
        key="k",
        title="Andelar",
        kind=HORIZONTAL,
        columns=["Indikator", "Andel (%)"],
        rows=[("SIP följd upp i tid", [Decimal("87.5")])],
        maximum=Decimal(100),
    )
    svg = chart.svg().decode()
    assert "<title>Andelar</title>" in svg
    assert "<script" not in svg
    assert "87,5" in svg
    assert chart.data_uri().startswith("data:image/svg+xml;base64,")
