"""Benchmark: the individual level at county scale, and the audit trail at five million rows.

Builds, in the database of DATABASE_URL (scripts/bench.sh gives a fresh PostgreSQL database),
Norrbotten with about 130 organisations, 200,000 cases with their individuals (identity numbers
encrypted, as the platform stores them), consents, participants, meetings, plans, pending
deadlines and who sees each case (the visibility rows the lists read), and an audit trail of
5,000,000 rows forming a valid hash chain. Then measures, as a logged-in user past the second
factor, the worklist (/arenden/, its first page), Mina ärenden and a case page for an
organisation with a hundredth of the cases and for one with a handful: median and p95
server time, and the number of queries, which must not grow with the organisation. Last, times
`audit.services.verify` over the whole chain. Writes bench/results/cases.json.

SAMVERKAN_BENCH_SCALE (default 1) scales the cases and audit rows down for a quick trial run.
"""

import datetime
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from aims import figure, finish, holds, page_queries

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "cases.json"
SCALE = float(os.environ.get("SAMVERKAN_BENCH_SCALE", "1"))
CASES = int(200_000 * SCALE)
AUDIT_ROWS = int(5_000_000 * SCALE)
SCHOOL_UNITS = 7  # per municipality, under its school administration
LARGE_ORGANISATION = "lulea-socialtjansten"
LARGE_SHARE = 0.01  # of the county's cases, opened by the large organisation
SMALL_ORGANISATION = "arjeplog-socialtjansten"
SMALL_CASES = 12
YEARS_OF_CASES = 4
FOLLOW_UP_NOTICE_DAYS = 14  # from calling a follow-up meeting to the day it is to be held
PAGE_RUNS = 30
AIM_PAGE_MS = 50
AIM_VERIFY_SECONDS = 30
AUDIT_CHUNK = 10_000
VISIBILITY_BATCH = 10_000

FIRST_NAMES = (
    "Elsa Alva Maja Vera Saga Ella Wilma Alice Ebba Nora Hugo Vidar Nils Oskar Elias Liam Noah "
    "Axel Leo Viggo Aron Isak Siri Tilde Juni Linnea Matti Aslak Inga Ante"
).split()
LAST_NAMES = (
    "Lantto Keskitalo Nordin Sandberg Rova Lindqvist Berg Holm Stenlund Öberg Nilsson Lundström "
    "Johansson Sjöberg Kuoksu Pekkari Blind Marainen Henriksson Lindbäck"
).split()

# The step a case has reached, latest first, and the state it leaves the case in.
STATE_BY_STEP = [
    ("closed_on", "closed"),
    ("followed_up_on", "followed_up"),
    ("follow_up_called_on", "follow_up_called"),
    ("established_on", "planned"),
    ("meeting_on", "met"),
    ("notice_sent_on", "notified"),
    ("decided_on", "called"),
    ("consent_on", "consented"),
]

# What the audit trail says about a case: mostly reads, and the steps.
# (action, event code, changes), as the services record them: a code, never a sentence.
AUDIT_KINDS = [("read", "case.read", {})] * 6 + [
    ("create", "case.opened", {}),
    ("update", "case.call_decided", {"state": ["consented", "called"]}),
    ("update", "case.notice_sent", {"state": ["called", "notified"]}),
    ("update", "case.meeting_held", {"state": ["notified", "met"]}),
]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


class Progress:
    def __init__(self):
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.started:6.1f} s] {message}", flush=True)


def copy_rows(cursor, table: str, columns: str, rows) -> int:
    """COPY tuples (None is NULL) into the table; returns how many."""
    count = 0
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def reset_sequence(cursor, table: str) -> None:
    # The rows were copied with their ids: the application's next row must follow them.
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"(SELECT COALESCE(max(id), 1) FROM {table}))"
    )


def luhn_digit(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 - position % 2)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def build_organisations(county) -> list:
    """Norrbotten's units and school units under each municipality's school administration, so
    that the county has as many organisations as a real one would bring."""
    from structure.models import Organisation

    administrations = Organisation.objects.filter(county=county, sector="school")
    Organisation.objects.bulk_create(
        Organisation(
            county=county,
            key=f"{school.principal}-skolenhet-{n}",
            name=f"{school.name}, skolenhet {n}",
            principal=school.principal,
            sector="school",
            parent=school,
        )
        for school in administrations
        for n in range(1, SCHOOL_UNITS + 1)
    )
    return list(Organisation.objects.filter(county=county).order_by("pk"))


