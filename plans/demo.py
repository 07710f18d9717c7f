"""Demo cases in Norrbotten, one in each step so far, made through the same services as the pages
(so their history and audit trail are real). Invented people; identity numbers are valid test
numbers, never real ones."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from structure.models import Organisation

from . import services
from .models import Case

# (name, identity number, acute, how far the case has come)
DEMO_CASES = [
    ("Elsa Lantto", "20140312-2391", False, "planned"),
    ("Vidar Keskitalo", "20110707-2397", False, "met"),
    ("Alva Nordin", "20160229-2383", True, "called"),
    ("Hugo Sandberg", "20090918-2396", False, "consented"),
    ("Maja Rova", "20120501-2386", False, "opened"),
]
STEPS = ["opened", "consented", "called", "notified", "met", "planned"]


@transaction.atomic
def ensure_demo_cases() -> int:
    """Create the demo cases once; returns how many were created."""
    User = get_user_model()
    counsellor = User.objects.filter(username="kurator").first()
    manager = User.objects.filter(username="ordforande").first()
    if counsellor is None or manager is None or Case.objects.exists():
        return 0
    school = Organisation.objects.get(key="lulea-barn-och-utbildning")
    social = Organisation.objects.get(key="lulea-socialtjansten")
    region = Organisation.objects.get(key="region-norrbotten-narsjukvard")
    today = timezone.localdate()
    created = 0
    for index, (name, number, acute, reached) in enumerate(DEMO_CASES):
        start = today - datetime.timedelta(days=30 - 5 * index)
        case = services.do_open_case(
            counsellor,
            organisation=school,
            identity_number=number,
            name=name,
            concern="Hög frånvaro och oro för hemsituationen; behov av stöd från flera aktörer.",
            acute=acute,
            guardians=(f"Vårdnadshavare till {name.split()[0]}",),
        )
        Case.objects.filter(pk=case.pk).update(
            opened_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
        )
        case.refresh_from_db()
        created += 1
        goal = STEPS.index(reached)
        if goal >= 1:
            services.do_record_consent(
                counsellor,
                case,
                given_by=f"Vårdnadshavare till {name.split()[0]}",
                given_how="writing",
                given_on=start,
                organisations=[social, region],
                child_view="Vill ha hjälp och vill vara med på mötet.",
            )
        if goal >= 2:
            services.do_decide_to_call(
                manager,
                case,
                decided_on=start + datetime.timedelta(days=1),
                participants=[social, region],
            )
        if goal >= 3:
            services.do_send_notice(counsellor, case, sent_on=start + datetime.timedelta(days=2))
        if goal >= 4:
            services.do_record_meeting(counsellor, case, held_on=start + datetime.timedelta(days=8))
        if goal >= 5:
            plan = services.do_draft_plan(
                counsellor,
                case,
                needs="Stöd i skolan, samtalsstöd och utredning av sömnsvårigheter.",
                measures_by_others="Inga.",
                overall_responsibility="lulea",
                coordinator_name="Sara Berg",
                coordinator_organisation=social,
                approved_by=f"Vårdnadshavare till {name.split()[0]}",
                approved_on=start + datetime.timedelta(days=8),
                interventions=[
                    {
                        "description": "Särskilt stöd i skolan",
                        "principal": "lulea",
                        "organisation": school,
                        "scope": "Tre lektioner i veckan",
                        "performer": "Speciallärare",
                        "follow_up": "Nytt nätverksmöte",
                        "follow_up_on": start + datetime.timedelta(days=60),
                    },
                    {
                        "description": "Utredning av sömnsvårigheter",
                        "principal": "region-norrbotten",
                        "organisation": region,
                        "scope": "Två besök",
                        "performer": "Hälsocentralen",
                        "follow_up": "Nytt nätverksmöte",
                        "follow_up_on": start + datetime.timedelta(days=60),
                    },
                ],
            )
            services.do_establish_plan(counsellor, plan, on=start + datetime.timedelta(days=8))
    return created
