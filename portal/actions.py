"""The portal's state changes: by staff, a guardian's identity number and custody recorded on
the case, so that the guardian's login finds the child, and a withdrawal on My pages noted; by
the family, the consent withdrawn (the plans' own action, plans.services.do_withdraw_consent,
called as the family member, with a notice for the organisation that leads the case)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from plans import identity
from plans.models import Case, Consent, Guardian
from plans.services import do_withdraw_consent, plan_in_force
from structure.actions import ConflictError

from . import events
from .models import GuardianIdentity, WithdrawalNotice
from .rules import access_ages


@transaction.atomic
def do_record_guardian_identity(
    actor,
    case: Case,
    guardian: Guardian,
    *,
    identity_number: str,
    custody_ends_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> GuardianIdentity:
    """Record, or change, the guardian's number and the day custody ends (the child's 18th
    birthday unless a court ended it earlier; a day in the past ends the guardian's view)."""
    individual = case.individual
    if guardian.individual_id != individual.pk:
        raise ValidationError({"guardian": _("Choose one of the child's guardians.")})
    try:
        found = identity.parse_identity_number(identity_number)
    except ValidationError as error:
        raise ValidationError({"identity_number": error.messages}) from None
    index = identity.blind_index(found)
    if index == individual.identity_index:
        raise ValidationError(
            {"identity_number": _("That is the child's own number, not the guardian's.")}
        )
    if (
        GuardianIdentity.objects.filter(guardian__individual=individual, identity_index=index)
        .exclude(guardian=guardian)
        .exists()
    ):
        raise ValidationError(
            {"identity_number": _("Another of the child's guardians already has that number.")}
        )
    limit = access_ages(individual.county).custody_limit(individual.birth_date)
    ends = custody_ends_on or limit
    if ends > limit:
        raise ValidationError(
            {
                "custody_ends_on": _(
                    "Custody ends at the latest when the child turns 18, on %(day)s."
                )
                % {"day": limit.isoformat()}
            }
        )
    existing = GuardianIdentity.objects.select_for_update().filter(guardian=guardian).first()
    if existing is None:
        created = GuardianIdentity.objects.create(
            guardian=guardian, identity_index=index, custody_ends_on=ends, recorded_by=actor
        )
        record(
            actor,
            events.GUARDIAN_RECORDED,
            created,
            changes={"custody_ends_on": [None, ends]},
        )
        return created
    if expected_version is not None and expected_version != existing.version:
        raise ConflictError(
            _("Someone else changed the guardian's login after you opened the page.")
        )
    changes = {}
    if existing.custody_ends_on != ends:
        changes["custody_ends_on"] = [existing.custody_ends_on, ends]
    if existing.identity_index != index:
        # The hash itself is no one's business in the trail: only that the number changed.
        changes["identity_number"] = [None, "changed"]
    existing.identity_index, existing.custody_ends_on = index, ends
    existing.recorded_by = actor
    existing.version += 1
    existing.save()
    record(actor, events.GUARDIAN_CHANGED, existing, changes=changes)
    return existing


@transaction.atomic
def do_withdraw_consent_on_portal(actor, consent: Consent, on: datetime.date) -> WithdrawalNotice:
    """The family withdraws the consent themselves; the organisation that leads the case (the
    coordinator's under the plan in force, else the one that opened it) is to take note."""
    do_withdraw_consent(actor, consent, on)
    case = consent.case
    plan = plan_in_force(case)
    leading = (
        plan.coordinator_organisation_id
        if plan is not None and plan.coordinator_organisation_id
        else case.opening_organisation_id
    )
    return WithdrawalNotice.objects.create(
        consent=consent, case=case, organisation_id=leading, withdrawn_on=on
    )


@transaction.atomic
def do_note_withdrawal(actor, notice: WithdrawalNotice) -> WithdrawalNotice:
    """Someone of the leading organisation has taken note: the notice leaves the inbox."""
    notice = WithdrawalNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.acknowledged_at is not None:
        raise ConflictError(_("Someone else has already taken note of the withdrawal."))
    notice.acknowledged_at, notice.acknowledged_by = timezone.now(), actor
    notice.save(update_fields=["acknowledged_at", "acknowledged_by"])
    record(actor, events.WITHDRAWAL_NOTED, notice)
    return notice
