"""The established SIP as an HL7 FHIR R4B Bundle (type "collection"), for the region's and the
municipalities' record systems: the CarePlan with an activity per intervention, a Goal per
intervention carrying its follow-up, the CareTeam of the organisations taking part with the
coordinator and the plan owner as PractitionerRoles, every Consent of the case, the Patient
under the Swedish base profiles' identifier systems, and each Organization with its principal.

The resources are plain dicts, built in one pass over what `plans.sip.read_sip` read; the tests
validate every bundle with `fhir.resources`. Entries refer to each other by `urn:uuid:` full
URLs derived from the rows, so that the same plan gives the same ids in every export. The code
systems and identifier systems are listed in the README ("Planen som PDF och som FHIR"). The
displays and notes are in Swedish whatever the reader's language: they are the plan's content,
read by Swedish record systems, like the PDF form."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.utils import timezone

from structure.models import Organisation

from .models import Case
from .sip import Sip

# The Swedish base profiles' identifier systems (HL7 Sweden, basprofiler-r4).
PERSONNUMMER = "http://electronichealth.se/identifier/personnummer"
SAMORDNINGSNUMMER = "http://electronichealth.se/identifier/samordningsnummer"
# FHIR's and HL7's own terminology.
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
LOINC = "http://loinc.org"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"

# The platform's own code and identifier systems: arcs under an OID made from a UUID (ITU-T
# X.667, "2.25."), which needs no registration and is the same in every installation.
ROOT = "2.25.130761185189011441425387984661860742718"
SYSTEMS = {
    "plan-category": 1,
    "care-team-role": 2,
    "organisation-kind": 3,
    "sector": 4,
    "organisation": 10,
    "principal": 11,
    "plan": 12,
}
# The codes of the platform's code systems, with the Swedish display of each.
PLAN_CATEGORY = {"sip": "Samordnad individuell plan (SIP)"}
CARE_TEAM_ROLE = {
    "individual": "Den enskilde",
    "opening": "Öppnade ärendet",
    "participant": "Deltar",
    "coordinator": "Samordnare",
    "plan_owner": "Planansvarig",
}
# Who approved the plan (as the consent in force then was given) and how, in the note on it.
APPROVER = {
    "individual": "den enskilde",
    "guardians": "vårdnadshavarna",
    "legal_representative": "den legala företrädaren (god man eller förvaltare)",
    "": "den enskilde eller den som företräder den enskilde",
}
APPROVAL_HOW = {
    "at_meeting": "vid nätverksmötet",
    "on_paper": "genom underskrift på papper",
    "digitally": "digitalt på Mina sidor",
    "orally": "muntligt",
}
ORGANISATION_KIND = {"principal": "Huvudman", "unit": "Verksamhet"}
SECTOR = {
    "health_care": "Hälso- och sjukvård",
    "social_services": "Socialtjänst",
    "school": "Skola",
    "elderly_care": "Äldreomsorg",
    "public_health": "Folkhälsa",
    "administration": "Administration",
    "political": "Politisk",
}


def system(name: str) -> str:
    return f"urn:oid:{ROOT}.{SYSTEMS[name]}"


def coding(code_system: str, codes: dict[str, str], code: str) -> dict:
    return {"system": system(code_system), "code": code, "display": codes[code]}


@dataclass(frozen=True)
class Entry:
    url: str
    resource: dict

    def ref(self, display: str = "") -> dict:
        return {"reference": self.url, **({"display": display} if display else {})}


class Builder:
    """The bundle's entries, each made once however often it is referred to."""

    def __init__(self, sip: Sip):
        self.sip = sip
        self.county = sip.case.individual.county.slug
        self.entries: dict[str, Entry] = {}

    def entry(self, kind: str, key: str, make) -> Entry:
        name = f"{kind}/{key}"
        found = self.entries.get(name)
        if found is None:
            ident = str(uuid.uuid5(uuid.NAMESPACE_OID, f"{ROOT}/{self.county}/{name}"))
            found = self.entries[name] = Entry(f"urn:uuid:{ident}", {})
            # Made after the entry is kept: a resource that refers back finds it.
            found.resource.update({"resourceType": kind, "id": ident, **make()})
        return found

    def principal(self, key: str) -> Entry:
        return self.entry(
            "Organization",
            f"principal/{key}",
            lambda: {
                "identifier": [{"system": system("principal"), "value": f"{self.county}/{key}"}],
                "active": True,
                "type": [{"coding": [coding("organisation-kind", ORGANISATION_KIND, "principal")]}],
                "name": self.sip.principal_name(key),
            },
        )

    def organisation(self, organisation: Organisation) -> Entry:
        def make():
            kinds = [{"coding": [coding("organisation-kind", ORGANISATION_KIND, "unit")]}]
            if organisation.sector in SECTOR:
                kinds.append({"coding": [coding("sector", SECTOR, organisation.sector)]})
            principal = self.principal(organisation.principal)
            return {
                "identifier": [
                    {
                        "system": system("organisation"),
                        "value": f"{self.county}/{organisation.key}",
                    }
                ],
                "active": True,
                "type": kinds,
                "name": organisation.name,
                "partOf": principal.ref(principal.resource["name"]),
            }

        return self.entry("Organization", f"unit/{organisation.key}", make)

    def org_ref(self, organisation: Organisation) -> dict:
        return self.organisation(organisation).ref(organisation.name)

    def patient(self) -> Entry:
        sip = self.sip

        def make():
            guardians = [
                {
                    "relationship": [
                        {
                            "coding": [{"system": ROLE_CODE, "code": "GUARD"}],
                            "text": "Vårdnadshavare",
                        }
                    ],
                    "name": {"text": name},
                }
                for name in sip.shown.guardians
            ]
            return {
                "identifier": [
                    {
                        "use": "official",
                        "system": SAMORDNINGSNUMMER if sip.coordination_number else PERSONNUMMER,
                        "value": sip.identity_number,
                    }
                ],
                "active": True,
                **({"name": [{"text": sip.shown.name}]} if sip.shown.name else {}),
                "birthDate": sip.case.individual.birth_date.isoformat(),
                **({"contact": guardians} if guardians else {}),
            }

        return self.entry("Patient", str(sip.case.individual_id), make)

    def practitioner_role(self, part: str, name: str, organisation: Organisation | None) -> Entry:
        def make():
            return {
                "active": True,
                "practitioner": {"display": name},
                **({"organization": self.org_ref(organisation)} if organisation else {}),
                "code": [{"coding": [coding("care-team-role", CARE_TEAM_ROLE, part)]}],
            }

        return self.entry("PractitionerRole", f"{self.sip.plan.pk}/{part}", make)


