"""The states the demo does not show, made before the accessibility crawl (samverkan/crawl.py)
through the platform's own actions, so that every page pattern has an instance to visit: a
substitute to call and one to withdraw, a meeting's document, minutes waiting to be sent and to
be approved, published minutes, calendar addresses, a year plan proposed but not adopted, a
survey to answer, a consent withdrawn on My pages, an emergency access to review, a mail the
server refused, and a row in each admin list that the demo leaves empty.

The demo itself stays as each app's test_demo pins it: these states exist only in the crawl's
database. `seed()` answers where each role finds them, since the crawl opens only a few
instances of each pattern and would otherwise meet other ones first.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from agreements.models import County
from deviations.models import Deviation
from disputes import actions as dispute_actions
from disputes.models import Dispute
from followup import survey
from matters import actions as matter_actions
from matters.actions import DocumentData
from matters.models import GoverningDocument, Matter
from meetings import attendance, documents, minutes, year_actions
from meetings.county_settings import QuietPeriodData, do_change_settings, quiet_periods
from meetings.feeds import do_renew_feed_token, seats_of
from meetings.models import Attendance, Meeting, Minutes
from outbox.tasks import send_due
from placements.models import InpatientStay
from plans import services as plans
from plans.demo import DEMO_CASES
from plans.emergency import do_open_emergency_access
from plans.models import Case, ConsentReminder
from portal.actions import do_withdraw_consent_on_portal
from portal.models import GuardianIdentity
from portal.visitor import actor_for_guardian
from structure.actions import AppointmentData, do_appoint
from structure.models import Appointment, Organisation

COUNTY = "norrbotten"
COORDINATOR = "samordnare"
PDF = b"%PDF-1.4 underlag"


class MailServerDown(BaseEmailBackend):
    """A mail server that refuses every mail, as one does while it is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the crawl's mail server is down")


def seed() -> dict[str, list[str]]:
    """Makes the states; answers, per role, the paths where the role finds them."""
    users = {user.username: user for user in get_user_model().objects.all()}
    county = County.objects.get(slug=COUNTY)
    where: dict[str, list[str]] = {}

    def show(role, *paths):
        where.setdefault(role, []).extend(paths)

    coordinator = users[COORDINATOR]
    show(COORDINATOR, *_meetings(coordinator, users, county, show))
    show(COORDINATOR, *_matters(coordinator, users, county))
    show(COORDINATOR, reverse("deviations:list", args=[COUNTY]))
    # The costs' address without a year answers this year's; no page links it.
    show(COORDINATOR, reverse("followup:costs_now", args=[COUNTY]))
    stay = InpatientStay.objects.order_by("pk").first()
    show("kurator", reverse("plans:case", args=[stay.case_id]))
    _in_the_demo(county, show)
    _survey(coordinator, county)
    show(*_revised_case(users["socialsekreterare"]))
    show(*_guardian_notice())
    _emergency_access(users["socialsekreterare"])
    _admin_rows(county)
    show("admin", reverse("admin:password_change_done"))
    return where


