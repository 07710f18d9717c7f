"""Substitutes (ersättare): appointed where the agreement requires them, one per member unless
it says otherwise, and from the member's area where it says so (001 "Representanter
länsstyrgruppen": "annan social- eller barnutbildningschef i tillhörande
närsjukvårdsområde")."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy

from structure.compliance import ERROR, OK, Context, Finding, rule
from structure.compliance import gettext as _

from .common import count_words, place, seats


@rule("substitutes", gettext_lazy("Substitutes"))
def substitutes(context: Context) -> Iterator[Finding]:
    """Required substitutes are appointed, and from the member's area where the rule says so."""
    for body, instance, instance_name, seat in seats(context):
        rule_ = seat.substitutes
        if rule_ is None or not rule_.required or rule_.count is None:
            continue
        members = context.members(body.id, instance, seat.id)
        subs = context.substitutes(body.id, instance, seat.id)
        where = {"body": body.id, "instance": instance, "seat": seat.id}
        clause = rule_ if rule_.source else seat
        for member in members:
            own = [s for s in subs if s.substitute_for_id == member.id]
            values = {
                "place": place(body, instance_name),
                "person": member.person.name,
                "role": seat.role,
                "count": count_words(rule_.count),
            }
            if not rule_.count.admits(len(own)) and len(own) < rule_.count.lower:
                yield context.finding(
                    ERROR,
                    "substitutes",
                    clause,
                    _(
                        "%(place)s: %(person)s (%(role)s) has no substitute; the agreement asks "
                        "for %(count)s."
                    )
                    % values,
                    **where,
                )
                continue
            area = context.area_of(member)
            if rule_.same_area and area is not None:
                elsewhere = [s for s in own if context.area_of(s) != area]
                for substitute in elsewhere:
                    yield context.finding(
                        ERROR,
                        "substitutes",
                        clause,
                        _(
                            "%(place)s: the substitute %(substitute)s for %(person)s is not from "
                            "the area %(area)s, as the agreement asks."
                        )
                        % {**values, "substitute": substitute.person.name, "area": area.name},
                        **where,
                    )
                if elsewhere:
                    continue
            yield context.finding(
                OK,
                "substitutes",
                clause,
                _("%(place)s: %(person)s (%(role)s) has a substitute as the agreement asks.")
                % values,
                **where,
            )
