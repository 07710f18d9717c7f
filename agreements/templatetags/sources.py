"""`{% source element.source %}`: where a rule comes from, as the document's title and section,
with what the encoding reads into the words where it interprets them."""

from django import template

from agreements import citation, schema
from agreements.models import Agreement

register = template.Library()


def _document(context, agreement) -> schema.Agreement:
    # A page passes the loaded row or the validated document; by default the page's own.
    agreement = agreement if agreement is not None else context["document"]
    return agreement.document if isinstance(agreement, Agreement) else agreement


@register.inclusion_tag("agreements/_source.html", takes_context=True)
def source(context, cited: schema.Source, agreement=None, full: bool = False):
    """The section alone on the document's own pages; with the title where `full` or where it
    cites another document."""
    document = _document(context, agreement)
    text = citation.cite(cited, document) if full else citation.cite_other(cited, document)
    return {"text": text, "cited": cited}
