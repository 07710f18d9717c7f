"""Dates in any order: each step either follows the one before it in time and moves the case on,
or is refused with a message on the field and leaves the case as it was."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.models import Membership
from plans.models import Case
from plans.services import (
    do_decide_to_call,
    do_open_case,
    do_record_consent,
    do_record_meeting,
    do_send_notice,
)
from structure.models import Organisation

OPENED = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
offsets = st.integers(-3, 3)


class StepsKeepTheirOrder(TestCase):
    @classmethod
    def setUpTestData(cls):
        from structure.tests.builders import loaded_county

        county = loaded_county("norrbotten")
        cls.school = Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")
        cls.social = Organisation.objects.get(county=county, key="lulea-socialtjansten")
        cls.manager = get_user_model().objects.create_user("rektor", password="x" * 16)
        Membership.objects.create(user=cls.manager, organisation=cls.school, role="unit_manager")

    @settings(max_examples=60, deadline=None)
    @given(gaps=st.lists(offsets, min_size=4, max_size=4))
    def test_a_step_before_the_one_it_follows_is_refused(self, gaps):
        case = do_open_case(
            self.manager,
            organisation=self.school,
            identity_number="20140312-2391",
            name="Elsa Lantto",
            concern="Oro.",
        )
        Case.objects.filter(pk=case.pk).update(opened_at=OPENED)
        case.refresh_from_db()
        day = OPENED.date()
        steps = [
            lambda on: do_record_consent(
                self.manager,
                case,
                given_by="Maria",
                given_how="orally",
                given_on=on,
                organisations=[self.social],
            ),
            lambda on: do_decide_to_call(self.manager, case, decided_on=on),
            lambda on: do_send_notice(self.manager, case, sent_on=on),
            lambda on: do_record_meeting(self.manager, case, held_on=on),
        ]
        for gap, step in zip(gaps, steps, strict=True):
            on = day + datetime.timedelta(days=gap)
            before = Case.objects.values_list("state", "version").get(pk=case.pk)
            if gap < 0:
                with self.assertRaises(ValidationError) as refused:
                    step(on)
                assert refused.exception.message_dict  # on the date's field
                assert Case.objects.values_list("state", "version").get(pk=case.pk) == before
                return
            step(on)
            case.refresh_from_db()
            assert case.version == before[1] + 1
            day = on
        assert case.state == Case.State.MET