def _status(case: Case) -> tuple[str, str, str]:
    """The CarePlan's, the CareTeam's and the Goals' status: a closed case's plan is done."""
    if case.state == Case.State.CLOSED:
        return "completed", "inactive", "completed"
    return "active", "active", "active"


def _consent(builder: Builder, consent, patient: Entry) -> dict:
    today = builder.sip.today
    ended = consent.ends_on is not None and consent.ends_on <= today
    period = {"start": consent.given_on.isoformat()}
    # The last day it held or holds: its end date, or the day it was withdrawn as before.
    ends = [d for d in (consent.withdrawn_on, consent.valid_until) if d is not None]
    if ends:
        period["end"] = min(ends).isoformat()
    return {
        "status": "inactive" if ended else "active",
        # Consent to share the individual's data between the organisations named.
        "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy"}]},
        "category": [{"coding": [{"system": LOINC, "code": "59284-0"}]}],
        "patient": patient.ref(),
        "dateTime": consent.given_on.isoformat(),
        "performer": [{"display": consent.given_by}],
        "policyRule": {
            "coding": [{"system": ACT_CODE, "code": "OPTIN"}],
            "text": "Samtycke till samordnad individuell plan (HSL 16 kap. 4 §, SoL 2 kap. 7 §)",
        },
        "provision": {
            "type": "permit",
            "period": period,
            "actor": [
                {
                    "role": {"coding": [{"system": PARTICIPATION_TYPE, "code": "IRCP"}]},
                    "reference": builder.org_ref(organisation),
                }
                for organisation in consent.organisations.all()
            ],
        },
    }


