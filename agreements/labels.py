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


def substitutes(value: schema.Substitutes) -> str:
    """'1 (annan socialchef i länsdelen), from the same area; when the member is away'."""
    text = count(value.count)
    if value.from_roles:
        text += f" ({value.from_roles})"
    if value.same_area:
        text += ", " + _("from the same area")
    if value.when:
        text += f"; {value.when}"
    return text


def hours(value: schema.MeetingHours) -> str:
    return _("%(start)s–%(end)s") % {
        "start": value.start.strftime("%H.%M"),
        "end": value.end.strftime("%H.%M"),
    }


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
    """The rotation rule as a sentence, with who chooses the holder where the document says."""
    if value is None:
        return ""
    if value.kind == "elected":
        text = _("elected")
        if value.chosen_by:
            text += f" ({value.chosen_by})"
        return text
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
    elif value.kind == "fixed":
        text = _("always %(holder)s") % {"holder": selector(value.holder, agreement)}
    elif value.kind == "opposite":
        text = _("from the other principal than the %(office)s") % {"office": OFFICES[value.of]}
    else:
        text = _("follows the %(office)s") % {"office": OFFICES[value.of]}
    if value.chosen_by:
        text += f"; {value.chosen_by}"
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


DEVIATION_HANDLERS = {
    schema.DeviationHandler.UNIT: gettext_lazy("the unit managers of the organisation reported"),
    schema.DeviationHandler.PRINCIPAL: gettext_lazy("the coordinators of its principal"),
}


CONSENT_GIVERS = {
    schema.ConsentGiverKind.INDIVIDUAL: gettext_lazy("the individual"),
    schema.ConsentGiverKind.GUARDIANS: gettext_lazy("the guardians"),
    schema.ConsentGiverKind.LEGAL_REPRESENTATIVE: gettext_lazy(
        "the legal representative (god man or förvaltare)"
    ),
}


def ages(low: int | None, high: int | None) -> str:
    """An age range in words: "18–64 years", "from 65 years", "up to 17 years", or ""."""
    if low is not None and high is not None:
        return _("%(low)s–%(high)s years") % {"low": low, "high": high}
    if low is not None:
        return _("from %(n)s years") % {"n": low}
    if high is not None:
        return _("up to %(n)s years") % {"n": high}
    return ""


