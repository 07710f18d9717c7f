"""The live structure as Popolo JSON (https://www.popoloproject.com/specs/): organizations
(parties, their units, the bodies and their instances), posts (seats and offices), persons and
memberships with their periods and roles. Identifiers are stable: built from the agreement's ids
and the database keys, never from personal data."""

from __future__ import annotations

from agreements.models import Agreement

from .models import Appointment, OfficeTerm, Organisation, Person


def _date(day) -> str | None:
    return day.isoformat() if day else None


def export(county: str) -> dict:
    agreement_row = Agreement.objects.structure_in_force(county__slug=county)
    if agreement_row is None:
        raise LookupError(f"Inget avtal gäller för länet '{county}'.")
    agreement = agreement_row.document
    organizations = [
        {
            "id": f"party/{party.id}",
            "name": party.name,
            "classification": party.kind.value,
            **(
                {"identifiers": [{"scheme": "scb", "identifier": party.scb_code}]}
                if party.scb_code
                else {}
            ),
        }
        for party in agreement.parties
    ]
    units = Organisation.objects.filter(county=agreement_row.county)
    organizations += [
        {
            "id": f"unit/{unit.key}",
            "name": unit.name,
            "classification": unit.sector,
            "parent_id": f"unit/{unit.parent.key}" if unit.parent_id else f"party/{unit.principal}",
        }
        for unit in units.select_related("parent")
    ]
    posts = []
    for body in agreement.bodies:
        organizations.append(
            {"id": f"body/{body.id}", "name": body.name, "classification": body.kind.value}
        )
        for instance, name in agreement.instances_of(body):
            if instance:
                organizations.append(
                    {
                        "id": f"body/{body.id}/{instance}",
                        "name": f"{body.name} ({name})",
                        "classification": body.kind.value,
                        "parent_id": f"body/{body.id}",
                    }
                )
        posts += [
            {
                "id": f"seat/{body.id}/{seat.id}",
                "label": seat.role,
                "role": "member",
                "organization_id": f"body/{body.id}",
            }
            for seat in body.seats
        ]
        posts += [
            {
                "id": f"office/{body.id}/{office.role.value}",
                "label": office.role.value,
                "role": office.role.value,
                "organization_id": f"body/{body.id}",
            }
            for office in body.offices
        ]
    persons = [
        {
            "id": f"person/{p.pk}",
            "name": p.name,
            **({"email": p.email} if p.email else {}),
            **({"honorific_suffix": p.title} if p.title else {}),
        }
        for p in Person.objects.filter(county=agreement_row.county)
    ]
    memberships = [
        {
            "id": f"appointment/{a.pk}",
            "person_id": f"person/{a.person_id}",
            "organization_id": _body_org(a.body, a.instance),
            **({"post_id": f"seat/{a.body}/{a.seat}"} if a.seat else {}),
            "role": a.role,
            "on_behalf_of_id": f"unit/{a.organisation.key}",
            "start_date": _date(a.starts),
            **({"end_date": _date(a.ends)} if a.ends else {}),
        }
        for a in Appointment.objects.filter(county=agreement_row.county).select_related(
            "organisation"
        )
    ]
    memberships += [
        {
            "id": f"office-term/{t.pk}",
            **({"person_id": f"person/{t.person_id}"} if t.person_id else {}),
            "organization_id": _body_org(t.body, t.instance),
            "post_id": f"office/{t.body}/{t.role}",
            "role": t.role,
            "on_behalf_of_id": f"party/{t.principal}",
            "start_date": _date(t.starts),
            **({"end_date": _date(t.ends)} if t.ends else {}),
        }
        for t in OfficeTerm.objects.filter(county=agreement_row.county)
    ]
    return {
        "organizations": organizations,
        "posts": posts,
        "persons": persons,
        "memberships": memberships,
    }


def _body_org(body: str, instance: str) -> str:
    return f"body/{body}/{instance}" if instance else f"body/{body}"
