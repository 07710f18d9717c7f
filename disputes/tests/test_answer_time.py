"""By when each step of a dispute should answer: Norrbus' path states no time ("Oenighet vid
tillämpning av riktlinjer" names only the levels), so the county's setting for matters applies,
20 working days by default, counted by the Swedish calendar from the day the dispute reaches the
step; a path whose document states a time uses its own. The day is stored on the matter, read by
the inbox and the worklist, shown on the dispute and the case, and once passed the page names
the next step."""

import pytest
from django.utils import timezone

from agreements import schema
from disputes import actions
from disputes.models import Dispute
from inbox.queries import inbox_for
from matters import actions as matter_actions
from matters import flow
from plans.tests.test_case_pages import verified_login
from plans.worklist import _other_rows

from .conftest import D
from .test_path import RAISED_ON, _raise

pytestmark = pytest.mark.django_db


def test_norrbus_states_no_time_so_the_county_default_counts(people, orgs, case):
    dispute = _raise(people, orgs, case)
    path = matter_actions.dispute_path_of(dispute.matter)
    assert path.path.source.section == "Oenighet vid tillämpning av riktlinjer"
    assert path.path.answer_working_days is None
    time = matter_actions.answer_time(path, dispute.matter.county)
    assert (time.working_days, time.stated) == (20, False)
    # Monday 16 March 2026 + 20 working days, Good Friday and Easter Monday not counted.
    assert dispute.matter.answer_due == D("2026-04-15")


def test_the_county_setting_and_each_escalation_count_afresh(people, orgs, case):
    matter_actions.do_change_settings(
        people["coordinator"],
        case.individual.county,
        review_months=12,
        decision_days=90,
        dispute_answer_days=5,
    )
    dispute = _raise(people, orgs, case)
    assert dispute.matter.answer_due == D("2026-03-23")
    actions.do_state_side(people["bup"], dispute, text="Kommunens.", on=D("2026-03-17"))
    dispute = actions.do_escalate_dispute(
        people["coordinator"], dispute, to_step=1, text="Ingen enighet.", on=D("2026-03-20")
    )
    assert dispute.matter.answer_due == D("2026-03-27")


def test_a_path_that_states_its_time_uses_its_own(people, orgs, case):
    dispute = _raise(people, orgs, case)
    found = matter_actions.dispute_path_of(dispute.matter)
    stated = flow.DisputePath(
        found.document,
        found.index,
        schema.DisputePath.model_validate(
            {**found.path.model_dump(by_alias=True), "answer_working_days": 10}
        ),
        found.agreement,
    )
    time = matter_actions.answer_time(stated, dispute.matter.county)
    assert (time.working_days, time.stated) == (10, True)


def test_the_inbox_and_the_worklist_read_the_stored_day(people, orgs, case):
    dispute = _raise(people, orgs, case)
    due = dispute.matter.answer_due
    [item] = [i for i in inbox_for(people["bup"], RAISED_ON).items if i.source == "disputes"]
    assert item.due_on == due
    for side in ("social", "bup"):
        rows = [r for r in _other_rows(people[side], RAISED_ON) if "oenighet" in r.step.lower()]
        assert [(r.due_on, r.url) for r in rows] == [(due, f"/oenighet/{dispute.pk}/")]
    assert not [r for r in _other_rows(people["kiruna"], RAISED_ON) if r.url.startswith("/oen")]


def test_the_page_shows_the_day_the_setting_and_when_passed_the_next_step(
    client, people, orgs, case
):
    overdue = _raise(people, orgs, case)
    verified_login(client, people["social"])
    page = client.get(f"/oenighet/{overdue.pk}/").content.decode()
    assert "ska svara senast 2026-04-15" in page
    assert "Riktlinjen anger ingen svarstid" in page and "20 arbetsdagar" in page
    assert (
        "Försenat" in page and "lyft oenigheten vidare till Länsdelssamverkan (Boden/Luleå)" in page
    )
    case_page = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "att besvara senast 2026-04-15" in case_page

    on_time = _raise(people, orgs, case, subject="responsibility", on=timezone.localdate())
    page = client.get(f"/oenighet/{on_time.pk}/").content.decode()
    assert "ska svara senast" in page and "Försenat" not in page


def test_a_dispute_stored_without_a_day_still_shows(client, people, orgs, case):
    dispute = _raise(people, orgs, case)
    type(dispute.matter).objects.filter(pk=dispute.matter_id).update(answer_due=None)
    verified_login(client, people["social"])
    page = client.get(f"/oenighet/{dispute.pk}/")
    assert page.status_code == 200 and "ska svara senast" not in page.content.decode()
    assert Dispute.objects.get().state == "open"
