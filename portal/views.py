"""My pages: the young person's and the guardians' own view of the case, in plain Swedish.

Each page is recorded in the audit trail as the family member's own read of the individual's
data; a case the visitor may not see answers the same 404 as one that does not exist, logged.
A login that finds nothing (no case, custody ended, a stranger) gets the same neutral page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.services import Target, record
from logreview.extract import reads
from plans import sip_pdf
from plans.access import ShownIdentity
from plans.identity import age_on
from plans.models import Case, Individual
from plans.sip import read_sip

from . import events, queries
from .actions import do_withdraw_consent_on_portal
from .forms import DemoLoginForm, WithdrawForm
from .models import GuardianIdentity
from .rules import access_ages
from .visitor import ANYONE, Person, current, log_in, log_out, reach_of


def portal_page(view):
    """A page for a logged-in family member: the visitor's reach on `request.reach`."""

    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        visitor = current(request)
        if visitor is None:
            return redirect("portal:login")
        request.today = timezone.localdate()
        request.reach = reach_of(visitor, request.today)
        return view(request, *args, **kwargs)

    return wrapped


def not_found(request, pk) -> HttpResponse:
    record(ANYONE, events.REFUSED, Target("plans.case", str(pk)), reason=request.path[:200])
    return render(request, "portal/not_found.html", status=404)


def _case(request, pk: int) -> tuple[Case | None, Person | None]:
    case = queries.reached_case(request.reach, pk)
    if case is None:
        return None, None
    return case, request.reach.person(case.individual_id)


@require_GET
@portal_page
def home(request):
    reach = request.reach
    cases = queries.cases_of(reach)
    people = []
    for person in reach.people:
        own_cases = [c for c in cases if c.individual_id == person.individual.pk]
        if own_cases:
            record(person.actor, events.LISTED, person.individual)
            people.append((person, own_cases))
    if not people:
        template = "portal/too_young.html" if reach.too_young else "portal/nothing.html"
        return render(request, template, {"own_from_age": reach.own_from_age})
    return render(request, "portal/home.html", {"people": people, "too_young": reach.too_young})


@require_GET
@portal_page
def case(request, pk: int):
    case, person = _case(request, pk)
    if case is None:
        return not_found(request, pk)
    record(person.actor, events.OVERVIEW_READ, case)
    plans = queries.established_plans(case)
    in_force = plans[0] if plans else None
    return render(
        request,
        "portal/case.html",
        {
            "case": case,
            "person": person,
            "plan": in_force,
            "earlier": plans[1:],
            "coordinator_email": queries.coordinator_email(in_force) if in_force else "",
            "meetings": queries.upcoming_meetings(case, request.today),
            "consents": queries.consents(case),
            "today": request.today,
        },
    )


@require_GET
@portal_page
def plan(request, pk: int, number: int):
    case, person = _case(request, pk)
    if case is None:
        return not_found(request, pk)
    plans = queries.established_plans(case)
    shown = next((p for p in plans if p.number == number), None)
    if shown is None:
        return not_found(request, pk)
    record(person.actor, events.PLAN_READ, shown, {"n": shown.number})
    return render(
        request,
        "portal/plan.html",
        {
            "case": case,
            "person": person,
            "plan": shown,
            "newest": shown is plans[0],
        },
    )


@dataclass(frozen=True)
class PortalReader:
    """Who prints the plan from My pages, as the form names the printer."""

    get_full_name: str
    username: str = ""


@require_GET
@portal_page
def plan_pdf(request, pk: int, number: int):
    """An established version of the plan as the filled-in form the staff print, audited as
    the family member's own read."""
    case, person = _case(request, pk)
    if case is None:
        return not_found(request, pk)
    shown = next((p for p in queries.established_plans(case) if p.number == number), None)
    if shown is None:
        return not_found(request, pk)
    individual = case.individual
    # The family sees the individual as registered: the name and guardians are their own.
    identity = ShownIdentity(
        individual.name, [g.name for g in individual.guardians.all()], False, False
    )
    sip = read_sip(case, shown, identity, request.today)
    reader = PortalReader(
        str(_("the individual, on My pages") if person.own else _("a guardian, on My pages"))
    )
    document = sip_pdf.sip_pdf(sip, reader, request.build_absolute_uri("/"))
    record(person.actor, events.PLAN_PDF_READ, shown, {"n": shown.number})
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{sip_pdf.filename(sip)}"'
    return response


