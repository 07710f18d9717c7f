"""Every cadence rule of the seeds, on its own numbers: the year's meetings the rules propose."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from agreements.registry import read
from meetings import planning
from meetings.county_settings import quiet_periods, settings_for
from meetings.models import Meeting, QuietPeriod
from meetings.tests.builders import office_holder
from structure.tests.builders import loaded_county
from workdays import calendar

pytestmark = pytest.mark.django_db
Kind = Meeting.Kind
DATA = Path(settings.BASE_DIR) / "agreements" / "data"


def agreement(path: str):
    return read(DATA / path).agreement


def of_kind(proposals, kind, body=None):
    return [p for p in proposals if p.kind == kind and (body is None or p.body == body)]


def rule(proposal, code):
    return next(r for r in proposal.rules if r.code == code)


@pytest.fixture
def norrbotten():
    return loaded_county("norrbotten")


@pytest.mark.parametrize("year", [2026, 2027])
def test_norrbotten_v1_four_meetings_ten_to_fifteen(norrbotten, year):
    v1 = agreement("norrbotten/lansstyrgrupp-v1.yaml")
    proposals = planning.propose_year(norrbotten, "lansstyrgrupp", "", year, v1)
    ordinary = of_kind(proposals, Kind.ORDINARY)
    # "4 möten per år" (v1: exact).
    assert len(ordinary) == 4
    assert rule(ordinary[0], "per_year").text == "4 möten per år"
    assert rule(ordinary[0], "per_year").section == "Arbetsformer länsstyrgruppen"
    for meeting in ordinary:
        assert meeting.starts_at.astimezone(planning.STOCKHOLM).time() == datetime.time(10)
        assert meeting.ends_at.astimezone(planning.STOCKHOLM).time() == datetime.time(15)


def test_norrbotten_v2_at_least_four(norrbotten):
    v2 = agreement("norrbotten/lansstyrgrupp-v2.yaml")
    proposals = planning.propose_year(norrbotten, "lansstyrgrupp", "", 2026, v2)
    ordinary = of_kind(proposals, Kind.ORDINARY)
    # "minst fyra": the lower bound is proposed.
    assert len(ordinary) == 4
    assert not rule(ordinary[0], "per_year").advice
    assert "4" in rule(ordinary[0], "per_year").text


def test_norrbotten_theme_days_in_both_plans(norrbotten):
    steering = planning.propose_year(norrbotten, "lansstyrgrupp", "", 2026)
    board = planning.propose_year(norrbotten, "politisk-samverkansberedning", "", 2026)
    themes = of_kind(steering, Kind.THEME_DAY)
    assert len(themes) == 2
    assert {t.with_body for t in themes} == {"politisk-samverkansberedning"}
    assert [t.day for t in of_kind(board, Kind.THEME_DAY)] == [t.day for t in themes]
    # One meeting, the steering group's: shown in the board's plan as held by it.
    assert {t.body for t in of_kind(board, Kind.THEME_DAY)} == {"lansstyrgrupp"}


@pytest.mark.parametrize("path", ["lansstyrgrupp-v1.yaml", "lansstyrgrupp-v2.yaml"])
def test_norrbotten_working_committee_ten_days_before_each(norrbotten, path):
    document = agreement(f"norrbotten/{path}")
    committee = planning.propose_year(norrbotten, "lansstyrgrupp-au", "", 2026, document)
    steering = of_kind(
        planning.propose_year(norrbotten, "lansstyrgrupp", "", 2026, document), Kind.ORDINARY
    )
    preparatory = of_kind(committee, Kind.PREPARATORY)
    assert len(preparatory) == len(steering) == 4
    for au, prepared in zip(preparatory, steering, strict=True):
        assert au.prepares.day == prepared.day
        assert (prepared.day - au.day).days >= 10
        assert calendar.is_working_day(au.day)
    assert rule(preparatory[0], "prepared_by").section == "Arbetsutskott länsstyrgruppen"
    assert of_kind(committee, Kind.ORDINARY) == []


def test_area_group_at_least_four_per_area(norrbotten):
    proposals = planning.propose_year(norrbotten, "lansdelsgrupp", "boden-lulea", 2026)
    assert len(of_kind(proposals, Kind.ORDINARY)) == 4
    assert rule(proposals[0], "per_year").section == "Arbetsformer"


def test_no_number_takes_the_county_default_with_the_reason(norrbotten):
    settings = settings_for(norrbotten)
    settings.default_per_year = 6
    settings.save()
    proposals = planning.propose_year(norrbotten, "politisk-samverkansberedning", "", 2026)
    ordinary = of_kind(proposals, Kind.ORDINARY)
    assert len(ordinary) == 6
    assert "6" in rule(ordinary[0], "per_year").text


def test_vasterbotten_seminar_programme_by_the_samrad():
    county = loaded_county("vasterbotten")
    proposals = planning.propose_year(county, "ledningsseminarium", "", 2026)
    assert len(proposals) == 1  # "ett årligt seminarium"
    seminar = proposals[0]
    assert seminar.programme_by == "Samråd för vård och omsorg"
    assert [i.origin for i in seminar.agenda] == ["programme"]
    assert "Samråd för vård och omsorg" in seminar.agenda[0].title
    assert rule(seminar, "programme_by").section == "5.2 Regionalt ledningsseminarium"


def test_vasterbotten_working_committee_before_each_samrad_meeting():
    county = loaded_county("vasterbotten")
    samrad = planning.propose_year(county, "samrad-vard-omsorg", "", 2026)
    committee = of_kind(
        planning.propose_year(county, "samrad-vard-omsorg-au", "", 2026), Kind.PREPARATORY
    )
    # No number in the agreement: the county's default; no lead time: the notice time.
    assert len(of_kind(samrad, Kind.ORDINARY)) == settings_for(county).default_per_year
    assert len(committee) == len(of_kind(samrad, Kind.ORDINARY))
    for au in committee:
        assert (au.prepares.day - au.day).days >= settings_for(county).notice_days
    assert (
        rule(committee[0], "prepared_by").section
        == "5.1.5 Arbetsutskott till Samråd vård och omsorg"
    )


def test_vasterbotten_consultation_meets_on_need():
    county = loaded_county("vasterbotten")
    assert planning.propose_year(county, "politiskt-samrad-sarskilda-fragor", "", 2026) == []


def test_vasternorrland_halsam_three_theme_meetings_and_one_joint():
    county = loaded_county("vasternorrland")
    proposals = planning.propose_year(county, "halsam", "", 2026)
    assert [p.event for p in proposals] == [
        "tema-barn-unga",
        "tema-vuxna",
        "tema-aldre",
        "gemensamt-mote",
    ]
    assert of_kind(proposals, Kind.ORDINARY) == []
    joint = proposals[-1]
    assert joint.title == "Gemensamt möte för alla strategiområden"
    assert [i.title for i in joint.agenda] == ["Övergripande och överskridande samverkansfrågor"]
    assert rule(joint, "event").section == "Politisk samverkan inom HälSam"


def test_vasternorrland_lansledning_recommends_four_and_elects_at_the_last():
    county = loaded_county("vasternorrland")
    proposals = planning.propose_year(county, "lansledning", "", 2026)
    assert len(proposals) == 4
    count = rule(proposals[0], "per_year")
    assert count.advice  # "förslagsvis minst 4 möten per år"
    elections = [(p.day, i) for p in proposals for i in p.agenda if i.kind == "election"]
    assert len(elections) == 1
    assert elections[0][0] == max(p.day for p in proposals)
    assert rule(proposals[-1], "election").section


def test_vasternorrland_coordination_groups_five_a_year_with_elections():
    county = loaded_county("vasternorrland")
    for body in ("lsg-barn-unga", "lsg-vuxna", "lsg-aldre"):
        proposals = planning.propose_year(county, body, "", 2026)
        assert len(proposals) == 5
        assert [i.kind for i in proposals[-1].agenda] == ["election"]
        assert all(not p.agenda for p in proposals[:-1])


def test_norrbus_sets_no_cadence():
    # Norrbus (the guideline) describes the structure but states no meeting rules.
    norrbus = agreement("norrbotten/norrbus-v1.yaml")
    assert all(body.meetings is None for body in norrbus.bodies)


@pytest.mark.parametrize("slug", ["norrbotten", "vasterbotten", "vasternorrland"])
@pytest.mark.parametrize("year", [2026, 2027])
def test_never_on_a_holiday_or_in_a_quiet_period(slug, year):
    county = loaded_county(slug)
    periods = quiet_periods(county)
    assert {p.label for p in periods} == {"Sommaruppehåll", "Jul och nyår"}
    eves = {datetime.date(year, 12, 24), datetime.date(year, 12, 31)}
    document = planning.agreement_in_force(county.pk)
    for body in document.bodies:
        for instance, _name in document.instances_of(body)[:1]:
            for meeting in planning.propose_year(county, body.id, instance, year):
                day = meeting.day
                assert calendar.is_working_day(day), (body.id, day)
                assert day not in eves and day not in calendar.holidays_in(year)
                assert not any(p.covers(day) for p in periods), (body.id, day)
                # Midsommarafton falls in the summer's quiet period, and is no working day.
                assert day.weekday() < 5


def test_midsommarafton_and_eves_are_departures(norrbotten):
    settings = settings_for(norrbotten)
    document = planning.agreement_in_force(norrbotten.pk)
    for day in (
        datetime.date(2026, 6, 19),
        datetime.date(2026, 12, 24),
        datetime.date(2027, 12, 31),
    ):
        found = planning.departures(
            document,
            "lansstyrgrupp",
            planning.at(day, datetime.time(10)),
            planning.at(day, datetime.time(15)),
            settings,
            [],
        )
        assert [d.code for d in found] == ["holiday"]


def test_quiet_periods_and_hours_are_departures(norrbotten):
    settings = settings_for(norrbotten)
    periods = quiet_periods(norrbotten)
    document = planning.agreement_in_force(norrbotten.pk)
    day = datetime.date(2026, 7, 14)
    found = planning.departures(
        document,
        "lansstyrgrupp",
        planning.at(day, datetime.time(9)),
        planning.at(day, datetime.time(12)),
        settings,
        periods,
    )
    assert [d.code for d in found] == ["quiet", "hours"]


def test_the_quiet_period_of_the_county_is_avoided(norrbotten):
    QuietPeriod.objects.create(
        county=norrbotten, label="Vårstopp", starts_month=3, starts_day=1, ends_month=4, ends_day=30
    )
    proposals = planning.propose_year(norrbotten, "lansstyrgrupp", "", 2026)
    assert not [p for p in proposals if p.day.month in (3, 4)]


def test_the_convener_follows_the_live_offices(norrbotten):
    first = office_holder(
        norrbotten,
        "lansdelsgrupp",
        "convener",
        instance="boden-lulea",
        ends=datetime.date(2026, 6, 30),
    )
    second = office_holder(
        norrbotten,
        "lansdelsgrupp",
        "convener",
        instance="boden-lulea",
        starts=datetime.date(2026, 7, 1),
    )
    proposals = planning.propose_year(norrbotten, "lansdelsgrupp", "boden-lulea", 2026)
    for meeting in proposals:
        expected = first if meeting.day.month <= 6 else second
        assert meeting.convener == expected.person
        assert meeting.convener_role == "convener"


def test_the_chair_convenes_where_no_convener_is_recorded(norrbotten):
    chair = office_holder(norrbotten, "lansstyrgrupp", "chair")
    proposals = planning.propose_year(norrbotten, "lansstyrgrupp", "", 2026)
    assert {(p.convener, p.convener_role) for p in proposals} == {(chair.person, "chair")}


@pytest.mark.parametrize("slug", ["norrbotten", "vasterbotten", "vasternorrland"])
def test_a_county_year_is_each_body_instance_year(slug, django_assert_max_num_queries):
    """The county's year at once is what each body instance's year says, conveners and all,
    read in a query each for the settings, the quiet periods and the conveners, and where a body
    revises another's mandate (Västerbotten 6.2) one for the revisions held."""
    county = loaded_county(slug)
    document = planning.agreement_in_force(county.pk)
    for body in document.bodies[:4]:
        office_holder(county, body.id, "chair")
    settings_for(county)

    def shown(proposals):
        return [
            (
                p.body,
                p.instance,
                p.starts_at,
                p.ends_at,
                p.kind,
                p.title,
                p.with_body,
                [i.title for i in p.agenda],
                p.rules,
                p.convener,
                p.convener_role,
                p.prepares.starts_at if p.prepares else None,
                p.prepared.starts_at if p.prepared else None,
            )
            for p in proposals
        ]

    with django_assert_max_num_queries(4 if slug == "vasterbotten" else 3):
        year = planning.propose_county_year(county, 2027, document)
    assert set(year) == {
        (body.id, instance)
        for body in document.bodies
        for instance, _name in document.instances_of(body)
    }
    for (body, instance), proposals in year.items():
        assert shown(proposals) == shown(
            planning.propose_year(county, body, instance, 2027, document)
        ), (body, instance)
    assert sum(len(p) for p in year.values()) > 20
    assert any(p.convener for proposals in year.values() for p in proposals)


def test_each_instance_has_its_own_copy(norrbotten):
    """An instance's year may be changed (its election item, its conveners) without changing
    another's."""
    year = planning.propose_county_year(norrbotten, 2027)
    first, second = (year[("lansdelsgrupp", i)] for i in ("boden-lulea", "ostra-norrbotten"))
    assert [p.starts_at for p in first] == [p.starts_at for p in second]
    assert {p.instance for p in first} == {"boden-lulea"}
    assert not {id(p) for p in first} & {id(p) for p in second}
    first[0].agenda.append(planning.ProposedItem("Extra", "discussion", ""))
    assert len(second[0].agenda) == len(first[0].agenda) - 1
