"""Offices (chair, vice chair, secretary, convener): held on the day, and by one holder at a
time unless the agreement has several (Västerbotten's two vice chairs)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy

from agreements import schema
from structure.compliance import ERROR, OK, Context, Finding, rule
from structure.compliance import gettext as _

from .common import office_name, place, terms

# Offices that must be held at all times; the others (minutes, rapporteur) follow from a seat.
REQUIRED_OFFICES = {
    schema.OfficeRole.CHAIR,
    schema.OfficeRole.VICE_CHAIR,
    schema.OfficeRole.SECOND_VICE_CHAIR,
    schema.OfficeRole.SECRETARY,
    schema.OfficeRole.CONVENER,
}


@rule("office-filled", gettext_lazy("Offices held"))
def office_filled(context: Context) -> Iterator[Finding]:
    """Chairs, vice chairs, secretaries and conveners are held on the day."""
    for body in context.agreement.bodies:
        for instance, instance_name in context.instances(body):
            for office in body.offices:
                if office.role not in REQUIRED_OFFICES:
                    continue
                held = [
                    t
                    for t in terms(context, body.id, instance, office.role)
                    if t.covers(context.on)
                ]
                values = {"place": place(body, instance_name), "office": office_name(office)}
                yield context.finding(
                    OK if held else ERROR,
                    "office-filled",
                    office,
                    (
                        _("%(place)s: the office of %(office)s is held.")
                        if held
                        else _("%(place)s: no one holds the office of %(office)s.")
                    )
                    % values,
                    body=body.id,
                    instance=instance,
                    seat=office.role,
                )


@rule("overlapping-terms", gettext_lazy("Overlapping terms"))
def overlapping_terms(context: Context) -> Iterator[Finding]:
    """An office has one holder at a time (two vice chairs where the agreement has two)."""
    for body in context.agreement.bodies:
        for instance, instance_name in context.instances(body):
            for office in body.offices:
                if office.count > 1:
                    continue
                recorded = terms(context, body.id, instance, office.role)
                for earlier, later in zip(recorded, recorded[1:], strict=False):
                    if earlier.ends is not None and earlier.ends < later.starts:
                        continue
                    yield context.finding(
                        ERROR,
                        "overlapping-terms",
                        office,
                        _("%(place)s: two terms of %(office)s overlap from %(starts)s.")
                        % {
                            "place": place(body, instance_name),
                            "office": office_name(office),
                            "starts": later.starts.isoformat(),
                        },
                        body=body.id,
                        instance=instance,
                        seat=office.role,
                    )
