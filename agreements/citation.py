"""Sources as a reader knows them: a document's title and its section, never a seed's file name.

A source cites a section of the document's own seed, of another seed (Norrbus naming the
agreement's municipalities), or of a public document outside the seeds (SCB's municipality
codes). The seed files are the encoders' working copies; a reader knows the documents by title.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import gettext as _

from .schema import Agreement, Source


def seed_titles() -> dict[str, str]:
    """Every known seed file and the title, with its version, of the document it holds."""
    from .registry import agreement_files

    # Read again only when a file changed: a page citing another seed ten times reads once.
    stats = tuple(
        (path, path.stat().st_mtime_ns, path.stat().st_size) for path in agreement_files()
    )
    return {
        seed: _("%(title)s, version %(version)s") % {"title": title, "version": version}
        for seed, (title, version) in _seed_documents(stats).items()
    }


@lru_cache(maxsize=4)
def _seed_documents(stats: tuple) -> dict[str, tuple[str, int]]:
    from .registry import Catalogue

    catalogue = Catalogue([path for path, _mtime, _size in stats])
    return {
        entry.agreement.document.seed: (entry.agreement.document.title, entry.version)
        for entry in catalogue.entries
    }


def document_label(agreement: Agreement) -> str:
    """'Title, version 2'."""
    document = agreement.document
    return _("%(title)s, version %(version)s") % {
        "title": document.title,
        "version": document.version,
    }


def source_document(source: Source, agreement: Agreement) -> str:
    """The title of the document a source cites: the agreement's own, another seed's, or a
    public document named in the source."""
    if source.document:
        return source.document
    if source.seed is None or source.seed == agreement.document.seed:
        return document_label(agreement)
    return seed_titles().get(source.seed, source.seed)


def section(source: Source) -> str:
    """'section “Representanter länsstyrgruppen”', for a page about the document itself."""
    return _("section “%(section)s”") % {"section": source.section}


def cite(source: Source, agreement: Agreement) -> str:
    """'Title, version 2, section “…”'."""
    return _("%(document)s, section “%(section)s”") % {
        "document": source_document(source, agreement),
        "section": source.section,
    }


def cite_other(source: Source, agreement: Agreement) -> str:
    """The section alone where the page or text is about the agreement's own document; the
    title and section where the source is another document."""
    if source.document or (source.seed and source.seed != agreement.document.seed):
        return cite(source, agreement)
    return section(source)
