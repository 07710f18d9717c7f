"""A consent given for a limited time: its end date (the last day it holds) is after the day
it was given and within the plan's horizon, in the form, the API and the database; past it the
organisations taking part no longer see the case (the visibility rows stop on the day after),
and the case page says it has expired and names the next step, a new consent."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from plans.access import Basis, access_basis, keep_visibility, visible_case_ids
from plans.forms import ConsentForm
from plans.models import CaseVisibility, Consent
from plans.services import do_draft_plan, do_establish_plan
from plans.tests.individual import user_of

from .test_api import login, post
from .test_case_pages import verified_login
from .test_plan import complete

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
DAY = datetime.timedelta(days=1)


def ends(case, day):
    """The case's consent given for a limited time, ending on the day."""
    consent = case.consents.get()
    consent.valid_until = day
    consent.save(update_fields=["valid_until"])
    keep_visibility(case)
    return consent


def test_the_end_date_is_after_the_day_given_in_the_form_api_and_database(client, met_case, orgs):
    case, user = met_case
    social = orgs["lulea-socialtjansten"]
    today = timezone.localdate()
    data = {
        "version": case.version,
        "given_by": "Maria Lantto",
        "given_how": "writing",
        "given_on": today.isoformat(),
        "organisations": [social.pk],
    }
    for bad in (today, today - DAY, today + 6 * 366 * DAY):
        form = ConsentForm({**data, "valid_until": bad.isoformat()}, case=case)
        assert not form.is_valid() and "valid_until" in form.errors, bad
    assert ConsentForm({**data, "valid_until": (today + DAY).isoformat()}, case=case).is_valid()
    login(client, user)
    payload = {**data, "organisations": [social.key], "valid_until": today.isoformat()}
    refused = post(client, f"/api/cases/{case.pk}/consents", payload)
    assert refused.status_code == 422 and "valid_until" in refused.json()["errors"]
    assert case.consents.count() == 1
    payload["valid_until"] = (today + 30 * DAY).isoformat()
    assert post(client, f"/api/cases/{case.pk}/consents", payload).status_code == 200
    consents = client.get(f"/api/cases/{case.pk}").json()["consents"]
    assert [(c["valid_until"], c["in_force"]) for c in consents] == [
        (None, True),
        (payload["valid_until"], True),
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.filter(pk=case.consents.first().pk).update(valid_until=D("2026-03-02"))


def test_past_its_end_the_organisations_taking_part_no_longer_see_the_case(met_case, orgs):
    case, _user = met_case
    worker = user_of(orgs["lulea-socialtjansten"], "socialsekreterare")
    ends(case, D("2026-06-30"))
    assert access_basis(worker, case, D("2026-06-30")) == Basis.PARTICIPATION
    assert access_basis(worker, case, D("2026-07-01")) is None
    assert case.consent_in_force(D("2026-06-30")) and not case.consent_in_force(D("2026-07-01"))
    row = CaseVisibility.objects.get(case=case, organisation=orgs["lulea-socialtjansten"])
    assert (row.visible_from, row.visible_until) == (D("2026-03-02"), D("2026-07-01"))
    seen = [
        set(visible_case_ids(worker, day).values_list("case_id", flat=True))
        for day in (
            D("2026-06-30"),
            D("2026-07-01"),
        )
    ]
    assert seen == [{case.pk}, set()]


def test_the_case_page_says_it_expired_and_names_the_new_consent(client, met_case, orgs):
    case, user = met_case
    plan = do_draft_plan(user, case, **complete(orgs))
    do_establish_plan(user, plan, on=D("2026-03-13"))
    yesterday = timezone.localdate() - DAY
    ends(case, yesterday)
    verified_login(client, user)
    page = client.get(f"/arenden/{case.pk}/").content.decode()
    assert f"har gått ut: gällde till och med {yesterday.isoformat()}" in page
    assert "Inget samtycke gäller: det har gått ut eller återkallats." in page
    assert "Registrera ett nytt samtycke: det som ärendet vilade på har gått ut" in page
    new = f"/arenden/{case.pk}/samtycke/nytt/"
    assert new in page
    form = client.get(new)
    assert form.status_code == 200 and "Gäller till och med" in form.content.decode()
    case.refresh_from_db()
    answer = client.post(
        new,
        {
            "version": case.version,
            "given_by": "Maria Lantto",
            "given_how": "writing",
            "given_on": timezone.localdate().isoformat(),
            "organisations": [orgs["lulea-socialtjansten"].pk],
        },
    )
    assert answer.status_code == 302, answer.content.decode()
    page = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Inget samtycke gäller" not in page
    assert case.consents.count() == 2


def test_a_closed_case_takes_no_new_consent(client, met_case):
    case, user = met_case
    case.state = case.State.CLOSED
    case.save(update_fields=["state"])
    verified_login(client, user)
    assert client.get(f"/arenden/{case.pk}/samtycke/nytt/").status_code == 404
