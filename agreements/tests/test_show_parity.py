"""Everything the document's page shows is also in `samverkan agreement show`, and the reverse:
every sentence the file keeps from its document is said in both (body notes, the matter flow's
principle, Västerbotten's revision of beredningar "minst vartannat år", its termination clause
and costs included)."""

import html
import io
import re

import pytest
from django.core.management import call_command
from pydantic import BaseModel

from agreements import schema
from agreements.registry import Catalogue
from agreements.services import load_county

pytestmark = pytest.mark.django_db

# Fields that hold codes, references or the encoders' bookkeeping, not the document's sentences.
NOT_SENTENCES = {
    "id",
    # Indicator keys and a target's measure: both forms name them by their titles.
    "indicators",
    "measure",
    "slug",
    "seed",
    "section",
    "scb_code",
    "level",
    "party",
    "body",
    "seat",
    "unit",
    "from_body",
    "with_body",
    "hosted_by",
    "initiated_by",
    "decided_by",
    "reported_at",
    "in_writing_to",
    "routines_decided_by",
    "municipalities",
    "steps",
    "source_body",
    "target_body",
    "label",
    "quote",
    "document",
    "per",
    "kind",
    "acute",
}
DOCUMENTS = [(entry.county, entry.document_id, entry.version) for entry in Catalogue().entries]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def sentences(value, field: str = "", identifiers=frozenset()):
    """Every text the document states, as the file keeps it."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from sentences(getattr(value, name), name, identifiers)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from sentences(item, field, identifiers)
    elif (
        isinstance(value, str)
        and not isinstance(value, schema.StrEnum)
        and field not in NOT_SENTENCES
        and value not in identifiers
    ):
        yield _normal(value)


def identifiers_of(agreement: schema.Agreement) -> frozenset[str]:
    return frozenset(
        item.id
        for collection in (agreement.parties, agreement.bodies, agreement.levels, agreement.areas)
        for item in collection
    )


@pytest.mark.parametrize(("county", "document", "version"), DOCUMENTS)
def test_the_page_and_the_text_form_say_the_same(client, county, document, version):
    load_county(county)
    agreement = Catalogue().find(county, document, version).agreement
    out = io.StringIO()
    call_command(
        "agreement", "show", county, "--document", document, "--version", str(version), stdout=out
    )
    # The text form writes the levels' names in capitals, as headings.
    text = _normal(out.getvalue()).casefold()
    page = _normal(
        re.sub(
            r"<[^>]+>",
            " ",
            client.get(f"/{county}/dokument/{document}/{version}/").content.decode(),
        )
    )
    for sentence in sentences(agreement, identifiers=identifiers_of(agreement)):
        assert sentence.casefold() in text, ("agreement show", sentence)
        assert sentence in page, ("page", sentence)
