"""What a SIP lacks before it can be established, from the law's four points and the guideline's
rules (004 "Samordnad individuell plan (SIP)", "Samordnare", "Planansvarig"). The page shows
the list; `do_establish_plan` refuses while it is not empty."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import schema

from .models import Plan
from .rules import speaks_as_child


def missing_for_establishment(
    plan: Plan, rules: schema.IndividualLevel, on: datetime.date
) -> list[str]:
    missing = []
    interventions = list(plan.interventions.select_related("organisation"))
    # The law's four points, as the guideline quotes them.
    if not plan.needs.strip() or not interventions:
        missing.append(_("Which interventions are needed (point 1 of the law)."))
    if any(not i.principal for i in interventions):
        missing.append(_("Which principal answers for each intervention (point 2 of the law)."))
    if not plan.measures_by_others.strip():
        missing.append(
            _(
                "Which measures others than the region and the municipality take, or that there "
                "are none (point 3 of the law)."
            )
        )
    if not plan.overall_responsibility:
        missing.append(_("Which principal has the overall responsibility (point 4 of the law)."))
    # The guideline's further contents of the plan.
    for intervention in interventions:
        lacking = [
            label
            for label, value in (
                (_("scope"), intervention.scope),
                (_("performer"), intervention.performer),
                (_("how it is followed up"), intervention.follow_up),
                (_("when it is followed up"), intervention.follow_up_on),
            )
            if not value
        ]
        if lacking:
            missing.append(
                _("The intervention “%(what)s” lacks: %(lacking)s.")
                % {"what": intervention.description[:60], "lacking": ", ".join(lacking)}
            )
    if rules.coordinator and not (plan.coordinator_name and plan.coordinator_organisation):
        missing.append(_("The coordinator the meeting has named, and their organisation."))
    if rules.plan_owner and plan.coordinator_organisation is not None:
        outside = plan.coordinator_organisation.sector not in {
            s.value for s in rules.plan_owner.required_when_coordinator_outside
        }
        owner = plan.plan_owner_organisation
        allowed = {s.value for s in rules.plan_owner.from_sectors}
        if outside and (owner is None or owner.sector not in allowed or not plan.plan_owner_name):
            missing.append(
                _(
                    "A plan owner from social services or health care, since the coordinator "
                    "comes from elsewhere."
                )
            )
    if rules.sip and rules.sip.approval_required:
        # "SIP är den unges/föräldrarnas plan och kan inte upprättas utan godkännande av dem"
        # (004 "Samordnad individuell plan (SIP)"): of this version, not of the one it revises.
        # Who approves follows the county's consent rules for the individual's age.
        words = APPROVAL_WORDS[speaks_as_child(rules.consent, plan.case.individual.birth_date, on)]
        if not (plan.approved_by and plan.approved_on) and plan.number > 1:
            # A revision starts without approval: it is this version's approval that is missing.
            missing.append(str(words["revision"]))
        elif not (plan.approved_by and plan.approved_on):
            missing.append(str(words["missing"]))
        elif _approval_of_earlier_version(plan):
            missing.append(str(words["earlier"]))
        elif not plan.approved_how:
            missing.append(str(words["how"]))
    if rules.sip and rules.sip.consent_required and plan.case.consent_in_force(on) is None:
        missing.append(_("A consent in force."))
    return missing


# The approval missing, in a child's case (True) and an adult's (False).
APPROVAL_WORDS = {
    True: {
        "revision": gettext_lazy(
            "The approval of the individual or the guardians of this version."
        ),
        "missing": gettext_lazy("The approval of the individual or the guardians."),
        "earlier": gettext_lazy(
            "The approval of the individual or the guardians of this version: the one given is "
            "the approval of the version before."
        ),
        "how": gettext_lazy(
            "How the individual or the guardians approved it: at the network meeting, signed on "
            "paper, digitally or orally."
        ),
    },
    False: {
        "revision": gettext_lazy(
            "The approval of the individual or their legal representative of this version."
        ),
        "missing": gettext_lazy("The approval of the individual or their legal representative."),
        "earlier": gettext_lazy(
            "The approval of the individual or their legal representative of this version: the "
            "one given is the approval of the version before."
        ),
        "how": gettext_lazy(
            "How the individual or their legal representative approved it: at the network "
            "meeting, signed on paper, digitally or orally."
        ),
    },
}


def _approval_of_earlier_version(plan: Plan) -> bool:
    """The approval the version before was given, or one dated before that version was
    established, which cannot be an approval of this revision of it."""
    earlier = plan.case.plans.filter(number__lt=plan.number).order_by("-number").first()
    if earlier is None:
        return False
    copied = (earlier.approved_by, earlier.approved_on) == (plan.approved_by, plan.approved_on)
    return copied or (
        earlier.established_on is not None and plan.approved_on < earlier.established_on
    )
