"""The structure in the JSON API: counties, agreements, bodies, seats, areas."""

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from agreements import schema
from agreements.models import Agreement, Area, Body, County
from inputs.api import Problem
from inputs.schemas import Key

router = Router(tags=["structure"])


class CountyOut(Schema):
    slug: str
    name: str
    scb_code: str


class AgreementOut(Schema):
    county: str
    document_id: str
    kind: str
    title: str
    version: int
    in_force: bool
    seed: str


class SeatOut(Schema):
    key: str
    role: str
    party: str | None
    party_kind: str
    sector: str
    count_exact: int | None
    count_min: int | None
    count_max: int | None
    per: str
    has_substitutes: bool
    source_section: str


class OfficeOut(Schema):
    role: str
    rotation: str
    source_section: str


class BodyOut(Schema):
    key: str
    name: str
    kind: str
    level: str
    instances: str
    source_section: str
    seats: list[SeatOut]
    offices: list[OfficeOut]


class AgreementFileOut(schema.Agreement):
    """A document version as its agreement file (agreements/schema.py), and whether it is the
    version in force."""

    in_force: bool


class AreaOut(Schema):
    key: str
    name: str
    municipalities: list[str]
    source_section: str


def _county(slug: str) -> County:
    county = County.objects.filter(slug=slug).first()
    if county is None:
        raise HttpError(404, _("Unknown county '%(county)s'.") % {"county": slug})
    return county


def _agreement(
    county: str, document_id: str | None, version: int | None, with_content: bool = False
) -> Agreement:
    found = Agreement.objects.filter(county__slug=county).select_related("county")
    if with_content:
        found = found.with_content()
    if document_id:
        found = found.filter(document_id=document_id)
    else:
        found = found.filter(kind="agreement")
    found = found.filter(version=version) if version else found.filter(in_force=True)
    agreement = found.order_by("document_id").first()
    if agreement is None:
        # Only a failed lookup pays for the queries that say what is missing.
        _county(county)
        if (
            document_id
            and not Agreement.objects.filter(county__slug=county, document_id=document_id).exists()
        ):
            raise HttpError(
                404,
                _("County '%(county)s' has no document '%(document)s'.")
                % {"county": county, "document": document_id},
            )
        raise HttpError(404, _missing(county, document_id, version))
    return agreement


def _missing(county: str, document_id: str | None, version: int | None) -> str:
    names = {"county": county, "document": document_id, "version": version}
    if document_id and version:
        return (
            _("County '%(county)s' has no document '%(document)s' in version %(version)s.") % names
        )
    if document_id:
        return _("County '%(county)s' has no document '%(document)s' in force.") % names
    if version:
        return _("County '%(county)s' has no agreement in version %(version)s.") % names
    return _("County '%(county)s' has no agreement in force.") % names


def _agreement_out(agreement: Agreement) -> AgreementOut:
    return AgreementOut(
        county=agreement.county.slug,
        document_id=agreement.document_id,
        kind=agreement.kind,
        title=agreement.title,
        version=agreement.version,
        in_force=agreement.in_force,
        seed=agreement.seed,
    )


@router.get("/counties", response=list[CountyOut], summary="Counties with loaded agreements")
def list_counties(request):
    return list(County.objects.all())


@router.get(
    "/counties/{county}/agreements",
    response={200: list[AgreementOut], 404: Problem},
    summary="A county's documents, every version",
)
def list_agreements(request, county: Key):
    _county(county)
    return [
        _agreement_out(a)
        for a in Agreement.objects.filter(county__slug=county).select_related("county")
    ]


@router.get(
    "/counties/{county}/agreement",
    response={200: AgreementFileOut, 404: Problem},
    by_alias=True,
    summary="A document version as its full agreement file (default: the agreement in force)",
)
def get_agreement(request, county: Key, document: Key | None = None, version: int | None = None):
    agreement = _agreement(county, document, version, with_content=True)
    return {**agreement.content, "in_force": agreement.in_force}


@router.get(
    "/counties/{county}/bodies",
    response={200: list[BodyOut], 404: Problem},
    summary="The bodies of a document version with their seats and offices",
)
def list_bodies(request, county: Key, document: Key | None = None, version: int | None = None):
    agreement = _agreement(county, document, version)
    bodies = (
        Body.objects.filter(agreement=agreement)
        .select_related("level")
        .prefetch_related("seats__party", "offices")
    )
    return [
        BodyOut(
            key=b.key,
            name=b.name,
            kind=b.kind,
            level=b.level.key,
            instances=b.instances,
            source_section=b.source_section,
            seats=[
                SeatOut(
                    key=s.key,
                    role=s.role,
                    party=s.party.key if s.party else None,
                    party_kind=s.party_kind,
                    sector=s.sector,
                    count_exact=s.count_exact,
                    count_min=s.count_min,
                    count_max=s.count_max,
                    per=s.per,
                    has_substitutes=s.has_substitutes,
                    source_section=s.source_section,
                )
                for s in b.seats.all()
            ],
            offices=[
                OfficeOut(role=o.role, rotation=o.rotation, source_section=o.source_section)
                for o in b.offices.all()
            ],
        )
        for b in bodies
    ]


@router.get(
    "/counties/{county}/bodies/{body}", response={200: BodyOut, 404: Problem}, summary="One body"
)
def get_body(
    request, county: Key, body: Key, document: Key | None = None, version: int | None = None
):
    for item in list_bodies(request, county, document, version):
        if item.key == body:
            return item
    raise HttpError(
        404,
        _("County '%(county)s' has no body '%(body)s' in that document version.")
        % {"county": county, "body": body},
    )


@router.get(
    "/counties/{county}/areas",
    response={200: list[AreaOut], 404: Problem},
    summary="The areas of a document version and their municipalities",
)
def list_areas(request, county: Key, document: Key | None = None, version: int | None = None):
    agreement = _agreement(county, document, version)
    areas = Area.objects.filter(agreement=agreement).prefetch_related("municipalities")
    return [
        AreaOut(
            key=a.key,
            name=a.name,
            municipalities=[m.key for m in a.municipalities.all()],
            source_section=a.source_section,
        )
        for a in areas
    ]
