"""The county's routine for deviations and the clauses a report may cite, read from the
documents in force (agreements.schema `individual.deviations`), never from constants here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from agreements import citation, schema
from agreements.models import Agreement


def rules_for(county_id: int) -> tuple[schema.DeviationRules, Agreement]:
    """The handling routine in force for the county and the document it stands in.

    Raises LookupError when no document in force states one with its levels."""
    documents = Agreement.objects.filter(county_id=county_id, in_force=True).order_by(
        "-kind", "document_id"
    )
    for row in documents:
        individual = row.document.individual
        if individual and individual.deviations and individual.deviations.levels:
            return individual.deviations, row
    raise LookupError(county_id)


@dataclass(frozen=True)
class Clause:
    """A section of a document in force that a deviation may be reported against."""

    document: str
    version: int
    section: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.document}:{self.section}"


def _sections(value, found: list[str]) -> None:
    if isinstance(value, schema.Source):
        # Only the document's own sections: a source citing another document is that one's.
        if not value.seed and not value.document and value.section not in found:
            found.append(value.section)
        return
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _sections(getattr(value, name), found)
    elif isinstance(value, list | tuple):
        for item in value:
            _sections(item, found)


@lru_cache(maxsize=32)
def _document_sections(pk: int, checksum: str) -> tuple[str, ...]:
    found: list[str] = []
    _sections(Agreement.objects.get(pk=pk).document, found)
    return tuple(found)


def clauses(county_id: int) -> list[Clause]:
    """Every section of the county's documents in force, document by document, in the order
    the documents state them."""
    found = []
    for row in Agreement.objects.filter(county_id=county_id, in_force=True).order_by("document_id"):
        document = citation.document_label(row.document)
        for section in _document_sections(row.pk, row.checksum):
            label = f"{document}: {section}"
            found.append(Clause(row.document_id, row.version, section, label))
    return found


# A Swedish personal identity or coordination number: six or eight digits of the date, a
# separator or none, four digits.
_IDENTITY = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")


def seems_to_name_individual(text: str, names: list[str] = ()) -> bool:
    """Whether the text holds what looks like a personal identity number, or one of the names
    given (the linked case's individual)."""
    if _IDENTITY.search(text):
        return True
    folded = text.casefold()
    return any(name and name.casefold() in folded for name in names)
