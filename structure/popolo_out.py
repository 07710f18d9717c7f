"""The Popolo export's shape in the API's description: the classes and properties of the Popolo
specification (https://www.popoloproject.com/specs/, the JSON schemas of popolo-project/
popolo-spec) that a flat export uses, each class by its identifiers rather than nested objects.
Every property is optional, as in the specification; the export (structure/popolo.py) leaves out
what it does not know."""

from ninja import Schema


class PopoloIdentifier(Schema):
    identifier: str
    scheme: str | None = None


class PopoloLink(Schema):
    url: str
    note: str | None = None


class PopoloContactDetail(Schema):
    type: str
    value: str
    label: str | None = None
    note: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None


class PopoloOtherName(Schema):
    name: str
    family_name: str | None = None
    given_name: str | None = None
    note: str | None = None
    start_date: str | None = None
    end_date: str | None = None


class _Described(Schema):
    contact_details: list[PopoloContactDetail] | None = None
    links: list[PopoloLink] | None = None
    sources: list[PopoloLink] | None = None
    created_at: str | None = None
    updated_at: str | None = None


class PopoloArea(Schema):
    id: str
    name: str | None = None
    identifier: str | None = None
    classification: str | None = None
    parent_id: str | None = None
    sources: list[PopoloLink] | None = None
    created_at: str | None = None
    updated_at: str | None = None


class PopoloOrganization(_Described):
    id: str
    name: str | None = None
    other_names: list[PopoloOtherName] | None = None
    identifiers: list[PopoloIdentifier] | None = None
    classification: str | None = None
    parent_id: str | None = None
    area_id: str | None = None
    abstract: str | None = None
    description: str | None = None
    founding_date: str | None = None
    dissolution_date: str | None = None
    image: str | None = None


class PopoloPost(_Described):
    id: str
    label: str | None = None
    other_label: list[str] | None = None
    role: str | None = None
    organization_id: str | None = None
    area_id: str | None = None
    start_date: str | None = None
    end_date: str | None = None


class PopoloPerson(_Described):
    id: str
    name: str | None = None
    other_names: list[PopoloOtherName] | None = None
    identifiers: list[PopoloIdentifier] | None = None
    family_name: str | None = None
    given_name: str | None = None
    sort_name: str | None = None
    honorific_prefix: str | None = None
    honorific_suffix: str | None = None
    email: str | None = None
    image: str | None = None
    summary: str | None = None


class PopoloMembership(_Described):
    id: str
    label: str | None = None
    role: str | None = None
    person_id: str | None = None
    organization_id: str | None = None
    post_id: str | None = None
    on_behalf_of_id: str | None = None
    area_id: str | None = None
    start_date: str | None = None
    end_date: str | None = None


class PopoloOut(Schema):
    """A county's live structure as Popolo collections that refer to each other by `id`."""

    areas: list[PopoloArea] | None = None
    organizations: list[PopoloOrganization]
    posts: list[PopoloPost]
    persons: list[PopoloPerson]
    memberships: list[PopoloMembership]