# The schema's field names in the reader's words, for the comparison of versions. Each in its own
# context: "to", "due" and "text" mean other things elsewhere. Written out call by call, so that
# makemessages finds every name.
FIELDS = {
    "county": pgettext_lazy("agreement field", "county"),
    "document": pgettext_lazy("agreement field", "document"),
    "title": pgettext_lazy("agreement field", "title"),
    "label": pgettext_lazy("agreement field", "label"),
    "seed": pgettext_lazy("agreement field", "seed"),
    "version": pgettext_lazy("agreement field", "version"),
    "adopted": pgettext_lazy("agreement field", "adopted"),
    "revised": pgettext_lazy("agreement field", "revised"),
    "signatories": pgettext_lazy("agreement field", "signatories"),
    "purpose": pgettext_lazy("agreement field", "purpose"),
    "goals": pgettext_lazy("agreement field", "goals"),
    "focus_areas": pgettext_lazy("agreement field", "focus areas"),
    "principles": pgettext_lazy("agreement field", "principles"),
    "parties": pgettext_lazy("agreement field", "parties"),
    "scb_code": pgettext_lazy("agreement field", "SCB code"),
    "levels": pgettext_lazy("agreement field", "levels"),
    "rank": pgettext_lazy("agreement field", "rank"),
    "areas": pgettext_lazy("agreement field", "areas"),
    "municipalities": pgettext_lazy("agreement field", "municipalities"),
    "bodies": pgettext_lazy("agreement field", "bodies"),
    "name": pgettext_lazy("agreement field", "name"),
    "short_name": pgettext_lazy("agreement field", "short name"),
    "description": pgettext_lazy("agreement field", "description"),
    "mandate": pgettext_lazy("agreement field", "mandate"),
    "text": pgettext_lazy("agreement field", "text"),
    "area": pgettext_lazy("agreement field", "heading"),
    "seats": pgettext_lazy("agreement field", "seats"),
    "role": pgettext_lazy("agreement field", "role"),
    "count": pgettext_lazy("agreement field", "number"),
    "exact": pgettext_lazy("agreement field", "exactly"),
    "min": pgettext_lazy("agreement field", "at least"),
    "max": pgettext_lazy("agreement field", "at most"),
    "advice": pgettext_lazy("agreement field", "recommendations"),
    "per": pgettext_lazy("agreement field", "counted per"),
    "constraints": pgettext_lazy("agreement field", "constraints"),
    "substitutes": pgettext_lazy("agreement field", "substitutes"),
    "from_roles": pgettext_lazy("agreement field", "from"),
    "same_area": pgettext_lazy("agreement field", "from the same area"),
    "co_opted": pgettext_lazy("agreement field", "co-opted"),
    "from_body": pgettext_lazy("agreement field", "from the body"),
    "offices": pgettext_lazy("agreement field", "offices"),
    "rotation": pgettext_lazy("agreement field", "rotation"),
    "starts_with": pgettext_lazy("agreement field", "starts with"),
    "either_may_start": pgettext_lazy("agreement field", "either may start"),
    "chosen_by": pgettext_lazy("agreement field", "chosen by"),
    "of": pgettext_lazy("agreement field", "of the office"),
    "term": pgettext_lazy("agreement field", "term"),
    "minimum": pgettext_lazy("agreement field", "at least"),
    "electoral_period": pgettext_lazy("agreement field", "the electoral period"),
    "election": pgettext_lazy("agreement field", "election"),
    "meetings": pgettext_lazy("agreement field", "meetings"),
    "per_year": pgettext_lazy("agreement field", "per year"),
    "decided_by": pgettext_lazy("agreement field", "decided by"),
    "hours": pgettext_lazy("agreement field", "hours"),
    "start": pgettext_lazy("agreement field", "start"),
    "end": pgettext_lazy("agreement field", "end"),
    "morning_agenda": pgettext_lazy("agreement field", "in the morning"),
    "extra_on_request": pgettext_lazy("agreement field", "extra meetings"),
    "theme_days": pgettext_lazy("agreement field", "theme days"),
    "events": pgettext_lazy("agreement field", "other meetings"),
    "topic": pgettext_lazy("agreement field", "topic"),
    "agenda": pgettext_lazy("agreement field", "agenda"),
    "programme_by": pgettext_lazy("agreement field", "programme set by"),
    "elected_at_last_meeting": pgettext_lazy(
        "agreement field", "elected at the year's last meeting"
    ),
    "with_body": pgettext_lazy("agreement field", "with"),
    "prepared_by": pgettext_lazy("agreement field", "prepared by"),
    "lead_days": pgettext_lazy("agreement field", "lead time in days"),
    "lead_days_are_working_days": pgettext_lazy("agreement field", "in working days"),
    "per_meeting": pgettext_lazy("agreement field", "per meeting"),
    "minutes_by": pgettext_lazy("agreement field", "minutes by"),
    "relations": pgettext_lazy("agreement field", "relations"),
    "from": pgettext_lazy("agreement field", "from"),
    "to": pgettext_lazy("agreement field", "to"),
    "matter_flow": pgettext_lazy("agreement field", "matter flow"),
    "decisions_by_principals": pgettext_lazy("agreement field", "decisions by the principals"),
    "principle": pgettext_lazy("agreement field", "principle"),
    "via_line": pgettext_lazy("agreement field", "via the line"),
    "documented": pgettext_lazy("agreement field", "documented"),
    "routines_decided_by": pgettext_lazy("agreement field", "routines decided by"),
    "dispute_paths": pgettext_lazy("agreement field", "dispute paths"),
    "steps": pgettext_lazy("agreement field", "steps"),
    "subject": pgettext_lazy("agreement field", "subject"),
    "individual": pgettext_lazy("agreement field", "individual level"),
    "cost_sharing": pgettext_lazy("agreement field", "cost sharing"),
    "full_time_equivalents": pgettext_lazy("agreement field", "full-time equivalents"),
    "hosted_by": pgettext_lazy("agreement field", "employed by"),
    "shares": pgettext_lazy("agreement field", "shares"),
    "municipal_key": pgettext_lazy("agreement field", "key for the municipalities' part"),
    "population_as_of": pgettext_lazy("agreement field", "population at"),
    "percent": pgettext_lazy("agreement field", "percent"),
    "items": pgettext_lazy("agreement field", "items"),
    "resource": pgettext_lazy("agreement field", "resource"),
    "extent_percent": pgettext_lazy("agreement field", "extent in percent"),
    "multiplier": pgettext_lazy("agreement field", "multiplier"),
    "amount_msek": pgettext_lazy("agreement field", "amount (MSEK)"),
    "total_msek": pgettext_lazy("agreement field", "total (MSEK)"),
    "own_costs": pgettext_lazy("agreement field", "own costs"),
    "follow_up": pgettext_lazy("agreement field", "follow-up"),
    "due": pgettext_lazy("agreement field", "due"),
    "initiated_by": pgettext_lazy("agreement field", "initiated by"),
    "reported_at": pgettext_lazy("agreement field", "reported at"),
    "revision_by": pgettext_lazy("agreement field", "revision"),
    "revised_every": pgettext_lazy("agreement field", "mandate revision"),
    "every_months": pgettext_lazy("agreement field", "months between revisions at most"),
    "revised_by": pgettext_lazy("agreement field", "revised by"),
    "effect_goals": pgettext_lazy("agreement field", "effect goals"),
    "yearly": pgettext_lazy("agreement field", "every year"),
    "goal": pgettext_lazy("agreement field", "goal"),
    "indicators": pgettext_lazy("agreement field", "indicators"),
    "questions": pgettext_lazy("agreement field", "survey questions"),
    "statement": pgettext_lazy("agreement field", "statement"),
    "targets": pgettext_lazy("agreement field", "targets"),
    "measure": pgettext_lazy("agreement field", "measure"),
    "at_least": pgettext_lazy("agreement field", "at least"),
    "at_most": pgettext_lazy("agreement field", "at most"),
    "by": pgettext_lazy("agreement field", "reached by"),
    "validity": pgettext_lazy("agreement field", "validity"),
    "until_further_notice": pgettext_lazy("agreement field", "until further notice"),
    "valid_from": pgettext_lazy("agreement field", "valid from"),
    "valid_to": pgettext_lazy("agreement field", "valid to"),
    "termination": pgettext_lazy("agreement field", "termination"),
    "in_writing_to": pgettext_lazy("agreement field", "in writing to"),
    "notice_months": pgettext_lazy("agreement field", "months of notice"),
    "from_event": pgettext_lazy("agreement field", "from"),
    "counted_from": pgettext_lazy("agreement field", "counted from"),
    "working_days": pgettext_lazy("agreement field", "working days"),
    "acute": pgettext_lazy("agreement field", "acute"),
    "acute_working_days": pgettext_lazy("agreement field", "working days when acute"),
    "note": pgettext_lazy("agreement field", "note"),
    "size": pgettext_lazy("agreement field", "size"),
    "municipality_count": pgettext_lazy("agreement field", "number of municipalities"),
    "codes_source": pgettext_lazy("agreement field", "source of the codes"),
    "required": pgettext_lazy("agreement field", "required"),
    "when": pgettext_lazy("agreement field", "when"),
    "exceptions": pgettext_lazy("agreement field", "exceptions"),
    "ex_officio": pgettext_lazy("agreement field", "by virtue of"),
    "kind": pgettext_lazy("agreement field", "kind"),
    "instances": pgettext_lazy("agreement field", "instances"),
    "named_instances": pgettext_lazy("agreement field", "named instances"),
    "part_of_structure": pgettext_lazy("agreement field", "part of the structure"),
    "party": pgettext_lazy("agreement field", "party"),
    "party_kind": pgettext_lazy("agreement field", "kind of party"),
    "sector": pgettext_lazy("agreement field", "sector"),
    "between": pgettext_lazy("agreement field", "between"),
    "holder": pgettext_lazy("agreement field", "holder"),
    "years": pgettext_lazy("agreement field", "years"),
    "calendar_year": pgettext_lazy("agreement field", "calendar year"),
    "extension": pgettext_lazy("agreement field", "extension"),
    "level": pgettext_lazy("agreement field", "level"),
    "units": pgettext_lazy("agreement field", "units"),
    "unit": pgettext_lazy("agreement field", "unit"),
    "municipal_units": pgettext_lazy("agreement field", "units in every municipality"),
    "actors": pgettext_lazy("agreement field", "actors"),
    "ages": pgettext_lazy("agreement field", "ages"),
    "approval_required": pgettext_lazy("agreement field", "approval required"),
    "attachments": pgettext_lazy("agreement field", "attachments"),
    "body": pgettext_lazy("agreement field", "body"),
    "consent_required": pgettext_lazy("agreement field", "consent required"),
    "coordination_by": pgettext_lazy("agreement field", "coordinated by"),
    "coordinator": pgettext_lazy("agreement field", "plan coordinator"),
    "cost_allocation": pgettext_lazy("agreement field", "cost allocation"),
    "cost_principle": pgettext_lazy("agreement field", "principle of the costs"),
    "applies_to": pgettext_lazy("agreement field", "applies to"),
    "health_examination_units": pgettext_lazy("agreement field", "units that examine"),
    "deviations": pgettext_lazy("agreement field", "deviations"),
    "names_individual": pgettext_lazy("agreement field", "the report names the individual"),
    "handled_by": pgettext_lazy("agreement field", "handled by"),
    "acknowledge_working_days": pgettext_lazy("agreement field", "working days to acknowledge"),
    "close_working_days": pgettext_lazy("agreement field", "working days to close"),
    "answer_working_days": pgettext_lazy("agreement field", "working days to answer"),
    "recurrence": pgettext_lazy("agreement field", "recurring deviations"),
    "months": pgettext_lazy("agreement field", "months"),
    "area_body": pgettext_lazy("agreement field", "body of the area"),
    "county_body": pgettext_lazy("agreement field", "body of the county"),
    "duties": pgettext_lazy("agreement field", "duties"),
    "family_may_express_views": pgettext_lazy(
        "agreement field", "the family may say whom they want"
    ),
    "form": pgettext_lazy("agreement field", "form"),
    "from_sectors": pgettext_lazy("agreement field", "from the activities"),
    "health_examination_by": pgettext_lazy("agreement field", "health examination by"),
    "legal_basis": pgettext_lazy("agreement field", "legal basis"),
    "mandate_source": pgettext_lazy("agreement field", "source of the mandate"),
    "max_age": pgettext_lazy("agreement field", "highest age"),
    "meeting": pgettext_lazy("agreement field", "network meeting deadline"),
    "min_age": pgettext_lazy("agreement field", "lowest age"),
    "municipality": pgettext_lazy("agreement field", "the municipality's part"),
    "named_by": pgettext_lazy("agreement field", "named by"),
    "network_meeting": pgettext_lazy("agreement field", "network meeting"),
    "no_further_action_documented": pgettext_lazy(
        "agreement field", "no further action documented"
    ),
    "notice": pgettext_lazy("agreement field", "notice deadline"),
    "number": pgettext_lazy("agreement field", "number"),
    "participants": pgettext_lazy("agreement field", "participants"),
    "placement": pgettext_lazy("agreement field", "out-of-home placement"),
    "plan_contents": pgettext_lazy("agreement field", "plan contents"),
    "plan_owner": pgettext_lazy("agreement field", "plan owner"),
    "preferred_sector": pgettext_lazy("agreement field", "preferably from"),
    "preferred_when": pgettext_lazy("agreement field", "preferably when"),
    "priority": pgettext_lazy("agreement field", "priority"),
    "provisions": pgettext_lazy("agreement field", "provisions"),
    "raised_by": pgettext_lazy("agreement field", "raised by"),
    "reason": pgettext_lazy("agreement field", "reason"),
    "region": pgettext_lazy("agreement field", "the region's part"),
    "relatives_may_take_part": pgettext_lazy("agreement field", "relatives may take part"),
    "reported_by": pgettext_lazy("agreement field", "reported by"),
    "required_points": pgettext_lazy("agreement field", "points the plan states"),
    "required_when_coordinator_outside": pgettext_lazy(
        "agreement field", "required when the coordinator is outside"
    ),
    "responsibilities": pgettext_lazy("agreement field", "responsibilities"),
    "routine": pgettext_lazy("agreement field", "routine"),
    "school_role": pgettext_lazy("agreement field", "the school's part"),
    "seat": pgettext_lazy("agreement field", "seat"),
    "section": pgettext_lazy("agreement field", "section"),
    "setting": pgettext_lazy("agreement field", "setting"),
    "sip": pgettext_lazy("agreement field", "coordinated individual plan (SIP)"),
    "source": pgettext_lazy("agreement field", "source"),
    "start_without_delay": pgettext_lazy("agreement field", "started without delay"),
    "target_groups": pgettext_lazy("agreement field", "target groups"),
    "consent": pgettext_lazy("agreement field", "consent"),
    "givers": pgettext_lazy("agreement field", "who gives consent"),
    "giver": pgettext_lazy("agreement field", "giver of consent"),
    "own_view": pgettext_lazy("agreement field", "the individual's own view recorded"),
    "own_pages": pgettext_lazy("agreement field", "who sees My pages"),
    "individual_from": pgettext_lazy("agreement field", "the individual from"),
    "guardians_until": pgettext_lazy("agreement field", "the guardians until"),
    "age": pgettext_lazy("agreement field", "age"),
    "quote": pgettext_lazy("agreement field", "the document's words"),
    "interpretation": pgettext_lazy("agreement field", "interpretation"),
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
    else:
        # No number of days stated: the plans count it as soon as possible.
        parts.append(_("as soon as possible after %(event)s") % {"event": value.from_event})
    if value.acute == "as_soon_as_possible":
        parts.append(_("acute: as soon as possible"))
    if value.acute_working_days is not None:
        parts.append(_("acute: within %(n)s working days") % {"n": value.acute_working_days})
    if value.text:
        parts.append(value.text)
    return "; ".join(parts)