def build_users(organisations) -> dict:
    """One professional per organisation, by organisation id: the cases' openers and the audit
    trail's actors."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from accounts.models import Membership

    User = get_user_model()
    unusable = make_password(None)
    User.objects.bulk_create(
        User(username=f"bench-{o.key}", password=unusable) for o in organisations
    )
    users = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
    Membership.objects.bulk_create(
        Membership(user=users[f"bench-{o.key}"], organisation=o, role="professional")
        for o in organisations
    )
    return {o.pk: users[f"bench-{o.key}"] for o in organisations}


def build_individuals(cursor, county, rng: random.Random, today: datetime.date) -> None:
    """Children 1 to 17 years old with valid identity numbers, each (birth day, serial) once,
    stored encrypted with their blind index as the platform stores them."""
    from django.utils import timezone

    from plans import identity

    days = 16 * 365
    first_birth = today - datetime.timedelta(days=17 * 365)
    now = timezone.now()

    def rows():
        for n, code in enumerate(rng.sample(range(days * 999), CASES), start=1):
            born = first_birth + datetime.timedelta(days=code % days)
            digits = f"{born:%y%m%d}{code // days + 1:03d}"  # serial 001-999
            number = identity.Identity(
                f"{born:%Y}{digits[2:]}{luhn_digit(digits)}", born, coordination_number=False
            )
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            yield (
                n,
                county.pk,
                identity.encrypt(number),
                identity.blind_index(number),
                False,
                name,
                born,
                now,
            )

    copy_rows(
        cursor,
        "plans_individual",
        "id, county_id, identity_encrypted, identity_index, coordination_number, name, "
        "birth_date, created_at",
        rows(),
    )
    cursor.execute("SELECT identity_encrypted FROM plans_individual WHERE id = 1")
    # The generated numbers are ones the platform itself accepts.
    identity.parse_identity_number(identity.decrypt(cursor.fetchone()[0]))


def timeline(rng: random.Random, opened: datetime.date, today: datetime.date) -> dict:
    """The steps a case has reached by today, each some days after the one before; a few cases
    stall on a step (and their deadlines pass), and most old ones are closed."""
    steps = {}
    day = opened
    for step, low, high in (
        ("consent_on", 0, 10),
        ("decided_on", 0, 4),
        ("notice_sent_on", 1, 9),
        ("meeting_on", 2, 12),
        ("established_on", 0, 20),
        ("follow_up_called_on", 60, 160),
        ("followed_up_on", FOLLOW_UP_NOTICE_DAYS, FOLLOW_UP_NOTICE_DAYS + 10),
    ):
        day += datetime.timedelta(days=rng.randint(low, high))
        if day > today or rng.random() < 0.02:
            break
        steps[step] = day
    last = max(steps.values(), default=opened)
    closed = last + datetime.timedelta(days=rng.randint(20, 400))
    stalled = "followed_up_on" not in steps and (today - last).days > 60
    if closed <= today and (stalled or rng.random() < 0.6):
        steps["closed_on"] = closed
    return steps


def build_cases(cursor, organisations, users, rng, today) -> dict:
    """Cases and every row their steps leave: consents with the organisations they cover, the
    participants, meetings, plans and interventions. Returns the sizes."""
    from django.utils import timezone

    by_key = {o.key: o for o in organisations}
    large, small = by_key[LARGE_ORGANISATION], by_key[SMALL_ORGANISATION]
    others = [o for o in organisations if o not in (large, small)]
    partners = [o for o in organisations if o != small]
    openers = [large] * int(CASES * LARGE_SHARE) + [small] * SMALL_CASES
    openers += [rng.choice(others) for _ in range(CASES - len(openers))]
    rng.shuffle(openers)

    tables = {
        name: []
        for name in (
            "cases",
            "consents",
            "consent_organisations",
            "participants",
            "meetings",
            "plans",
            "interventions",
        )
    }
    states = dict.fromkeys(["opened", *(state for _, state in reversed(STATE_BY_STEP))], 0)
    for n, opener in enumerate(openers, start=1):
        opened = today - datetime.timedelta(days=rng.randint(0, YEARS_OF_CASES * 365))
        opened_at = timezone.make_aware(datetime.datetime.combine(opened, datetime.time(9)))
        steps = timeline(rng, opened, today)
        state = next((state for step, state in STATE_BY_STEP if step in steps), "opened")
        states[state] += 1
        user = users[opener.pk].pk
        # The large organisation takes part in others' cases too; the small one sees its own.
        sharing = list(dict.fromkeys([opener, *rng.sample(partners, rng.randint(1, 3))]))
        if "consent_on" in steps:
            withdrawn = None
            if rng.random() < 0.03:
                withdrawn = steps["consent_on"] + datetime.timedelta(days=rng.randint(1, 60))
            tables["consents"].append(
                (
                    n,
                    n,
                    "Vårdnadshavare",
                    "guardians",
                    "writing",
                    steps["consent_on"],
                    "",
                    withdrawn,
                    user,
                )
            )
            tables["consent_organisations"].extend((n, o.pk) for o in sharing)
        if "decided_on" in steps:
            tables["participants"].extend((n, o.pk) for o in sharing[1:])
        if "meeting_on" in steps:
            tables["meetings"].append(
                (n, "first", steps["decided_on"], None, steps["meeting_on"], "", "", "", user)
            )
        if "established_on" in steps:
            established = steps["established_on"]
            # The plan's follow-up date: the follow-up meeting's, once one is called.
            follow_up = established + datetime.timedelta(days=rng.randint(90, 180))
            if "follow_up_called_on" in steps:
                follow_up = steps["follow_up_called_on"] + datetime.timedelta(
                    days=FOLLOW_UP_NOTICE_DAYS
                )
                held = steps.get("followed_up_on")
                tables["meetings"].append(
                    (
                        n,
                        "follow_up",
                        steps["follow_up_called_on"],
                        follow_up,
                        held,
                        "",
                        "",
                        "continue" if held else "",
                        user,
                    )
                )
            coordinator = sharing[-1]
            tables["plans"].append(
                (
                    n,
                    n,
                    1,
                    "Stöd i skolan och samtalsstöd.",
                    "Inga.",
                    opener.principal,
                    "Samordnare",
                    coordinator.pk,
                    "",
                    "Vårdnadshavare",
                    established,
                    established,
                    opened_at,
                    user,
                )
            )
            tables["interventions"].extend(
                (n, what, o.principal, o.pk, "Varje vecka", "Personal", "Nytt möte", follow_up)
                for what, o in (("Särskilt stöd", opener), ("Samtalsstöd", coordinator))
            )
        closed = "closed_on" in steps
        tables["cases"].append(
            (
                n,
                n,
                opener.pk,
                user,
                opened_at,
                rng.random() < 0.05,
                "Behov av stöd från flera aktörer.",
                "",
                "",
                state,
                steps.get("consent_on"),
                steps.get("decided_on"),
                user if "decided_on" in steps else None,
                steps.get("notice_sent_on"),
                steps.get("meeting_on"),
                "",
                steps.get("closed_on"),
                user if closed else None,
                "Avslutat." if closed else "",
                "closed" if closed else "",
                1 + len(steps),
                False,  # as soon as possible: set with the pending deadlines
            )
        )
    columns = {
        "plans_case": (
            "cases",
            "id, individual_id, opening_organisation_id, opened_by_id, opened_at, acute, "
            "concern, name_as_given, guardians_as_given, state, consent_on, decided_on, "
            "decided_by_id, notice_sent_on, meeting_on, relatives, closed_on, closed_by_id, "
            "closed_reason, closed_as, version, due_as_soon_as_possible",
        ),
        "plans_consent": (
            "consents",
            "id, case_id, given_by, given_as, given_how, given_on, child_view, withdrawn_on, "
            "recorded_by_id",
        ),
        "plans_consent_organisations": ("consent_organisations", "consent_id, organisation_id"),
        "plans_case_participants": ("participants", "case_id, organisation_id"),
        "plans_networkmeeting": (
            "meetings",
            "case_id, kind, called_on, planned_for, held_on, attended, picture, outcome, "
            "called_by_id",
        ),
        "plans_plan": (
            "plans",
            "id, case_id, number, needs, measures_by_others, overall_responsibility, "
            "coordinator_name, coordinator_organisation_id, plan_owner_name, approved_by, "
            "approved_on, established_on, created_at, created_by_id",
        ),
        "plans_intervention": (
            "interventions",
            "plan_id, description, principal, organisation_id, scope, performer, follow_up, "
            "follow_up_on",
        ),
    }
    sizes = {}
    for table, (name, names) in columns.items():
        sizes[name] = copy_rows(cursor, table, names, tables.pop(name))
        reset_sequence(cursor, table)
    reset_sequence(cursor, "plans_individual")
    return {"individuals": CASES, **sizes, "cases_by_state": states}


def build_pending_deadlines(cursor, county) -> int:
    """The pending deadlines the services keep with each case, and each case's deadlines in
    brief, computed as they compute them (plans.deadlines.pending_rows, in_brief); a closed
    case has none."""
    from plans.deadlines import in_brief, pending_rows
    from plans.models import Case
    from plans.rules import individual_rules

    rules = individual_rules(county)[0]
    cases = (
        Case.objects.exclude(state=Case.State.CLOSED)
        .prefetch_related("meetings", "plans__interventions")
        .order_by("pk")
    )
    # Computed before the COPY: the connection reads nothing while it copies.
    rows, briefs = [], []
    for case in cases.iterator(chunk_size=5_000):
        dues, kept = pending_rows(case, rules)
        rows.extend((case.pk, *row) for row in kept)
        briefs.append((case.pk, *in_brief(dues)))
    count = copy_rows(
        cursor, "plans_pendingdeadline", "case_id, step, due_on, organisation_id", rows
    )
    reset_sequence(cursor, "plans_pendingdeadline")
    cursor.execute(
        "CREATE TEMPORARY TABLE case_brief (id integer, next_due_on date, asap boolean) "
        "ON COMMIT DROP"
    )
    copy_rows(cursor, "case_brief", "id, next_due_on, asap", briefs)
    cursor.execute(
        "UPDATE plans_case SET next_due_on = b.next_due_on, due_as_soon_as_possible = b.asap "
        "FROM case_brief b WHERE plans_case.id = b.id"
    )
    return count


def build_visibility(cursor) -> int:
    """Each case's visibility rows as the actions keep them (plans.access.visibility_of), with
    the deadlines in brief just stored, a batch of cases at a time."""
    from plans.access import visibility_of
    from plans.models import Case

    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), VISIBILITY_BATCH):
        # Read before the COPY: the connection reads nothing while it copies.
        rows = visibility_of(ids[start : start + VISIBILITY_BATCH])
        count += copy_rows(
            cursor,
            "plans_casevisibility",
            "case_id, organisation_id, visible_from, visible_until, open, next_due_on, "
            "due_as_soon_as_possible, opened_at",
            (
                (
                    row.case_id,
                    row.organisation_id,
                    row.visible_from,
                    row.visible_until,
                    row.open,
                    row.next_due_on,
                    row.due_as_soon_as_possible,
                    row.opened_at,
                )
                for row in rows
            ),
        )
    return count


def audit_constraints(cursor) -> list[str]:
    """The audit table's indexes and constraints but its primary key, as SQL that recreates
    them, and drops them: rows copy in far faster, and the indexes are built once after."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'audit_auditevent'::regclass AND contype IN ('u', 'f')"
    )
    constraints = cursor.fetchall()
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE audit_auditevent DROP CONSTRAINT "{name}"')
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes "
        "WHERE tablename = 'audit_auditevent' AND indexname <> 'audit_auditevent_pkey'"
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in indexes] + [
        f'ALTER TABLE audit_auditevent ADD CONSTRAINT "{name}" {definition}'
        for name, definition in constraints
    ]


