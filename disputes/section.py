"""A case's disputes on its page (plans.sections): an open one says where it is, and that the
child's interventions continue meanwhile; a resolved one its outcome."""

from django.utils import timezone

from matters import flow
from plans import sections
from plans.access import organisation_of
from structure.actions import agreement_in_force

from . import actions, queries
from .answer import answer_of
from .models import Dispute


def context(view: sections.CaseView) -> dict:
    disputes = list(queries.of_case(view.case).prefetch_related("shares"))
    agreement = agreement_in_force(view.case.individual.county_id) if disputes else None
    names = {p.id: p.name for p in agreement.parties} if agreement else {}
    rows = [
        {
            "dispute": d,
            "place": flow.place_name(agreement, d.matter.body, d.matter.instance),
            "answer": answer_of(d, agreement, timezone.localdate()),
            "responsible": names.get(d.responsible_principal, d.responsible_principal),
            "shares": [(names.get(s.principal, s.principal), s.percent) for s in d.shares.all()],
        }
        for d in disputes
    ]
    return {
        "case": view.case,
        "rows": rows,
        "open": any(d.state == Dispute.State.OPEN for d in disputes),
        "may_raise": organisation_of(view.user) in actions.parties(view.case),
    }
