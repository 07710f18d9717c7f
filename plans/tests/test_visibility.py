"""The visibility rows (plans.models.CaseVisibility) that the lists read are kept by the actions
so that, on any day, an organisation's list is what the access rules give: random cases taken
through random steps (consents given and withdrawn on random days, participants chosen, cases
closed), then every organisation's start page and list of visible cases compared, day by day,
with the three look-ups they replaced and with `access_basis`, the authority on each case."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.models import Membership
from plans import identity
from plans.access import access_basis, own_visible_cases, stretches_seen, visible_case_ids
from plans.models import Case, EmergencyAccess
from plans.mycases import my_open_cases
from plans.services import (
    do_close_case,
    do_decide_to_call,
    do_open_case,
    do_record_consent,
    do_withdraw_consent,
)
from structure.models import Organisation

KEYS = (
    "lulea-barn-och-utbildning",
    "lulea-socialtjansten",
    "region-norrbotten-narsjukvard",
    "kalix-socialtjansten",
)
organisations = st.sets(st.sampled_from(range(len(KEYS))), min_size=1)
offsets = st.integers(0, 6)
consents = st.fixed_dictionaries(
    {
        "organisations": organisations,
        "given": offsets,
        "withdrawn": st.none() | offsets,
    }
)
case_specs = st.fixed_dictionaries(
    {
        "opener": st.sampled_from(range(len(KEYS))),
        "individual": st.integers(0, 2),
        "acute": st.booleans(),
        "consents": st.lists(consents, min_size=1, max_size=2),
        "participants": organisations,
        "decided": offsets,
        # Closing rewrites every row of the case: mostly left open, so that the other steps'
        # rows are what is compared.
        "closed": st.sampled_from([False, False, False, True]),
    }
)


def identity_number(n: int) -> str:
    digits = f"140312{n + 101:03d}"
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 - position % 2)
        total += value - 9 if value > 9 else value
    return f"2014{digits[2:6]}-{digits[6:]}{(10 - total % 10) % 10}"


def old_open_cases(user, today):
    """Mina ärenden as it was read before the rows: the union of the three look-ups."""
    branches = [
        cases.exclude(state=Case.State.CLOSED)
        .order_by()
        .annotate(
            urgency=models.Case(
                When(next_due_on__lt=today, then=Value(0)),
                When(due_as_soon_as_possible=True, then=Value(1)),
                When(next_due_on__isnull=False, then=Value(2)),
                default=Value(3),
                output_field=models.IntegerField(),
            ),
            due_order=Coalesce("next_due_on", Value(datetime.date.max)),
        )
        for cases in own_visible_cases(user, today)
    ]
    if not branches:
        return []
    return list(
        branches[0]
        .union(*branches[1:])
        .values_list("pk", "urgency", "due_order", "opened_at")
        .order_by("urgency", "due_order", "opened_at", "pk")
    )


class ListsFollowTheAccessRules(TestCase):
    @classmethod
    def setUpTestData(cls):
        from structure.tests.builders import loaded_county

        county = loaded_county("norrbotten")
        User = get_user_model()
        cls.organisations = [Organisation.objects.get(county=county, key=key) for key in KEYS]
        cls.workers, cls.managers = [], []
        for n, organisation in enumerate(cls.organisations):
            worker = User.objects.create_user(f"worker{n}", password="x" * 16)
            Membership.objects.create(user=worker, organisation=organisation, role="professional")
            manager = User.objects.create_user(f"manager{n}", password="x" * 16)
            Membership.objects.create(user=manager, organisation=organisation, role="unit_manager")
            cls.workers.append(worker)
            cls.managers.append(manager)

    def take_steps(self, spec, today):
        """The case through the steps asked for; a step the rules refuse is left out, as it
        leaves nothing behind."""
        opener = spec["opener"]
        manager = self.managers[opener]
        case = do_open_case(
            manager,
            organisation=self.organisations[opener],
            identity_number=identity_number(spec["individual"]),
            name="Elsa Lantto",
            concern="Oro.",
            acute=spec["acute"],
        )

        def attempt(step, *args, **kwargs):
            try:
                return step(manager, *args, **kwargs)
            except ValidationError:
                return None

        given = []
        for consent in spec["consents"]:
            given.append(
                (
                    attempt(
                        do_record_consent,
                        case,
                        given_by="Maria Lantto",
                        given_how="writing",
                        given_on=today + datetime.timedelta(days=consent["given"]),
                        organisations=[self.organisations[n] for n in consent["organisations"]],
                    ),
                    consent["withdrawn"],
                )
            )
            case.refresh_from_db()
            if case.state == Case.State.CONSENTED:
                # Among those the consent names, so that the decision is mostly allowed.
                named = consent["organisations"] & spec["participants"]
                attempt(
                    do_decide_to_call,
                    case,
                    decided_on=case.consent_on + datetime.timedelta(days=spec["decided"]),
                    participants=[self.organisations[n] for n in sorted(named)],
                )
                case.refresh_from_db()
        for recorded, withdrawn in given:
            if recorded is not None and withdrawn is not None:
                on = recorded.given_on + datetime.timedelta(days=withdrawn)
                attempt(do_withdraw_consent, recorded, on)
        if spec["closed"]:
            case.refresh_from_db()
            attempt(do_close_case, case, on=today, reason="Klart.")
        return case

    @settings(max_examples=30, deadline=None, derandomize=True)
    @given(
        specs=st.lists(case_specs, min_size=1, max_size=4), emergency=st.none() | st.integers(0, 2)
    )
    def test_each_list_is_what_the_access_rules_give(self, specs, emergency):
        today = timezone.localdate()
        for spec in specs:
            self.take_steps(spec, today)
        if emergency is not None:
            # The first organisation's worker sees one individual's cases under an emergency
            # access.
            now = timezone.now()
            EmergencyAccess.objects.create(
                user=self.workers[0],
                organisation=self.organisations[0],
                individual_id=Case.objects.filter(
                    individual__identity_index=identity.blind_index(
                        identity.parse_identity_number(identity_number(emergency))
                    )
                )
                .values_list("individual", flat=True)
                .first(),
                reason="Akut fara för barnets hälsa.",
                started_at=now - datetime.timedelta(hours=1),
                ends_at=now + datetime.timedelta(hours=1),
            )
        every_case = list(Case.objects.all())
        for day in (today + datetime.timedelta(days=n) for n in (-1, 1, 3, 6, 9, 13)):
            for worker in self.workers:
                assert list(my_open_cases(worker, day)) == old_open_cases(worker, day)
                assert {row["case_id"] for row in visible_case_ids(worker, day)} == {
                    case.pk for case in every_case if access_basis(worker, case, day)
                }


class Stretches(TestCase):
    def test_overlapping_and_touching_consents_make_one_stretch(self):
        day = datetime.date(2026, 3, 2)

        def on(n):
            return day + datetime.timedelta(days=n)

        assert stretches_seen(
            1,
            [1, 2, 3],
            [
                (1, on(0), None),
                (2, on(0), on(5)),
                (2, on(3), on(8)),  # overlaps the one before
                (2, on(8), on(9)),  # begins the day the one before ends
                (2, on(12), None),
                (3, on(4), on(4)),  # withdrawn the day it was given: never in force
                (4, on(0), None),  # named by the consent, not taking part
            ],
        ) == [(1, None, None), (2, on(0), on(9)), (2, on(12), None)]
