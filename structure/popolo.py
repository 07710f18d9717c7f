"""The live structure as Popolo JSON (https://www.popoloproject.com/specs/), as a consumer of
Popolo reads it.

- Areas: the county, its areas (länsdelar) and its municipalities, each linked to the one above.
- Organizations: the parties and their units, each body, and each group of a body that has one
  group per area or municipality, linked to its area.
- Posts: where the seats are. Each group (the body itself when it has one group) has a post per
  seat of the agreement, and per party where the seat is one per municipality or party; a
  substitute post beside each seat that has substitutes; a co-opted post where the body co-opts;
  a post per office. So every membership's post belongs to the membership's organization.
- Memberships: appointments and office terms, with their periods, and each person's employment
  in their own organisation with their job title as its role. An office term nobody holds (a
  vacancy) is a post without a membership, never a membership without a person.
- Persons: name only. The model has no marking for contact details a person has made public, so
  none are exported.

Labels and roles are Swedish words, whatever the reader's language: the agreements' own names
are Swedish and open data should read the same for every consumer. Identifiers are stable,
built from the agreement's ids and the database keys, never from personal data. The export
describes the agreement in force: an appointment to a body or group that agreement no longer has
is not part of it.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import pgettext

from agreements import schema
from agreements.models import Agreement

from .models import Appointment, OfficeTerm, Organisation, Person


def _date(day) -> str | None:
    return day.isoformat() if day else None


def _office_label(role: str) -> str:
    labels = {
        schema.OfficeRole.CHAIR: pgettext("popolo post", "Chair"),
        schema.OfficeRole.VICE_CHAIR: pgettext("popolo post", "Vice chair"),
        schema.OfficeRole.SECOND_VICE_CHAIR: pgettext("popolo post", "Second vice chair"),
        schema.OfficeRole.DEPUTY_CHAIR: pgettext("popolo post", "Deputy chair"),
        schema.OfficeRole.SECRETARY: pgettext("popolo post", "Secretary"),
        schema.OfficeRole.CONVENER: pgettext("popolo post", "Convener"),
        schema.OfficeRole.RAPPORTEUR: pgettext("popolo post", "Rapporteur"),
        schema.OfficeRole.MINUTES: pgettext("popolo post", "Minute-taker"),
    }
    return labels[schema.OfficeRole(role)]


def _scope(agreement: schema.Agreement, body: schema.Body, instance: str) -> list[schema.Party]:
    """The parties a group's seats are held from: an area's or a municipality's group takes its
    own municipalities and every party that is not a municipality."""
    if body.instances == schema.Instances.PER_AREA:
        area = next((a for a in agreement.areas if a.id == instance), None)
        own = set(area.municipalities) if area else set()
    elif body.instances == schema.Instances.PER_MUNICIPALITY:
        own = {instance}
    else:
        return list(agreement.parties)
    return [p for p in agreement.parties if p.kind != schema.PartyKind.MUNICIPALITY or p.id in own]


class _Export:
    def __init__(self, agreement_row: Agreement):
        self.county = agreement_row.county
        self.agreement: schema.Agreement = agreement_row.document
        self.areas: list[dict] = []
        self.organizations: list[dict] = []
        self.posts: list[dict] = []
        self.persons: list[dict] = []
        self.memberships: list[dict] = []
        # (organization id, seat id, party id or "") -> post id, and the substitute posts alike.
        self.seat_posts: dict[tuple[str, str, str], str] = {}
        self.substitute_posts: dict[tuple[str, str, str], str] = {}
        # A seat post's label and area, which its substitute post takes over.
        self.seat_labels: dict[str, str] = {}
        self.seat_areas: dict[str, str] = {}
        self.co_opted_posts: set[str] = set()
        self.labels: dict[str, set[str]] = {}

    def build(self) -> dict:
        self._areas()
        self._parties_and_units()
        self._bodies()
        self._persons()
        self._appointments()
        self._office_terms()
        return {
            "areas": self.areas,
            "organizations": self.organizations,
            "posts": self.posts,
            "persons": self.persons,
            "memberships": self.memberships,
        }

    # Areas and organizations

    def _county_area(self) -> str:
        return f"area/county/{self.county.slug}"

    def _municipality_area(self, party_id: str) -> str:
        return f"area/municipality/{party_id}"

    def _areas(self) -> None:
        county = self.agreement.county
        self.areas.append(
            {
                "id": self._county_area(),
                "name": county.name,
                "identifier": county.scb_code,
                "classification": pgettext("popolo area", "county"),
            }
        )
        for area in self.agreement.areas:
            self.areas.append(
                {
                    "id": f"area/area/{area.id}",
                    "name": area.name,
                    "classification": pgettext("popolo area", "area"),
                    "parent_id": self._county_area(),
                }
            )
        for party in self.agreement.municipalities:
            area = self.agreement.area_of(party.id)
            self.areas.append(
                {
                    "id": self._municipality_area(party.id),
                    "name": party.name,
                    **({"identifier": party.scb_code} if party.scb_code else {}),
                    "classification": pgettext("popolo area", "municipality"),
                    "parent_id": f"area/area/{area.id}" if area else self._county_area(),
                }
            )

    def _parties_and_units(self) -> None:
        for party in self.agreement.parties:
            self.organizations.append(
                {
                    "id": f"party/{party.id}",
                    "name": party.name,
                    "classification": party.kind.value,
                    **(
                        {"identifiers": [{"scheme": "scb", "identifier": party.scb_code}]}
                        if party.scb_code
                        else {}
                    ),
                    "area_id": self._municipality_area(party.id)
                    if party.kind == schema.PartyKind.MUNICIPALITY
                    else self._county_area(),
                }
            )
        parties = {party.id for party in self.agreement.parties}
        for unit in Organisation.objects.filter(county=self.county).select_related("parent"):
            if unit.parent_id:
                parent = f"unit/{unit.parent.key}"
            elif unit.principal in parties:
                parent = f"party/{unit.principal}"
            else:
                parent = None
            self.organizations.append(
                {
                    "id": f"unit/{unit.key}",
                    "name": unit.name,
                    "classification": unit.sector,
                    **({"parent_id": parent} if parent else {}),
                }
            )

    def _bodies(self) -> None:
        for body in self.agreement.bodies:
            self.organizations.append(
                {
                    "id": f"body/{body.id}",
                    "name": body.name,
                    "classification": body.kind.value,
                    "area_id": self._county_area(),
                }
            )
            for instance, name in self.agreement.instances_of(body):
                organization = _body_org(body.id, instance)
                if instance:
                    area = (
                        f"area/area/{instance}"
                        if body.instances == schema.Instances.PER_AREA
                        else self._municipality_area(instance)
                    )
                    self.organizations.append(
                        {
                            "id": organization,
                            "name": f"{body.name} ({name})",
                            "classification": body.kind.value,
                            "parent_id": f"body/{body.id}",
                            "area_id": area,
                        }
                    )
                self._group_posts(body, instance, organization)

    # Posts

    def _post(self, post_id: str, organization: str, label: str, role: str, **extra) -> str:
        """A post, its label made unique within its organization (a consumer tells posts apart
        by their labels)."""
        taken = self.labels.setdefault(organization, set())
        unique, number = label, 2
        while unique in taken:
            unique, number = f"{label} ({number})", number + 1
        taken.add(unique)
        self.posts.append(
            {"id": post_id, "label": unique, "role": role, "organization_id": organization, **extra}
        )
        return post_id

    def _seat_parties(self, body, instance, seat: schema.Seat) -> list[schema.Party | None]:
        """A seat of one per municipality or party is a post per such party in the group; any
        other seat is one post, held by as many members as the seat's count."""
        if seat.per == "body":
            return [None]
        return [
            party
            for party in _scope(self.agreement, body, instance)
            if self.agreement.party_fits(party.id, seat.party, seat.party_kind)
            and (seat.per == "party" or party.kind == schema.PartyKind.MUNICIPALITY)
        ]

    def _group_posts(self, body: schema.Body, instance: str, organization: str) -> None:
        area = self._group_area(body, instance)
        member = pgettext("popolo post", "Member")
        for seat in body.seats:
            for party in self._seat_parties(body, instance, seat):
                named = party or (self.agreement.party(seat.party) if seat.party else None)
                label = f"{seat.role}, {named.name}" if named else seat.role
                key = (organization, seat.id, party.id if party else "")
                suffix = f"/{party.id}" if party else ""
                # The most precise area: the seat's municipality, else the group's.
                where = self._party_area(party) or area
                extra = {"area_id": where} if where else {}
                self.seat_posts[key] = self._post(
                    f"seat/{organization}/{seat.id}{suffix}", organization, label, member, **extra
                )
                self.seat_labels[self.seat_posts[key]] = label
                if where:
                    self.seat_areas[self.seat_posts[key]] = where
                if seat.substitutes is not None:
                    self._substitute_post(key)
        if body.co_opted:
            self._co_opted_post(organization)
        for office in body.offices:
            self._post(
                f"office/{organization}/{office.role.value}",
                organization,
                _office_label(office.role),
                _office_label(office.role),
            )

    def _substitute_post(self, key: tuple[str, str, str]) -> str:
        if key not in self.substitute_posts:
            seat_post = self.seat_posts[key]
            label = pgettext("popolo post", "Substitute – %(seat)s") % {
                "seat": self.seat_labels[seat_post]
            }
            area = self.seat_areas.get(seat_post)
            self.substitute_posts[key] = self._post(
                f"substitute/{seat_post.removeprefix('seat/')}",
                key[0],
                label,
                pgettext("popolo post", "Substitute"),
                **({"area_id": area} if area else {}),
            )
        return self.substitute_posts[key]

    def _co_opted_post(self, organization: str) -> str:
        post_id = f"co-opted/{organization}"
        if post_id not in self.co_opted_posts:
            self.co_opted_posts.add(post_id)
            label = pgettext("popolo post", "Co-opted")
            self._post(post_id, organization, label, label)
        return post_id

    def _group_area(self, body: schema.Body, instance: str) -> str | None:
        if body.instances == schema.Instances.PER_AREA:
            return f"area/area/{instance}"
        if body.instances == schema.Instances.PER_MUNICIPALITY:
            return self._municipality_area(instance)
        return None

    def _party_area(self, party: schema.Party | None) -> str | None:
        if party is not None and party.kind == schema.PartyKind.MUNICIPALITY:
            return self._municipality_area(party.id)
        return None

    # Persons and memberships

    def _persons(self) -> None:
        for person in Person.objects.filter(county=self.county).select_related("organisation"):
            self.persons.append({"id": f"person/{person.pk}", "name": person.name})
            # The job title is the person's role in their own organisation, not an honorific.
            self.memberships.append(
                {
                    "id": f"employment/{person.pk}",
                    "person_id": f"person/{person.pk}",
                    "organization_id": f"unit/{person.organisation.key}",
                    **({"role": person.title} if person.title else {}),
                }
            )

    def _seat_key(self, appointment: Appointment, organization: str):
        by_party = (organization, appointment.seat, appointment.organisation.principal)
        return by_party if by_party in self.seat_posts else (organization, appointment.seat, "")

    def _appointments(self) -> None:
        organizations = {o["id"] for o in self.organizations}
        appointments = Appointment.objects.filter(county=self.county).select_related("organisation")
        for appointment in appointments.order_by("pk"):
            organization = _body_org(appointment.body, appointment.instance)
            if organization not in organizations:
                continue
            key = self._seat_key(appointment, organization)
            if appointment.role == Appointment.Role.CO_OPTED:
                post = self._co_opted_post(organization)
                role = pgettext("popolo post", "Co-opted")
            elif key not in self.seat_posts:
                # A seat the agreement in force no longer has: a member of the group, no post.
                post = None
                role = pgettext("popolo post", "Member")
            elif appointment.role == Appointment.Role.SUBSTITUTE:
                post = self._substitute_post(key)
                role = pgettext("popolo post", "Substitute")
            else:
                post = self.seat_posts[key]
                role = pgettext("popolo post", "Member")
            self.memberships.append(
                {
                    "id": f"appointment/{appointment.pk}",
                    "person_id": f"person/{appointment.person_id}",
                    "organization_id": organization,
                    **({"post_id": post} if post else {}),
                    "role": role,
                    "on_behalf_of_id": f"unit/{appointment.organisation.key}",
                    "start_date": _date(appointment.starts),
                    **({"end_date": _date(appointment.ends)} if appointment.ends else {}),
                }
            )

    def _office_terms(self) -> None:
        posts = {post["id"] for post in self.posts}
        parties = {party.id for party in self.agreement.parties}
        terms = OfficeTerm.objects.filter(county=self.county, person__isnull=False)
        for term in terms.order_by("pk"):
            organization = _body_org(term.body, term.instance)
            post = f"office/{organization}/{term.role}"
            if post not in posts:
                continue
            self.memberships.append(
                {
                    "id": f"office-term/{term.pk}",
                    "person_id": f"person/{term.person_id}",
                    "organization_id": organization,
                    "post_id": post,
                    "role": _office_label(term.role),
                    **(
                        {"on_behalf_of_id": f"party/{term.principal}"}
                        if term.principal in parties
                        else {}
                    ),
                    "start_date": _date(term.starts),
                    **({"end_date": _date(term.ends)} if term.ends else {}),
                }
            )


def export(county: str) -> dict:
    agreement_row = Agreement.objects.structure_in_force(county__slug=county)
    if agreement_row is None:
        raise LookupError(f"Inget avtal gäller för länet '{county}'.")
    with translation.override("sv"):
        return _Export(agreement_row).build()


def _body_org(body: str, instance: str) -> str:
    return f"body/{body}/{instance}" if instance else f"body/{body}"
