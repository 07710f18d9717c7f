"""The agreement files the platform knows: where they are, which versions, which is in force.

A document's versions share `document.id`; the highest version of a document is the one in force.
Where two documents of a county describe the structure differently (Norrbus' five areas against
the agreement's four), the county's structure follows its agreement in force, not its guidelines.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .schema import Agreement, DocumentKind
from .validation import Result, validate_file


@dataclass(frozen=True)
class Entry:
    path: Path
    result: Result

    @property
    def agreement(self) -> Agreement:
        assert self.result.agreement is not None
        return self.result.agreement

    @property
    def county(self) -> str:
        return self.agreement.county.slug

    @property
    def document_id(self) -> str:
        return self.agreement.document.id

    @property
    def version(self) -> int:
        return self.agreement.document.version


# A county's yearly data beside its agreements (agreements.county_data): not agreement files.
COUNTY_DATA_FILES = ("population-*.yaml", "costs-*.yaml")


def agreement_files(directories: list[Path] | None = None) -> list[Path]:
    found: list[Path] = []
    for directory in directories or settings.AGREEMENT_DIRS:
        found.extend(
            path
            for path in sorted(Path(directory).rglob("*.yaml"))
            if not any(path.match(pattern) for pattern in COUNTY_DATA_FILES)
        )
    return found


_cache: dict[Path, tuple[str, Result]] = {}


def read(path: Path) -> Result:
    """The validated file, validated again only when its content changed.

    Keyed on the content, not the modification time: a file rewritten within the clock's
    granularity keeps its time but not its content."""
    path = Path(path).resolve()
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return validate_file(path)
    cached = _cache.get(path)
    if cached and cached[0] == digest:
        return cached[1]
    result = validate_file(path)
    _cache[path] = (digest, result)
    return result


class Catalogue:
    """The valid shipped (and county-added) files, grouped by county and document."""

    def __init__(self, paths: list[Path] | None = None) -> None:
        self.entries: list[Entry] = []
        self.invalid: list[Result] = []
        for path in paths if paths is not None else agreement_files():
            result = read(path)
            if result.valid:
                self.entries.append(Entry(path, result))
            else:
                self.invalid.append(result)
        self.entries.sort(key=lambda e: (e.county, e.document_id, e.version))

    def counties(self) -> list[str]:
        return sorted({e.county for e in self.entries})

    def for_county(self, county: str) -> list[Entry]:
        return [e for e in self.entries if e.county == county]

    def documents(self, county: str) -> dict[str, list[Entry]]:
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.for_county(county):
            grouped[entry.document_id].append(entry)
        return dict(grouped)

    def in_force(self, county: str, document_id: str) -> Entry | None:
        versions = self.documents(county).get(document_id, [])
        return versions[-1] if versions else None

    def is_in_force(self, entry: Entry) -> bool:
        return self.in_force(entry.county, entry.document_id) is entry

    def structure_agreement(self, county: str) -> Entry | None:
        """The agreement in force that sets up the county's structure."""
        candidates = [
            self.in_force(county, document_id)
            for document_id, versions in self.documents(county).items()
            if versions[-1].agreement.document.kind == DocumentKind.AGREEMENT
        ]
        candidates = [c for c in candidates if c is not None]
        return candidates[0] if candidates else None

    def find(
        self, county: str, document_id: str | None = None, version: int | None = None
    ) -> Entry:
        """One version of one document; by default the structure agreement in force.

        Raises LookupError with a message that says what exists.
        """
        documents = self.documents(county)
        if not documents:
            known = ", ".join(self.counties()) or _("none")
            raise LookupError(
                _("Unknown county '%(county)s'. Known counties: %(known)s.")
                % {"county": county, "known": known}
            )
        if document_id is None:
            entry = self.structure_agreement(county)
            if entry is None:
                entry = self.in_force(county, sorted(documents)[0])
            document_id = entry.document_id if entry else None
        if document_id not in documents:
            raise LookupError(
                _("The county '%(county)s' has no document '%(document)s'. Documents: %(known)s.")
                % {"county": county, "document": document_id, "known": ", ".join(sorted(documents))}
            )
        versions = documents[document_id]
        if version is None:
            return versions[-1]
        for entry in versions:
            if entry.version == version:
                return entry
        listed = ", ".join(str(e.version) for e in versions)
        raise LookupError(
            _("The document '%(document)s' has no version %(version)s. Versions: %(known)s.")
            % {"document": document_id, "version": version, "known": listed}
        )
