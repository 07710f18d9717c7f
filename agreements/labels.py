"""Human words for the schema's codes, and sentences for counts and rules.

One place, used by the command line, the pages and the diff, so that an agreement reads the
same wherever it is shown.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import schema

PARTY_KINDS = {
    schema.PartyKind.REGION: gettext_lazy("region"),
    schema.PartyKind.MUNICIPALITY: gettext_lazy("municipality"),
    schema.PartyKind.ASSOCIATION: gettext_lazy("municipal association"),
}

PARTY_KINDS_PLURAL = {
    schema.PartyKind.REGION: gettext_lazy("the region"),
    schema.PartyKind.MUNICIPALITY: gettext_lazy("the municipalities"),
    schema.PartyKind.ASSOCIATION: gettext_lazy("the municipal association"),
}

SECTORS = {
    schema.Sector.HEALTH_CARE: gettext_lazy("health care"),
    schema.Sector.SOCIAL_SERVICES: gettext_lazy("social services"),
    schema.Sector.SCHOOL: gettext_lazy("school"),
    schema.Sector.ELDERLY_CARE: gettext_lazy("elderly care"),
    schema.Sector.PUBLIC_HEALTH: gettext_lazy("public health"),
    schema.Sector.ADMINISTRATION: gettext_lazy("administration"),
    schema.Sector.POLITICAL: gettext_lazy("elected representatives"),
}

BODY_KINDS = {
    schema.BodyKind.POLITICAL_BOARD: gettext_lazy("political board"),
    schema.BodyKind.COUNTY_STEERING_GROUP: gettext_lazy("county steering group"),
    schema.BodyKind.WORKING_COMMITTEE: gettext_lazy("working committee"),
    schema.BodyKind.PRESIDIUM: gettext_lazy("presidium"),
    schema.BodyKind.PREPARATORY_COMMITTEE: gettext_lazy("preparatory committee"),
    schema.BodyKind.COUNTY_COORDINATION_GROUP: gettext_lazy("county coordination group"),
    schema.BodyKind.COUNCIL: gettext_lazy("council"),
    schema.BodyKind.AREA_GROUP: gettext_lazy("area group"),
    schema.BodyKind.MUNICIPAL_GROUP: gettext_lazy("municipal group"),
    schema.BodyKind.LEADERSHIP_SEMINAR: gettext_lazy("leadership seminar"),
    schema.BodyKind.REGION_LEADERSHIP_MEETING: gettext_lazy("region leadership meeting"),
    schema.BodyKind.BILATERAL_CONSULTATION: gettext_lazy("bilateral consultation"),
    schema.BodyKind.SUPPORT_FUNCTION: gettext_lazy("support function"),
}

INSTANCES = {
    schema.Instances.SINGLE: gettext_lazy("one for the county"),
    schema.Instances.PER_AREA: gettext_lazy("one per area"),
    schema.Instances.PER_MUNICIPALITY: gettext_lazy("one per municipality"),
    schema.Instances.NAMED: gettext_lazy("named instances"),
}

OFFICES = {
    schema.OfficeRole.CHAIR: gettext_lazy("chair"),
    schema.OfficeRole.VICE_CHAIR: gettext_lazy("vice chair"),
    schema.OfficeRole.SECOND_VICE_CHAIR: gettext_lazy("second vice chair"),
    schema.OfficeRole.DEPUTY_CHAIR: gettext_lazy("deputy chair"),
    schema.OfficeRole.SECRETARY: gettext_lazy("secretary"),
    schema.OfficeRole.CONVENER: gettext_lazy("convener"),
    schema.OfficeRole.RAPPORTEUR: gettext_lazy("rapporteur"),
    schema.OfficeRole.MINUTES: gettext_lazy("minutes"),
}

RELATIONS = {
    schema.RelationKind.STEERS: gettext_lazy("steers"),
    schema.RelationKind.PREPARES_FOR: gettext_lazy("prepares matters for"),
    schema.RelationKind.REPORTS_TO: gettext_lazy("reports to"),
    schema.RelationKind.ESCALATES_TO: gettext_lazy("escalates to"),
    schema.RelationKind.CO_OPTS: gettext_lazy("co-opts"),
    schema.RelationKind.WORKING_COMMITTEE_OF: gettext_lazy("is the working committee of"),
    schema.RelationKind.MANDATES: gettext_lazy("gives the mandate of"),
    schema.RelationKind.STAFFS: gettext_lazy("staffs"),
    schema.RelationKind.APPOINTS: gettext_lazy("appoints in"),
}

CONSTRAINTS = {
    schema.SeatConstraint.GEOGRAPHIC_SPREAD: gettext_lazy("geographic spread"),
    schema.SeatConstraint.ONE_PER_MUNICIPALITY: gettext_lazy("one per municipality"),
    schema.SeatConstraint.DIFFERENT_MUNICIPALITIES: gettext_lazy("from different municipalities"),
    schema.SeatConstraint.DECISION_MANDATE: gettext_lazy("with a mandate to decide"),
}

DOCUMENT_KINDS = {
    schema.DocumentKind.AGREEMENT: gettext_lazy("agreement"),
    schema.DocumentKind.GUIDELINE: gettext_lazy("guideline"),
}


def count(value: schema.Count | None) -> str:
    """'4', 'at least 4', 'at most 2', '1–2'."""
    if value is None:
        return _("not stated")
    if value.exact is not None:
        return str(value.exact)
    if value.min is not None and value.max is not None:
        return f"{value.min}–{value.max}"
    if value.min is not None:
        return _("at least %(n)s") % {"n": value.min}
    return _("at most %(n)s") % {"n": value.max}


def selector(value: schema.Selector | None, agreement: schema.Agreement) -> str:
    if value is None:
        return ""
    if value.label:
        return value.label
    parts: list[str] = []
    if value.party:
        party = agreement.party(value.party)
        parts.append(party.name if party else value.party)
    elif value.party_kind:
        parts.append(str(PARTY_KINDS_PLURAL[value.party_kind]))
    if value.sector:
        parts.append(str(SECTORS[value.sector]))
    if value.seat:
        # The seat's role, from the body named or any body that has a seat by that id.
        bodies = [agreement.body(value.body)] if value.body else agreement.bodies
        role = next(
            (s.role for b in bodies if b for s in b.seats if s.id == value.seat), value.seat
        )
        parts.append(role)
    return ", ".join(parts)


def seat_party(seat: schema.Seat, agreement: schema.Agreement) -> str:
    if seat.party:
        party = agreement.party(seat.party)
        return party.name if party else seat.party
    if seat.party_kind:
        return str(PARTY_KINDS_PLURAL[seat.party_kind])
    return ""


def seat_count(seat: schema.Seat, agreement: schema.Agreement) -> str:
    text = count(seat.count)
    if seat.per == "municipality":
        text = _("%(count)s per municipality") % {"count": text}
    elif seat.per == "party":
        text = _("%(count)s per party") % {"count": text}
    return text


def rotation(value: schema.Rotation | None, agreement: schema.Agreement) -> str:
    """The rotation rule as a sentence."""
    if value is None:
        return ""
    if value.kind == "alternate":
        steps = " → ".join(selector(step, agreement) for step in value.between)
        text = _("alternates: %(steps)s") % {"steps": steps}
        if value.starts_with is not None:
            text += "; " + _("starts with %(first)s") % {
                "first": selector(value.between[value.starts_with], agreement)
            }
        elif value.either_may_start:
            text += "; " + _("either may start")
        else:
            text += "; " + _("the document does not say who starts")
        return text
    if value.kind == "fixed":
        return _("always %(holder)s") % {"holder": selector(value.holder, agreement)}
    if value.kind == "opposite":
        return _("from the other principal than the %(office)s") % {"office": OFFICES[value.of]}
    if value.kind == "follows":
        return _("follows the %(office)s") % {"office": OFFICES[value.of]}
    text = _("elected")
    if value.chosen_by:
        text += f" ({value.chosen_by})"
    return text


def term(value: schema.Term | None) -> str:
    if value is None:
        return ""
    parts: list[str] = []
    if value.years:
        years = _("at least %(n)s years") if value.minimum else _("%(n)s years")
        if value.years == 1 and not value.minimum:
            years = _("one year")
        parts.append(years % {"n": value.years})
    if value.calendar_year:
        parts.append(_("calendar year"))
    if value.electoral_period:
        parts.append(_("the electoral period"))
    if value.election:
        parts.append(value.election)
    if value.extension:
        parts.append(_("extension: %(rule)s") % {"rule": value.extension})
    return "; ".join(parts)


def deadline(value: schema.Deadline | None) -> str:
    if value is None:
        return ""
    parts: list[str] = []
    if value.working_days is not None:
        parts.append(
            _("within %(n)s working days of %(event)s")
            % {"n": value.working_days, "event": value.from_event}
        )
    if value.acute == "as_soon_as_possible":
        parts.append(_("acute: as soon as possible"))
    if value.acute_working_days is not None:
        parts.append(_("acute: within %(n)s working days") % {"n": value.acute_working_days})
    if value.text:
        parts.append(value.text)
    return "; ".join(parts)
