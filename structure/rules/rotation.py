"""The rotation of offices between the parties: each recorded term went to the party whose
turn it was, for no longer than the term (001 "Ordförande": the chair alternates yearly between
the municipalities and the region), unless a decided exception is recorded."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy, ngettext

from structure import rotation as schedules
from structure.compliance import ERROR, OK, Context, Finding, rule
from structure.compliance import gettext as _
from structure.models import OfficeTerm

from .common import office_name, party_name, place, terms


@rule("office-rotation", gettext_lazy("Rotation of offices"))
def office_rotation(context: Context) -> Iterator[Finding]:
    """Each recorded term went to the party the rotation names, for the term's length."""
    for body in context.agreement.bodies:
        for instance, instance_name in context.instances(body):
            for office in body.offices:
                if office.rotation is None or office.rotation.kind == "elected":
                    continue
                recorded = terms(context, body.id, instance, office.role)
                of_terms = (
                    terms(context, body.id, instance, office.rotation.of)
                    if office.rotation.of
                    else []
                )
                yield from _findings(
                    context, body, instance, instance_name, office, recorded, of_terms
                )


def _recorded(recorded: list[OfficeTerm]) -> list[schedules.RecordedTerm]:
    return [schedules.RecordedTerm(t.starts, t.ends, t.principal) for t in recorded]


def _findings(context, body, instance, instance_name, office, recorded, of_terms):
    agreement = context.agreement
    expected = schedules.schedule(
        agreement,
        body,
        office,
        _recorded(recorded),
        until=context.on,
        recorded_of=_recorded(of_terms),
    )
    where = {"body": body.id, "instance": instance, "seat": office.role}
    by_start = {term.starts: term for term in expected}
    for term in recorded:
        if term.starts > context.on:
            continue
        values = {
            "place": place(body, instance_name),
            "office": office_name(office),
            "starts": term.starts.isoformat(),
            "party": party_name(agreement, term.principal),
        }
        wanted = by_start.get(term.starts)
        holder = wanted.holder if wanted else None
        if holder is not None and not schedules.matches(agreement, holder, term.principal):
            if term.exception:
                continue
            values["wanted"] = holder.label or party_name(agreement, holder.party or "")
            yield context.finding(
                ERROR,
                "office-rotation",
                office,
                _(
                    "%(place)s: the %(office)s from %(starts)s is from %(party)s; the rotation "
                    "asks for %(wanted)s."
                )
                % values,
                **where,
            )
            continue
        longest = schedules.term_end(office, term.starts)
        if term.ends and term.ends > longest and not term.exception:
            values["years"] = schedules.term_years(office)
            yield context.finding(
                ERROR,
                "office-rotation",
                office,
                ngettext(
                    "%(place)s: the %(office)s from %(starts)s runs longer than the term of "
                    "%(years)s year without a recorded decision.",
                    "%(place)s: the %(office)s from %(starts)s runs longer than the term of "
                    "%(years)s years without a recorded decision.",
                    values["years"],
                )
                % values,
                **where,
            )
            continue
        yield context.finding(
            OK,
            "office-rotation",
            office,
            _("%(place)s: the %(office)s from %(starts)s (%(party)s) follows the rotation.")
            % values,
            **where,
        )
