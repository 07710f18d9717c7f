"""The demo counties' matters and governing documents, made through the same actions as the pages
(so that their lineage, audit trail and mail are real), dated in the recent past:

- Norrbotten: a matter in every state; a recommendation from the länsstyrgrupp decided by some
  principals and waiting for the others; a dispute climbing Norrbus' path from Piteå's
  municipal group to the area; a proposed revision of the structure agreement with its "what
  would break"; the register with the agreement, a routine and Norrbus overdue for revision.
- Västerbotten and Västernorrland: a question with the steering group, and the structure
  agreement in the register.

The county's coordinator (accounts.demo) takes every step.
"""

from __future__ import annotations

import datetime

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, County
from meetings.demo import HELD_BODIES, RUNNERS
from meetings.models import Meeting
from structure.demo import DEMO_COUNTIES
from structure.models import Organisation

from . import actions, flow
from .models import Decision, GoverningDocument, Handling, Matter

Outcome = Handling.Outcome
# The principals that have decided on the recommendation, and how; the others are pending.
DECIDED = [
    ("region-norrbotten", Decision.Outcome.ADOPTED, "Regionstyrelsen"),
    ("lulea", Decision.Outcome.ADOPTED, "Socialnämnden"),
    ("boden", Decision.Outcome.ADOPTED, "Socialnämnden"),
    ("pitea", Decision.Outcome.CHANGED, "Kommunstyrelsen"),
    ("kiruna", Decision.Outcome.ADOPTED, "Socialnämnden"),
    ("gallivare", Decision.Outcome.REJECTED, "Kommunstyrelsen"),
    ("kalix", Decision.Outcome.ADOPTED, "Kommunstyrelsen"),
]


def ensure_demo_matters() -> list[str]:
    """Every demo county's matters and documents, made once; returns the counties made now."""
    return [county for county in DEMO_COUNTIES if ensure_demo_county_matters(county)]


@transaction.atomic
def ensure_demo_county_matters(slug: str) -> bool:
    county = County.objects.filter(slug=slug).first()
    actor = get_user_model().objects.filter(username=RUNNERS[slug][0]).first()
    if (
        county is None
        or actor is None
        or not Organisation.objects.filter(county=county, is_demo=True).exists()
        or Matter.objects.filter(county=county).exists()
        or GoverningDocument.objects.filter(county=county).exists()
    ):
        return False
    today = timezone.localdate()
    structure = Agreement.objects.structure_in_force(county=county)
    _register(actor, county, structure, HELD_BODIES[slug], today)
    if slug == "norrbotten":
        _norrbotten(actor, county, structure, today)
    else:
        actions.do_raise_matter(
            actor,
            organisation=_organisation(county),
            raised=actions.Raised(
                title="Gemensam kompetensutveckling om psykisk ohälsa",
                question="Kan huvudmännen ordna en gemensam utbildningsdag för personalen?",
                body=HELD_BODIES[slug],
            ),
            on=today - datetime.timedelta(days=12),
        )
    return True


def _organisation(county: County, key: str | None = None) -> Organisation:
    found = Organisation.objects.filter(county=county, is_demo=True)
    return (found.filter(key=key).first() if key else None) or found.order_by("key").first()


def _register(actor, county: County, structure, owner: str, today: datetime.date) -> None:
    """The structure agreement in the register, revised this spring."""
    actions.do_register_document(
        actor,
        county,
        actions.DocumentData(
            kind=GoverningDocument.Kind.AGREEMENT,
            title=structure.title,
            owner_body=owner,
            adopted_on=today - datetime.timedelta(days=100),
            adopted_by="Huvudmännens styrelser och nämnder",
            document_version=str(structure.version),
            public=True,
        ),
    )


