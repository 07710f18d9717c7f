"""Demo deviation reports in Norrbotten, made through the same actions as the pages (invented
events): one waiting to be acknowledged, on a demo case; one acknowledged and under
investigation; one closed, the reporter told; one passed on to the principal's level. The last
three are the region's about Luleå's social services within the year: the structure's
coordinator sees them as recurring and may hand them over to the area's group."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from plans.models import Case
from structure.models import Organisation
from workdays.calendar import add_working_days

from . import actions
from .models import Deviation

MEETING = "norrbus:Samordnad planering – nätverksmöte"
PLACEMENT = "norrbus:Vård utanför det egna hemmet"


def _working_days_ago(today: datetime.date, n: int) -> datetime.date:
    day = today
    while add_working_days(day, n) > today:
        day -= datetime.timedelta(days=1)
    return day


@transaction.atomic
def ensure_demo_deviations() -> int:
    """Create the demo reports once; returns how many were created."""
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["kurator", "sjukskoterska", "ordforande"])
    }
    case = Case.objects.filter(individual__name="Elsa Lantto").first()
    if (
        len(users) < 3
        or case is None
        or Deviation.objects.filter(county__slug="norrbotten").exists()
    ):
        return 0
    social = Organisation.objects.get(county__slug="norrbotten", key="lulea-socialtjansten")
    today = timezone.localdate()

    def report(user, clause, days_ago, what, on_case=None):
        on = _working_days_ago(today, days_ago)
        return actions.do_report_deviation(
            users[user],
            report=actions.Report(clause, social, on, what),
            case=on_case,
            confirm_warnings=True,
            on=on,
        )

    chief = users["ordforande"]
    report(
        "kurator",
        MEETING,
        2,
        "Socialtjänsten kom inte till nätverksmötet och meddelade inte förhinder.",
        on_case=case,
    )
    investigated = report(
        "sjukskoterska",
        MEETING,
        8,
        "Kallelsen till samordnad planering skickades med två dagars varsel.",
    )
    actions.do_acknowledge_deviation(chief, investigated, on=investigated.reported_on)
    actions.do_record_investigation(
        chief,
        investigated,
        investigation="Kallelsen skrevs av en vikarie som inte kände till rutinen.",
        measures="Rutinen gås igenom på nästa arbetsplatsträff.",
    )
    closed = report(
        "sjukskoterska",
        PLACEMENT,
        30,
        "Hälsoundersökningen inför placering beställdes efter att placeringen gjorts.",
    )
    closed = actions.do_acknowledge_deviation(chief, closed, on=closed.reported_on)
    closed = actions.do_record_investigation(
        chief,
        closed,
        investigation="Beställningen gick till fel mottagning.",
        measures="Beställningar går nu via hälsocentralens gemensamma adress.",
    )
    actions.do_close_deviation(
        chief,
        closed,
        outcome="Rutinen för beställning av hälsoundersökning är förtydligad.",
        on=_working_days_ago(today, 20),
    )
    passed = report(
        "sjukskoterska",
        PLACEMENT,
        4,
        "Samordningsansvaret flyttades inte till socialtjänsten vid placeringen.",
    )
    actions.do_pass_deviation_on(
        chief,
        passed,
        reason="Gäller kommunens gemensamma rutin, inte en enskild enhet.",
        on=_working_days_ago(today, 3),
    )
    return Deviation.objects.filter(county__slug="norrbotten").count()
