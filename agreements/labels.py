"""Human words for the schema's codes, and sentences for counts and rules.

One place, used by the command line, the pages and the diff, so that an agreement reads the
same wherever it is shown.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

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
    """'4', 'at least 4', 'at most 2', '1–2'; 'suggested at least 4' where the document only
    recommends the number."""
    if value is None:
        return _("not stated")
    if value.exact is not None:
        text = str(value.exact)
    elif value.min is not None and value.max is not None:
        text = f"{value.min}–{value.max}"
    elif value.min is not None:
        text = _("at least %(n)s") % {"n": value.min}
    else:
        text = _("at most %(n)s") % {"n": value.max}
    if value.advice:
        return _("suggested %(count)s (a recommendation, not a requirement)") % {"count": text}
    return text


def advice_constraints(seat: schema.Seat) -> list[str]:
    """The constraints a seat's document recommends, each said as a recommendation."""
    return [_("recommended: %(constraint)s") % {"constraint": CONSTRAINTS[c]} for c in seat.advice]


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


DEADLINE_STARTS = {
    schema.DeadlineStart.CONSENT: gettext_lazy("consent being given"),
    schema.DeadlineStart.DECISION_TO_CALL: gettext_lazy("the decision to call the meeting"),
    schema.DeadlineStart.NOTICE: gettext_lazy("the notice being sent"),
}


def _field(name: str):
    # A field's name in its own context: "to", "due" and "text" mean other things elsewhere.
    return pgettext_lazy("agreement field", name)


# The schema's field names in the reader's words, for the comparison of versions.
FIELDS = {
    "county": _field("county"),
    "document": _field("document"),
    "title": _field("title"),
    "label": _field("label"),
    "seed": _field("seed"),
    "version": _field("version"),
    "adopted": _field("adopted"),
    "revised": _field("revised"),
    "signatories": _field("signatories"),
    "purpose": _field("purpose"),
    "goals": _field("goals"),
    "focus_areas": _field("focus areas"),
    "principles": _field("principles"),
    "parties": _field("parties"),
    "scb_code": _field("SCB code"),
    "levels": _field("levels"),
    "rank": _field("rank"),
    "areas": _field("areas"),
    "municipalities": _field("municipalities"),
    "bodies": _field("bodies"),
    "name": _field("name"),
    "short_name": _field("short name"),
    "description": _field("description"),
    "mandate": _field("mandate"),
    "text": _field("text"),
    "area": _field("heading"),
    "seats": _field("seats"),
    "role": _field("role"),
    "count": _field("number"),
    "exact": _field("exactly"),
    "min": _field("at least"),
    "max": _field("at most"),
    "advice": _field("recommendations"),
    "per": _field("counted per"),
    "constraints": _field("constraints"),
    "substitutes": _field("substitutes"),
    "from_roles": _field("from"),
    "same_area": _field("from the same area"),
    "co_opted": _field("co-opted"),
    "from_body": _field("from the body"),
    "offices": _field("offices"),
    "rotation": _field("rotation"),
    "starts_with": _field("starts with"),
    "either_may_start": _field("either may start"),
    "chosen_by": _field("chosen by"),
    "of": _field("of the office"),
    "term": _field("term"),
    "minimum": _field("at least"),
    "electoral_period": _field("the electoral period"),
    "election": _field("election"),
    "meetings": _field("meetings"),
    "per_year": _field("per year"),
    "decided_by": _field("decided by"),
    "hours": _field("hours"),
    "start": _field("start"),
    "end": _field("end"),
    "morning_agenda": _field("in the morning"),
    "extra_on_request": _field("extra meetings"),
    "theme_days": _field("theme days"),
    "with_body": _field("with"),
    "prepared_by": _field("prepared by"),
    "lead_days": _field("lead time in days"),
    "lead_days_are_working_days": _field("in working days"),
    "per_meeting": _field("per meeting"),
    "minutes_by": _field("minutes by"),
    "relations": _field("relations"),
    "from": _field("from"),
    "to": _field("to"),
    "matter_flow": _field("matter flow"),
    "decisions_by_principals": _field("decisions by the principals"),
    "principle": _field("principle"),
    "via_line": _field("via the line"),
    "documented": _field("documented"),
    "routines_decided_by": _field("routines decided by"),
    "dispute_paths": _field("dispute paths"),
    "steps": _field("steps"),
    "subject": _field("subject"),
    "individual": _field("individual level"),
    "cost_sharing": _field("cost sharing"),
    "full_time_equivalents": _field("full-time equivalents"),
    "hosted_by": _field("employed by"),
    "shares": _field("shares"),
    "percent": _field("percent"),
    "items": _field("items"),
    "resource": _field("resource"),
    "extent_percent": _field("extent in percent"),
    "multiplier": _field("multiplier"),
    "amount_msek": _field("amount (MSEK)"),
    "total_msek": _field("total (MSEK)"),
    "own_costs": _field("own costs"),
    "follow_up": _field("follow-up"),
    "due": _field("due"),
    "initiated_by": _field("initiated by"),
    "reported_at": _field("reported at"),
    "revision_by": _field("revision"),
    "effect_goals": _field("effect goals"),
    "validity": _field("validity"),
    "until_further_notice": _field("until further notice"),
    "valid_from": _field("valid from"),
    "valid_to": _field("valid to"),
    "termination": _field("termination"),
    "in_writing_to": _field("in writing to"),
    "notice_months": _field("months of notice"),
    "from_event": _field("from"),
    "counted_from": _field("counted from"),
    "working_days": _field("working days"),
    "acute": _field("acute"),
    "acute_working_days": _field("working days when acute"),
    "note": _field("note"),
    "size": _field("size"),
    "municipality_count": _field("number of municipalities"),
    "codes_source": _field("source of the codes"),
    "required": _field("required"),
    "when": _field("when"),
    "exceptions": _field("exceptions"),
    "ex_officio": _field("by virtue of"),
    "kind": _field("kind"),
    "instances": _field("instances"),
    "named_instances": _field("named instances"),
    "part_of_structure": _field("part of the structure"),
    "party": _field("party"),
    "party_kind": _field("kind of party"),
    "sector": _field("sector"),
    "between": _field("between"),
    "holder": _field("holder"),
    "years": _field("years"),
    "calendar_year": _field("calendar year"),
    "extension": _field("extension"),
    "level": _field("level"),
    "units": _field("units"),
    "unit": _field("unit"),
    "municipal_units": _field("units in every municipality"),
    "quote": _field("the document's words"),
    "interpretation": _field("interpretation"),
}


def field(key: str) -> str:
    """A schema field's name in the reader's language; an unknown one as it is written."""
    return str(FIELDS.get(key, key.replace("_", " ")))


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