@require_http_methods(["GET", "POST"])
@portal_page
def withdraw(request, pk: int, consent_pk: int):
    case, person = _case(request, pk)
    consent = (
        case.consents.filter(pk=consent_pk, withdrawn_on__isnull=True)
        .prefetch_related("organisations")
        .first()
        if case is not None
        else None
    )
    if consent is None:
        return not_found(request, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_withdraw_consent_on_portal(person.actor, consent, request.today)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "The consent is withdrawn from today: the organisations no longer share "
                    "information with each other about the case. The coordinator is told."
                ),
            )
            return redirect("portal:case", case.pk)
    else:
        record(person.actor, events.CONSENT_READ, consent)
    return render(
        request,
        "portal/withdraw.html",
        {"case": case, "person": person, "consent": consent, "form": form},
    )


@require_GET
@portal_page
def log(request, pk: int):
    case, person = _case(request, pk)
    if case is None:
        return not_found(request, pk)
    record(person.actor, events.LOG_READ, person.individual)
    page = Paginator(reads(person.individual), 50).get_page(request.GET.get("sida"))
    return render(
        request,
        "portal/log.html",
        {"case": case, "person": person, "page": page},
    )


@never_cache
@require_http_methods(["GET"])
def login(request):
    return render(
        request,
        "portal/login.html",
        {
            "oidc": settings.SAMVERKAN_PORTAL_OIDC,
            "demo": _demo_form() if settings.SAMVERKAN_PORTAL_DEMO_LOGIN else None,
        },
    )


def _demo_people():
    """In the demo only: the made-up people who have something to see, by name."""
    today = timezone.localdate()
    people = []
    for custody in GuardianIdentity.objects.filter(custody_ends_on__gt=today).select_related(
        "guardian__individual"
    )[:50]:
        people.append(
            (
                f"g{custody.pk}",
                _("Guardian of %(child)s (%(guardian)s)")
                % {"guardian": custody.guardian.name, "child": custody.guardian.individual.name},
            )
        )
    for individual in (
        Individual.objects.filter(cases__isnull=False).select_related("county").distinct()[:50]
    ):
        if access_ages(individual.county).sees_own(individual.birth_date, today):
            people.append(
                (
                    f"i{individual.pk}",
                    _("%(name)s, %(age)s years")
                    % {"name": individual.name, "age": age_on(individual.birth_date, today)},
                )
            )
    return people


def _demo_form(data=None):
    return DemoLoginForm(data, people=_demo_people())


@never_cache
@require_POST
def demo_login(request):
    # The demo's made-up people only: never where the platform holds real ones.
    if not settings.SAMVERKAN_PORTAL_DEMO_LOGIN:
        return render(request, "portal/not_found.html", status=404)
    form = _demo_form(request.POST)
    if not form.is_valid():
        return render(
            request,
            "portal/login.html",
            {"oidc": settings.SAMVERKAN_PORTAL_OIDC, "demo": form},
            status=400,
        )
    chosen = form.cleaned_data["person"]
    if chosen.startswith("g"):
        custody = GuardianIdentity.objects.get(pk=int(chosen[1:]))
        log_in(request, index=custody.identity_index)
    else:
        individual = Individual.objects.get(pk=int(chosen[1:]))
        log_in(request, index=individual.identity_index, born=individual.birth_date)
    return redirect("portal:home")


@require_POST
def logout(request):
    log_out(request)
    messages.info(request, _("You are logged out of My pages."))
    return redirect("portal:login")