def _meetings(coordinator, users, county, show) -> list[str]:
    """The next meeting: a member away with a substitute called (to withdraw), another away
    whose called substitute was withdrawn (to call another), a document; the last held
    meeting's minutes corrected and waiting to be sent, the one before corrected and sent for
    approval; the minutes published; a plan proposed for the next year; calendar addresses."""
    held = list(
        Meeting.objects.filter(county=county, status=Meeting.Status.HELD).order_by("-starts_at")
    )
    coming = (
        Meeting.objects.filter(county=county, status=Meeting.Status.NOTIFIED)
        .order_by("starts_at")
        .first()
    )
    paths = [_meeting_path(coming), _meeting_path(held[0])]
    away = [
        row
        for row in coming.attendance.filter(role=Attendance.Role.MEMBER).order_by("pk")
        if attendance.substitute_candidates(row)
    ]
    # The substitute's mail meets a server that is down: a mail to send again.
    with override_settings(EMAIL_BACKEND="samverkan.crawl_seed.MailServerDown"):
        for row in away[:2]:
            called = attendance.do_answer_notice(
                coordinator, row, Attendance.Answer.NOT_COMING
            ) or attendance.do_call_substitute(
                coordinator, row, attendance.substitute_candidates(row)[0].appointment
            )
        attendance.do_withdraw_substitute(coordinator, called, member_coming=False)
    documents.do_add_meeting_documents(
        coordinator,
        coming,
        [SimpleUploadedFile("underlag.pdf", PDF, "application/pdf")],
    )
    for meeting, send in ((held[0], False), (held[1], True)):
        corrected = minutes.do_correct_minutes(
            coordinator,
            Minutes.objects.filter(meeting=meeting).order_by("-number").first(),
            reason="Ett namn var felstavat.",
        )
        if send:
            minutes.do_submit_minutes(coordinator, corrected)
    show("ordforande", reverse("meetings:mine"))
    do_change_settings(
        coordinator,
        county,
        {"publish_minutes": True},
        [
            QuietPeriodData(p.label, (p.starts_month, p.starts_day), (p.ends_month, p.ends_day))
            for p in quiet_periods(county)
        ],
    )
    show("anonym", reverse("meetings:published", args=[COUNTY]))
    # Next year: a plan proposed, not adopted, and a year whose plan is not proposed yet.
    next_year = timezone.localdate().year + 1
    for body, instance, propose in (
        ("politisk-samverkansberedning", "", True),
        ("lansdelsgrupp", "boden-lulea", True),
        ("politisk-samverkansberedning", "", False),
        ("lansdelsgrupp", "norra-norrbotten", False),
    ):
        year = next_year if propose else next_year + 1
        if propose:
            year_actions.do_propose_year_plan(coordinator, county, body, instance, year)
        args = [COUNTY, body, instance, year] if instance else [COUNTY, body, year]
        paths.append(reverse("meetings:year", args=args))
    member = users["ordforande"]
    # A substitute's seat in an area's group too, so that a feed of a body instance is theirs.
    seat = (
        Appointment.objects.filter(
            organisation__county=county,
            body="lansdelsgrupp",
            instance="boden-lulea",
            role=Appointment.Role.MEMBER,
        )
        .order_by("pk")
        .first()
    )
    do_appoint(
        coordinator,
        AppointmentData(
            person=member.person,
            organisation=seat.organisation,
            body=seat.body,
            seat=seat.seat,
            role=Appointment.Role.SUBSTITUTE,
            starts=timezone.localdate(),
            instance=seat.instance,
            substitute_for=seat,
        ),
    )
    token = do_renew_feed_token(member)
    show("ordforande", reverse("meetings:person_feed", args=[token]))
    for ref in seats_of(member, timezone.localdate()):
        args = [token, ref.county.slug, ref.body] + ([ref.instance] if ref.instance else [])
        show("ordforande", reverse("meetings:body_feed", args=args))
    return paths


def _in_the_demo(county, show) -> None:
    """States the demo has, where the suite's crawl, which opens one instance of a pattern per
    role, would meet another instance first: a case waiting for the decision to call, a
    deviation under investigation, a held meeting's approved minutes (to correct), a matter to
    send for preparation."""
    case = Case.objects.filter(state=Case.State.CONSENTED).order_by("pk").first()
    show("rektor", reverse("plans:case", args=[case.pk]))
    deviation = Deviation.objects.filter(county=county, state=Deviation.State.ACKNOWLEDGED)
    show("ordforande", reverse("deviations:deviation", args=[deviation.order_by("pk").first().pk]))
    approved = (
        Minutes.objects.filter(meeting__county=county, state=Minutes.State.APPROVED)
        .exclude(meeting__minutes__state=Minutes.State.DRAFT)
        .exclude(meeting__minutes__state=Minutes.State.SUBMITTED)
        .order_by("-meeting__starts_at")
        .first()
    )
    show(COORDINATOR, _meeting_path(approved.meeting))
    matter = Matter.objects.filter(
        county=county, kind="question", state="open", body="lansstyrgrupp"
    ).order_by("pk")
    show("ordforande", reverse("matters:matter", args=[COUNTY, matter.first().pk]))


def _meeting_path(meeting: Meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.county.slug, meeting.pk])