def _norrbotten(actor, county: County, structure, today: datetime.date) -> None:
    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    lulea = _organisation(county, "lulea-socialtjansten")
    school = _organisation(county, "lulea-barn-och-utbildning")
    region = _organisation(county, "region-norrbotten-narsjukvard")

    def raise_(title, question, body, instance="", *, by=lulea, on, **more):
        return actions.do_raise_matter(
            actor,
            organisation=by,
            raised=actions.Raised(title, question, body, instance, **more),
            on=on,
        )

    # With the body: raised in Luleå's municipal group.
    raise_(
        "Hjälpmedel i skolan för elever med funktionsnedsättning",
        "Vem ansvarar för hjälpmedel som eleven behöver både i skolan och hemma?",
        "kommungrupp",
        "lulea",
        by=school,
        on=ago(5),
    )
    # In preparation by the länsstyrgrupp's working committee.
    matter = raise_(
        "Gemensam uppföljning av samordnade individuella planer",
        "Hur följer huvudmännen gemensamt upp kvaliteten i SIP?",
        "lansstyrgrupp",
        by=region,
        on=ago(20),
    )
    actions.do_prepare_matter(
        actor, matter, preparer="lansstyrgrupp-au", text="AU tar fram ett förslag.", on=ago(15)
    )
    _recommended(actor, county, raise_, today)
    # A task sent down to an area group, waiting for its report.
    matter = raise_(
        "Kartläggning av väntetider till BUP",
        "Hur långa är väntetiderna i länsdelarna, och var finns flaskhalsarna?",
        "lansstyrgrupp",
        by=region,
        on=ago(50),
    )
    actions.do_handle_matter(
        actor,
        matter,
        outcome=Outcome.BACK,
        target="lansdelsgrupp/norra-norrbotten",
        text="Länsdelsgruppen kartlägger väntetiderna och rapporterar till länsstyrgruppen.",
        on=ago(40),
    )
    # Closed: a task reported back, then taken as information.
    matter = raise_(
        "Gemensamma rutiner vid skolstart för placerade barn",
        "Fungerar överlämningen mellan socialtjänst och skola när ett barn placeras?",
        "lansstyrgrupp",
        on=ago(150),
    )
    matter = actions.do_handle_matter(
        actor,
        matter,
        outcome=Outcome.BACK,
        target="lansdelsgrupp/boden-lulea",
        text="Länsdelsgruppen beskriver hur överlämningen fungerar i dag.",
        on=ago(140),
    )
    actions.do_report_task(
        actor,
        matter.tasks.get(),
        text="Överlämningen fungerar; en checklista används i Boden och Luleå.",
        on=ago(110),
    )
    matter.refresh_from_db()
    actions.do_handle_matter(
        actor, matter, outcome=Outcome.INFORMATION, text="Informationen noteras.", on=ago(100)
    )
    # A dispute climbing Norrbus' path: from Piteå's municipal group to the area.
    [path] = [
        p
        for p in flow.dispute_paths(actions.county_documents(county.pk))
        if p.document == "norrbus"
    ]
    matter = raise_(
        "Kostnad för skolskjuts under behandling",
        "Vem bär kostnaden för skolskjuts när en elev får behandling på annan ort?",
        "kommungrupp",
        "pitea",
        kind=Matter.Kind.DISPUTE,
        dispute=path.key,
        on=ago(30),
    )
    actions.do_escalate_matter(actor, matter, text="Ingen enighet i kommungruppen.", on=ago(20))
    # A proposed revision of the structure agreement, with what it would break.
    matter = raise_(
        "Äldreomsorgen i länsstyrgruppen",
        "Ska äldreomsorgens chefer ha en plats i länsstyrgruppen?",
        "lansstyrgrupp",
        by=region,
        on=ago(10),
    )
    actions.do_propose_revision(actor, matter, text=_revision(structure))
    _documents(actor, county, today)


def _recommended(actor, county: County, raise_, today: datetime.date) -> None:
    """Raised in Luleå's municipal group, sent upward to the area and the länsstyrgrupp, and
    recommended to the principals at the länsstyrgrupp's last meeting; some have decided."""
    held = (
        Meeting.objects.filter(
            county=county, body="lansstyrgrupp", instance="", status=Meeting.Status.HELD
        )
        .order_by("-starts_at")
        .first()
    )
    on = timezone.localtime(held.starts_at).date() if held else today
    on = max(min(on, today - datetime.timedelta(days=8)), today - datetime.timedelta(days=60))
    if held and timezone.localtime(held.starts_at).date() != on:
        held = None

    def before(days: int) -> datetime.date:
        return on - datetime.timedelta(days=days)

    matter = raise_(
        "Gemensam rutin för hemgång från sjukhus",
        "Hur planerar kommun och region hemgången för barn och unga efter sjukhusvård?",
        "kommungrupp",
        "lulea",
        on=before(40),
    )
    for target, days in (("lansdelsgrupp/boden-lulea", 30), ("lansstyrgrupp", 20)):
        matter = actions.do_handle_matter(
            actor, matter, outcome=Outcome.UPWARD, target=target, on=before(days)
        )
    matter = actions.do_handle_matter(
        actor,
        matter,
        outcome=Outcome.RECOMMENDATION,
        text="Länsstyrgruppen rekommenderar huvudmännen att anta den gemensamma rutinen.",
        meeting=held,
        on=on,
    )
    for number, (principal, outcome, decided_by) in enumerate(DECIDED, start=1):
        actions.do_record_decision(
            actor,
            matter,
            principal=principal,
            outcome=outcome,
            decided_on=min(on + datetime.timedelta(days=number), today),
            decided_by=decided_by,
            reference=f"Dnr {on.year}/{100 + number}",
        )


def _revision(structure) -> str:
    """The structure agreement in force with a seat for the municipalities' elderly care chiefs,
    whom no one holds yet: the revision would create that finding."""
    content = structure.content
    content["document"]["version"] = structure.version + 1
    body = next(b for b in content["bodies"] if b["id"] == "lansstyrgrupp")
    body["seats"].append(
        {
            "id": "elderly-care-chief",
            "role": "Äldreomsorgschef",
            "party_kind": "municipality",
            "sector": "elderly_care",
            "count": 1,
            "source": "Representanter länsstyrgruppen",
        }
    )
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False)


def _documents(actor, county: County, today: datetime.date) -> None:
    """Norrbus, adopted years ago and overdue for its yearly revision, and a routine revised
    every other year."""
    for kind, title, adopted_on, version, months in (
        (
            GoverningDocument.Kind.GUIDELINE,
            "Norrbus – gemensamma riktlinjer för samverkan för barn och unga",
            datetime.date(today.year - 3, 5, 1),
            "1",
            None,
        ),
        (
            GoverningDocument.Kind.ROUTINE,
            "Rutin för samordnad individuell plan (SIP)",
            today - datetime.timedelta(days=200),
            "2",
            24,
        ),
    ):
        actions.do_register_document(
            actor,
            county,
            actions.DocumentData(
                kind=kind,
                title=title,
                owner_body="lansstyrgrupp",
                adopted_on=adopted_on,
                adopted_by="Länsstyrgruppen",
                document_version=version,
                review_months=months,
                public=True,
            ),
        )
