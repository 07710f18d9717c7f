"""Compliance over matters and governing documents, registered into the structure's engine
(structure.compliance): documents overdue for revision, and recommendations waiting for the
principals' decisions beyond the county's time. Each finding cites the clause it rests on."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import schema
from structure.compliance import ERROR, OK, WARNING, Context, Finding, rule

from .models import Decision, GoverningDocument, Matter, MattersSettings

# A document due for revision within this many days is a warning.
SOON = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Cited:
    """An element of the agreement by its source alone, for a clause such as a body's
    mandate."""

    source: schema.Source


def _settings(context: Context) -> MattersSettings:
    found = MattersSettings.objects.filter(county_id=context.agreement_row.county_id).first()
    return found or MattersSettings(county_id=context.agreement_row.county_id)


@rule("document-revision", gettext_lazy("Governing documents revised in time"))
def document_revision(context: Context) -> Iterator[Finding]:
    """Each document in the register is revised by its owner body by its next revision date
    ("Upprätta och fortlöpande revidera styrdokument": the owner body's mandate)."""
    documents = GoverningDocument.objects.filter(county_id=context.agreement_row.county_id)
    for document in documents:
        body = context.agreement.body(document.owner_body)
        if body is None:
            continue
        # The body's own revision rule where the agreement has one, else its mandate.
        clause = body.revised_every.source if body.revised_every else body.mandate_source
        values = {
            "title": document.title,
            "body": body.name,
            "day": document.next_revision.isoformat(),
        }
        if document.next_revision < context.on:
            severity, message = ERROR, _("%(title)s (%(body)s) was due for revision on %(day)s.")
        elif document.next_revision <= context.on + SOON:
            severity, message = WARNING, _("%(title)s (%(body)s) is due for revision on %(day)s.")
        else:
            severity, message = OK, _("%(title)s (%(body)s) is next revised by %(day)s.")
        yield context.finding(
            severity,
            "document-revision",
            Cited(clause or body.source),
            message % values,
            body=body.id,
        )


@rule("principals-decisions", gettext_lazy("Principals' decisions in time"))
def principals_decisions(context: Context) -> Iterator[Finding]:
    """Where principals decide (matter_flow.decisions_by_principals), a recommendation waits
    for their decisions no longer than the county's time."""
    flow = context.agreement.matter_flow
    if flow is None or not flow.decisions_by_principals:
        return
    days = _settings(context).decision_days
    waiting = (
        Matter.objects.filter(
            county_id=context.agreement_row.county_id,
            state=Matter.State.PRINCIPALS,
            recommended_on__lte=context.on,
        )
        .annotate(
            pending=Count("decisions", filter=Q(decisions__outcome=Decision.Outcome.PENDING)),
            total=Count("decisions"),
        )
        .order_by("recommended_on", "pk")
    )
    for matter in waiting:
        due = matter.recommended_on + datetime.timedelta(days=days)
        values = {
            "title": matter.title,
            "pending": matter.pending,
            "total": matter.total,
            "day": matter.recommended_on.isoformat(),
            "due": due.isoformat(),
        }
        if due < context.on:
            severity = ERROR
            message = _(
                "%(title)s: recommended on %(day)s, %(pending)s of %(total)s principals have "
                "not decided by %(due)s."
            )
        else:
            severity = OK
            message = _(
                "%(title)s: %(pending)s of %(total)s principals have yet to decide, by %(due)s."
            )
        yield context.finding(
            severity,
            "principals-decisions",
            flow,
            message % values,
            body=matter.body,
            instance=matter.instance,
        )