def sip_bundle(sip: Sip) -> dict:
    """The plan version as a FHIR R4B Bundle of type collection, the CarePlan first."""
    case, plan = sip.case, sip.plan
    builder = Builder(sip)
    care_plan = builder.entry("CarePlan", f"{case.pk}/{plan.number}", dict)
    patient = builder.patient()
    plan_status, team_status, goal_status = _status(case)
    overall = plan.overall_responsibility and builder.principal(plan.overall_responsibility)

    participants = [
        {
            "role": [{"coding": [coding("care-team-role", CARE_TEAM_ROLE, "individual")]}],
            "member": patient.ref(sip.shown.name),
        }
    ]
    for organisation, _principal, parts in sip.actors():
        for part in parts:
            if part in ("opening", "participant"):
                participants.append(
                    {
                        "role": [{"coding": [coding("care-team-role", CARE_TEAM_ROLE, part)]}],
                        "member": builder.org_ref(organisation),
                    }
                )
    for part, name, organisation in (
        ("coordinator", plan.coordinator_name, plan.coordinator_organisation),
        ("plan_owner", plan.plan_owner_name, plan.plan_owner_organisation),
    ):
        if name:
            role = builder.practitioner_role(part, name, organisation)
            participants.append(
                {
                    "role": [{"coding": [coding("care-team-role", CARE_TEAM_ROLE, part)]}],
                    "member": role.ref(name),
                }
            )
    period = {"start": plan.established_on.isoformat()} if plan.established_on else {}
    if case.closed_on:
        period["end"] = case.closed_on.isoformat()
    team = builder.entry(
        "CareTeam",
        f"{case.pk}/{plan.number}",
        lambda: {
            "status": team_status,
            "name": f"SIP, ärende {case.pk}",
            "subject": patient.ref(),
            **({"period": period} if period else {}),
            "participant": participants,
            **({"managingOrganization": [overall.ref(sip.overall)]} if overall else {}),
        },
    )

    activities, goals = [], []
    for intervention in sip.interventions:
        goal = builder.entry(
            "Goal",
            f"{plan.pk}/{intervention.pk}",
            lambda intervention=intervention: {
                "lifecycleStatus": goal_status,
                "description": {"text": intervention.description},
                "subject": patient.ref(),
                **(
                    {"target": [{"dueDate": intervention.follow_up_on.isoformat()}]}
                    if intervention.follow_up_on
                    else {}
                ),
                **({"note": [{"text": intervention.follow_up}]} if intervention.follow_up else {}),
            },
        )
        goals.append(goal.ref())
        performers = []
        if intervention.organisation:
            performers.append(builder.org_ref(intervention.organisation))
        if intervention.performer:
            performers.append({"display": intervention.performer})
        if intervention.principal:
            principal = builder.principal(intervention.principal)
            performers.append(principal.ref(principal.resource["name"]))
        activities.append(
            {
                "detail": {
                    "status": "completed" if plan_status == "completed" else "in-progress",
                    "description": intervention.description,
                    "goal": [goal.ref()],
                    **({"scheduledString": intervention.scope} if intervention.scope else {}),
                    **({"performer": performers} if performers else {}),
                }
            }
        )

    notes = []
    if plan.measures_by_others:
        notes.append(
            {"text": f"Åtgärder av andra än regionen och kommunen: {plan.measures_by_others}"}
        )
    for statement in sip.statements:
        notes.append(
            {
                "authorReference": builder.org_ref(statement.organisation),
                "text": f"Inga ytterligare insatser behövs: {statement.statement}",
            }
        )
    if plan.approved_by:
        # CarePlan has no element for the approval: a note says who approved it and how.
        how = APPROVAL_HOW.get(plan.approved_how)
        notes.append(
            {
                "authorString": plan.approved_by,
                **({"time": plan.approved_on.isoformat()} if plan.approved_on else {}),
                "text": f"Planen är godkänd av {APPROVER.get(sip.approved_as_code, APPROVER[''])}"
                + (f", {how}." if how else " (hur godkännandet gavs är inte antecknat)."),
            }
        )
    # The consents the plan rests on, withdrawn ones included, as the case recorded them.
    consents = [
        builder.entry("Consent", str(c.pk), lambda c=c: _consent(builder, c, patient)).ref()
        for c in sip.consents
    ]
    care_plan.resource.update(
        {
            "language": "sv",
            "identifier": [{"system": system("plan"), "value": f"{case.pk}-{plan.number}"}],
            **(
                {
                    "replaces": [
                        {
                            "identifier": {
                                "system": system("plan"),
                                "value": f"{case.pk}-{plan.number - 1}",
                            }
                        }
                    ]
                }
                if plan.number > 1
                else {}
            ),
            "status": plan_status if plan.established_on else "draft",
            "intent": "plan",
            "category": [
                {
                    "coding": [coding("plan-category", PLAN_CATEGORY, "sip")],
                    "text": PLAN_CATEGORY["sip"],
                }
            ],
            "title": f"{PLAN_CATEGORY['sip']}, version {plan.number}",
            **({"description": plan.needs} if plan.needs else {}),
            "subject": patient.ref(sip.shown.name),
            **({"period": period} if period else {}),
            "created": plan.created_at.isoformat(),
            **({"author": overall.ref(sip.overall)} if overall else {}),
            "careTeam": [team.ref()],
            **({"goal": goals} if goals else {}),
            **({"activity": activities} if activities else {}),
            **({"supportingInfo": consents} if consents else {}),
            **({"note": notes} if notes else {}),
        }
    )
    now = timezone.now().isoformat(timespec="seconds")
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{care_plan.url}/bundle")),
        "type": "collection",
        "timestamp": now,
        "entry": [{"fullUrl": e.url, "resource": e.resource} for e in builder.entries.values()],
    }