def build_audit(cursor, organisations, users, rng, today, progress) -> int:
    """AUDIT_ROWS events over the cases' years, appended to the chain as `record` appends them:
    each row's keyed link over its fields and the link before it (audit.chain._digest)."""
    from audit import anchor
    from audit.chain import GENESIS, _digest, _fields
    from audit.models import AuditEvent, ChainHead

    head = ChainHead.objects.filter(pk=1).first()
    previous = head.last_hash if head else GENESIS
    first_id = (AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    actors = [(users[o.pk].pk, users[o.pk].username, o.name) for o in organisations]
    kinds = [(action, code, changes, json.dumps(changes)) for action, code, changes in AUDIT_KINDS]
    start = datetime.datetime.combine(
        today - datetime.timedelta(days=YEARS_OF_CASES * 365), datetime.time(), datetime.UTC
    )
    step = YEARS_OF_CASES * 365 * 86_400_000_000 // AUDIT_ROWS  # microseconds between rows
    recreate = audit_constraints(cursor)
    lines = []
    with cursor.copy(
        "COPY audit_auditevent (id, at, actor_id, actor_name, organisation_name, individual_id, "
        "emergency, action, object_type, object_id, code, params, summary, changes, reason, "
        "previous_hash, hash) FROM STDIN"
    ) as copy:
        for n in range(first_id, first_id + AUDIT_ROWS):
            at = start + datetime.timedelta(
                microseconds=(n - first_id) * step + rng.randrange(step)
            )
            actor_id, actor_name, organisation_name = rng.choice(actors)
            action, code, changes, changes_json = rng.choice(kinds)
            case = str(rng.randint(1, CASES))
            digest = _digest(
                previous,
                _fields(
                    at,
                    actor_id,
                    actor_name,
                    action,
                    "plans.case",
                    case,
                    "",
                    changes,
                    "",
                    organisation_name,
                    int(case),  # one individual per case, with the case's id
                    False,
                    code,
                    {},
                ),
            )
            # COPY's text format: no field here holds a tab, newline or backslash.
            lines.append(
                f"{n}\t{at.isoformat()}\t{actor_id}\t{actor_name}\t{organisation_name}\t{case}\t"
                f"f\t{action}\tplans.case\t{case}\t{code}\t{{}}\t\t{changes_json}\t\t{previous}\t"
                f"{digest}\n"
            )
            previous = digest
            if len(lines) == AUDIT_CHUNK:
                copy.write("".join(lines))
                lines.clear()
                if (n - first_id + 1) % 500_000 == 0:
                    progress(f"{n - first_id + 1} audit events chained and copied")
        copy.write("".join(lines))
    progress("audit events copied; building their indexes")
    for statement in recreate:
        cursor.execute(statement)
    ChainHead.objects.update_or_create(pk=1, defaults={"last_hash": previous})
    # The head signed outside the database, as `record` leaves it after each event.
    anchor.advance(first_id + AUDIT_ROWS - 1, previous)
    reset_sequence(cursor, "audit_auditevent")
    return AuditEvent.objects.count()


def verified_client(user):
    """A client logged in as the user and past the second factor, as the case pages require."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import current_code

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    device = TOTPDevice.objects.get_or_create(user=user, confirmed=True, name="bench")[0]
    response = client.post("/konto/tvafaktor/", {"code": current_code(device)})
    assert response.status_code == 302, response.status_code
    return client


def measure(client, url: str) -> dict:
    """Server time of PAGE_RUNS requests after a warm-up, and the queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(PAGE_RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return {
        "url": url,
        "status": response.status_code,
        "runs": PAGE_RUNS,
        "median_ms": figure(ms(statistics.median(times)), AIM_PAGE_MS, "ms"),
        "p95_ms": ms(statistics.quantiles(times, n=20)[18]),
        "queries": page_queries(captured),
    }


def bench_pages(organisations, users, today) -> dict:
    """The worklist, Mina ärenden and a case page of each organisation's own, as one of its
    users; the case pages in the same step, so that they ask the same; for the large
    organisation also a case it sees by taking part."""
    from plans.access import visible_cases
    from plans.models import Case
    from plans.worklist import open_deadlines

    by_key = {o.key: o for o in organisations}
    # Cases under way with a plan: the fullest case page, with the plan and the next step's form.
    planned = (
        Case.objects.filter(plans__isnull=False)
        .exclude(state=Case.State.CLOSED)
        .order_by("-pk")
        .values_list("pk", flat=True)
    )
    small_case = planned.filter(opening_organisation=by_key[SMALL_ORGANISATION]).first()
    state = Case.objects.get(pk=small_case).state
    large_case = planned.filter(opening_organisation=by_key[LARGE_ORGANISATION], state=state)[0]
    pages = {}
    for key, case in ((LARGE_ORGANISATION, large_case), (SMALL_ORGANISATION, small_case)):
        organisation = by_key[key]
        user = users[organisation.pk]
        client = verified_client(user)
        visible = visible_cases(user, today)
        row = {
            "cases_opened": Case.objects.filter(opening_organisation=organisation).count(),
            "cases_visible": visible.count(),
            "open_deadlines": len(open_deadlines(user, today)),
            "worklist": measure(client, "/arenden/"),
            "my_cases": measure(client, "/arenden/mina/"),
            "case_page": {"state": state, **measure(client, f"/arenden/{case}/")},
        }
        if key == LARGE_ORGANISATION:
            shared = planned.filter(
                pk__in=visible.exclude(opening_organisation=organisation), state=state
            )
            row["case_page_by_participation"] = measure(client, f"/arenden/{shared[0]}/")
        pages[key] = row
        worklist, mine, case_page = row["worklist"], row["my_cases"], row["case_page"]
        print(
            f"{key}: {row['cases_opened']} cases opened, {row['cases_visible']} visible, "
            f"{row['open_deadlines']} open deadlines; worklist {worklist['median_ms']['value']} ms "
            f"(p95 {worklist['p95_ms']}), {worklist['queries']} queries; my cases "
            f"{mine['median_ms']['value']} ms, {mine['queries']} queries; case "
            f"page {case_page['median_ms']['value']} ms (p95 {case_page['p95_ms']}), "
            f"{row['case_page']['queries']} queries",
            flush=True,
        )
    return pages


def main() -> int:
    # base builds its set with this module's builders: imported here, not at the top.
    from base import build_set, start_django

    start_django()
    from django.db import connection

    from audit.parallel import workers
    from audit.services import verify

    build = {}

    def deadlines_visibility_and_audit(cursor, built) -> dict:
        # From the migration on: the database, the agreement, the individuals and their cases.
        build["cases_seconds"] = round(time.perf_counter() - started, 1)
        built.progress(f"{len(built.organisations)} organisations, {CASES} cases: {built.sizes}")
        sizes = {
            "pending_deadlines": build_pending_deadlines(cursor, built.county),
            "visibility_rows": build_visibility(cursor),
        }
        audit_started = time.perf_counter()
        sizes["audit_events"] = build_audit(
            cursor, built.organisations, built.users, built.rng, built.today, built.progress
        )
        build["audit_seconds"] = round(time.perf_counter() - audit_started, 1)
        return sizes

    started = time.perf_counter()
    built = build_set(deadlines_visibility_and_audit)
    organisations, users, today, sizes = built.organisations, built.users, built.today, built.sizes
    progress = built.progress
    with connection.cursor() as cursor:
        # As autovacuum would have by now: statistics for the planner, a visibility map.
        cursor.execute("VACUUM ANALYZE")
    progress("vacuumed and analysed; measuring the pages")

    pages = bench_pages(organisations, users, today)
    queries_constant = all(
        pages[LARGE_ORGANISATION][page]["queries"] == pages[SMALL_ORGANISATION][page]["queries"]
        for page in ("worklist", "my_cases", "case_page")
    )
    progress(f"pages measured; verifying the chain of {sizes['audit_events']} audit events")
    started, cpu = time.perf_counter(), time.process_time()
    verification = verify()
    verify_seconds, verify_cpu = time.perf_counter() - started, time.process_time() - cpu
    progress(f"verified {verification.checked} events in {verify_seconds:.1f} s")

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    result = {
        "database": connection.vendor,
        "postgresql_jit": jit,
        "sizes": {"organisations": len(organisations), **sizes},
        "build_seconds": build,
        "pages": pages,
        "queries_constant": holds(
            queries_constant, "the same number of queries for the largest and a small organisation"
        ),
        "verify": {
            "events": verification.checked,
            "intact": holds(verification.intact, "the chain verifies"),
            "seconds": figure(round(verify_seconds, 1), AIM_VERIFY_SECONDS, "s"),
            # This process's share; the rest is PostgreSQL and waiting for it.
            "python_cpu_seconds": round(verify_cpu, 1),
            # The chain is walked in segments by this many worker processes.
            "processes": workers(),
            "events_per_second": round(verification.checked / verify_seconds),
        },
        "scale": SCALE,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    status = finish(result, RESULTS)
    print(
        f"cases: {CASES} cases, {sizes['audit_events']} audit events; queries constant: "
        f"{queries_constant}; audit verify {verify_seconds:.1f} s (aim < {AIM_VERIFY_SECONDS} s)"
        f" -> {RESULTS.relative_to(ROOT)}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