def _matters(coordinator, users, county) -> list[str]:
    """A matter waiting for the principals' decisions, with an attachment, and a task to report
    back on (the demo has them, among others the crawl meets first); a dispute both sides have
    stated, on its first step; a file of a governing document."""
    found = Matter.objects.filter(county=county)
    deciding = found.filter(kind="question", state="principals").order_by("pk").first()
    task = found.filter(kind="task", state="open").order_by("pk").first()
    matter_actions.do_attach_file(
        coordinator, deciding, SimpleUploadedFile("underlag.pdf", PDF, "application/pdf")
    )
    case = Case.objects.get(individual__name="Elsa Lantto")
    dispute = dispute_actions.do_raise_dispute(
        users["socialsekreterare"],
        case,
        subject=Dispute.Subject.RESPONSIBILITY,
        respondent=Organisation.objects.get(county=county, key="region-norrbotten-narsjukvard"),
        statement="Stödet i hemmet är hälso- och sjukvård.",
        on=timezone.localdate(),
    )
    dispute_actions.do_state_side(
        users["sjukskoterska"], dispute, text="Stödet är socialtjänstens.", on=timezone.localdate()
    )
    document = GoverningDocument.objects.filter(county=county).order_by("pk").first()
    data = DocumentData(
        **{name: getattr(document, name) for name in DocumentData.__dataclass_fields__}
    )
    matter_actions.do_change_document(
        coordinator,
        document,
        data,
        [SimpleUploadedFile("rutin.pdf", PDF, "application/pdf")],
    )
    return [
        reverse("matters:matter", args=[COUNTY, deciding.pk]),
        reverse("matters:matter", args=[COUNTY, task.pk]),
        reverse("matters:matter", args=[COUNTY, dispute.matter_id]),
        reverse("disputes:dispute", args=[dispute.pk]),
        reverse("governing:change", args=[COUNTY, document.pk]),
    ]


def _survey(coordinator, county) -> None:
    """The year's survey on the effect goals, open to the structure's members."""
    today = timezone.localdate()
    survey.do_open_survey_round(
        coordinator, county, today.year, closes_on=today + datetime.timedelta(days=30)
    )


def _guardian_notice() -> tuple:
    """Another guardian than the crawl's withdraws a consent on My pages (the crawl's guardian
    keeps the plan in view): the case's staff take note."""
    shown = guardian_identity()
    for custody in GuardianIdentity.objects.exclude(pk=shown.pk).order_by("pk"):
        case = _case_of(custody)
        consent = case.consents.filter(withdrawn_on=None).order_by("pk").first()
        if consent is not None:
            break
    do_withdraw_consent_on_portal(actor_for_guardian(custody), consent, timezone.localdate())
    return ("kurator", reverse("portal_staff:guardians", args=[case.pk]))


def guardian_identity() -> GuardianIdentity:
    """The guardian the crawl logs in as: of the case with the most established versions of
    its plan, so that My pages show the plan and an earlier version."""
    return max(
        GuardianIdentity.objects.select_related("guardian__individual").order_by("-pk"),
        key=lambda custody: _case_of(custody).plans.filter(established_on__isnull=False).count(),
    )


def _case_of(custody: GuardianIdentity) -> Case:
    return custody.guardian.individual.cases.order_by("opened_at").first()


def _revised_case(coordinator) -> tuple:
    """The case whose plan is being revised: the guardians approve the second version and it is
    established, so that there are versions to compare and My pages show an earlier one."""
    case = Case.objects.filter(plans__number=2).order_by("pk").first()
    draft = case.plans.get(number=2)
    plans.do_draft_plan(
        coordinator,
        case,
        based_on=2,
        interventions=[
            {name: getattr(row, name) for name in plans.INTERVENTION}
            for row in draft.interventions.all()
        ],
        no_further_action=[
            {"organisation": row.organisation, "statement": row.statement}
            for row in draft.no_further_action.all()
        ],
        **{name: getattr(draft, name) for name in plans.CONTENT},
        approved_by=case.individual.guardians.order_by("pk").first().name,
        approved_on=timezone.localdate(),
        approved_how="at_meeting",
    )
    plans.do_establish_plan(coordinator, case.plans.get(number=2), on=timezone.localdate())
    return ("socialsekreterare", reverse("plans:case", args=[case.pk]))


def _emergency_access(user) -> None:
    do_open_emergency_access(
        user,
        identity_number=DEMO_CASES[0][1],
        reason="Akut behov av att se planen inför ett möte med familjen.",
    )


def _admin_rows(county) -> None:
    """A row in each admin list the demo leaves empty: a refused login (the login's own
    records), the county's consent reminder (set only in the admin) and a queued task."""
    # By a name no role logs in as: a login resets the name's refused attempts.
    Client().post("/konto/logga-in/", {"username": "okand", "password": "fel lösenord"})
    ConsentReminder.objects.get_or_create(county=county)
    # The tests run tasks at once; the platform queues them in the database.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        send_due.enqueue()
        # Run by the worker, as the platform's are: a waiting task would fail the health check.
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
