"""What the structure pages read: a county's documents in force, and its diagram."""

from __future__ import annotations

import datetime
import html
import re
import textwrap
from dataclasses import dataclass

import graphviz
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agreements import labels
from agreements.models import Agreement, County
from agreements.schema import Agreement as Document
from agreements.schema import RelationKind

from . import rotation
from .models import OfficeTerm


def counties_with_agreements() -> list[tuple[County, list[Agreement]]]:
    """Every county with its documents in force, in one query."""
    grouped: dict[int, tuple[County, list[Agreement]]] = {}
    for agreement in Agreement.objects.filter(in_force=True).select_related("county"):
        grouped.setdefault(agreement.county_id, (agreement.county, []))[1].append(agreement)
    return sorted(grouped.values(), key=lambda pair: pair[0].name)


def structure_agreement(county_slug: str) -> Agreement:
    """The agreement in force that sets up a county's structure; 404 when there is none."""
    agreement = Agreement.objects.structure_in_force(county__slug=county_slug)
    if agreement is None:
        raise Http404(_("No agreement in force for this county."))
    return agreement


def county_documents(county_slug: str) -> list[Agreement]:
    documents = list(Agreement.objects.filter(county__slug=county_slug).select_related("county"))
    if not documents:
        raise Http404(_("Unknown county."))
    return documents


def document_version(county_slug: str, document_id: str, version: int) -> Agreement:
    """A version shown whole (its page, a comparison): read with its JSON, so that a page's
    reads are the same whether or not this process has validated it."""
    agreement = (
        Agreement.objects.filter(county__slug=county_slug, document_id=document_id, version=version)
        .select_related("county")
        .with_content()
        .first()
    )
    if agreement is None:
        raise Http404(_("No such document version."))
    return agreement


# The diagram draws the bodies and the relations that carry matters and mandates.
# Each kind of relation has its own colour and line, explained in the diagram's legend; the
# arrows carry no text, which would overlap where many bodies meet.
DRAWN_RELATIONS = {
    RelationKind.STEERS: ("#00508a", "solid"),
    RelationKind.MANDATES: ("#00508a", "bold"),
    RelationKind.PREPARES_FOR: ("#6b4c9a", "dashed"),
    RelationKind.WORKING_COMMITTEE_OF: ("#6b4c9a", "bold"),
    RelationKind.REPORTS_TO: ("#2e7d32", "dotted"),
    RelationKind.ESCALATES_TO: ("#b3261e", "bold"),
    RelationKind.CO_OPTS: ("#8a5a00", "dotted"),
    RelationKind.STAFFS: ("#4a4a4a", "dashed"),
    RelationKind.APPOINTS: ("#8a5a00", "solid"),
}
# A level with more bodies than this is drawn in several rows, so the picture fits a page.
BODIES_PER_ROW = 4


_diagrams: dict[str, str] = {}


def diagram_svg(agreement: Agreement) -> str:
    """The structure drawn by Graphviz, one box per level; drawn once per version and language."""
    key = f"{agreement.county.slug}:{agreement.checksum}:{get_language()}"
    if key not in _diagrams:
        _diagrams[key] = _draw(agreement.document, agreement.county.slug)
    return _diagrams[key]


def _draw(document: Document, county_slug: str) -> str:
    graph = graphviz.Digraph(
        "structure",
        graph_attr={
            "rankdir": "TB",
            "newrank": "true",
            "fontname": "DejaVu Sans",
            "bgcolor": "white",
            "nodesep": "0.3",
            "ranksep": "0.6",
        },
        node_attr={
            "shape": "box",
            "style": "rounded,filled",
            "fillcolor": "#f3f6f9",
            "color": "#00508a",
            "fontname": "DejaVu Sans",
            "fontsize": "11",
        },
        edge_attr={"fontname": "DejaVu Sans", "fontsize": "9", "color": "#4a4a4a"},
    )
    rank_of_body = {}
    previous = None
    for level in sorted(document.levels, key=lambda lv: lv.rank):
        bodies = [b for b in document.bodies if b.level == level.id]
        for number, start in enumerate(range(0, len(bodies), BODIES_PER_ROW)):
            # A row is the level's name (or an invisible spacer) at the left and its bodies,
            # chained by invisible edges to the next row: rows stack in the agreement's order
            # whatever the relations between the bodies.
            row_node = f"level__{level.id}__{number}"
            with graph.subgraph(name=f"row_{level.id}_{number}") as row:
                row.attr(rank="same")
                row.node(
                    row_node,
                    label=_wrap(level.name) if number == 0 else "",
                    shape="plaintext",
                    style="",
                    fontsize="12",
                    fontcolor="#00508a",
                )
                for body in bodies[start : start + BODIES_PER_ROW]:
                    rank_of_body[body.id] = level.rank
                    suffix = (
                        ""
                        if body.instances == "single"
                        else f"\n({labels.INSTANCES[body.instances]})"
                    )
                    row.node(
                        body.id,
                        label=_wrap(body.name) + suffix,
                        URL=reverse("structure:body", args=[county_slug, body.id]),
                        target="_top",
                    )
            if previous:
                graph.edge(previous, row_node, style="invis", weight="10")
            previous = row_node
    kinds_drawn = []
    for relation in document.relations:
        colour, style = DRAWN_RELATIONS[relation.kind]
        downward = rank_of_body.get(relation.source_body, 0) < rank_of_body.get(
            relation.target_body, 0
        )
        graph.edge(
            relation.source_body,
            relation.target_body,
            color=colour,
            style=style,
            tooltip=str(labels.RELATIONS[relation.kind]),
            # Only arrows that point down the levels shape the layout.
            constraint="true" if downward else "false",
        )
        if relation.kind not in kinds_drawn:
            kinds_drawn.append(relation.kind)
    if kinds_drawn:
        _legend(graph, kinds_drawn, previous)
    svg = graph.pipe(format="svg", encoding="utf-8")
    # Graphviz titles every node with its id, which browsers show on hover: the names suffice.
    svg = re.sub(r"<title>[^<]*</title>\n?", "", svg)
    # Drop the XML prologue so the SVG can stand inline in the page.
    return svg[svg.index("<svg") :]


def _wrap(text: str, width: int = 24) -> str:
    # Long names on several lines keep a level with many bodies narrow enough for a page.
    return "\n".join(textwrap.wrap(text, width)) or text


# Line samples for the legend, drawn in text since a table cell cannot hold a Graphviz edge.
_LEGEND_SAMPLES = {"solid": "────▶", "bold": "━━━━▶", "dashed": "╌╌╌╌▶", "dotted": "┈┈┈┈▶"}


def _legend(graph: graphviz.Digraph, kinds: list[RelationKind], above: str | None) -> None:
    """A key to the arrows, as a table under the lowest row."""
    rows = []
    for kind in kinds:
        colour, style = DRAWN_RELATIONS[kind]
        rows.append(
            f'<tr><td align="left"><font color="{colour}">{_LEGEND_SAMPLES[style]}</font></td>'
            f'<td align="left">{html.escape(str(labels.RELATIONS[kind]))}</td></tr>'
        )
    title = html.escape(str(_("Arrows")))
    table = (
        '<<table border="0" cellborder="0" cellspacing="2">'
        f'<tr><td colspan="2" align="left"><b>{title}</b></td></tr>{"".join(rows)}</table>>'
    )
    graph.node("legend", label=table, shape="box", style="rounded", color="#c8c8c8", fontsize="10")
    if above:
        graph.edge(above, "legend", style="invis", weight="10")


@dataclass
class OfficeRow:
    instance_name: str
    office: str
    starts: datetime.date
    ends: datetime.date | None
    holder: str
    party: str
    expected: str
    recorded: bool
    exception: str


def office_schedule(agreement: Agreement, body, until_years: int = 3) -> list[OfficeRow]:
    """Recorded terms and the coming terms the rotation gives, per instance and office."""
    document = agreement.document
    terms = list(
        OfficeTerm.objects.filter(county=agreement.county, body=body.id)
        .select_related("person")
        .order_by("starts")
    )
    today = timezone.localdate()
    until = datetime.date(today.year + until_years, 12, 31)
    rows = []
    for instance, instance_name in document.instances_of(body):
        for office in body.offices:
            own = [t for t in terms if t.instance == instance and t.role == office.role]
            of = [
                t
                for t in terms
                if office.rotation and t.instance == instance and t.role == office.rotation.of
            ]
            recorded = {t.starts: t for t in own}
            expected = rotation.schedule(
                document,
                body,
                office,
                [rotation.RecordedTerm(t.starts, t.ends, t.principal) for t in own],
                until=until,
                recorded_of=[rotation.RecordedTerm(t.starts, t.ends, t.principal) for t in of],
            )
            for term in expected:
                held = recorded.get(term.starts)
                rows.append(
                    OfficeRow(
                        instance_name=instance_name,
                        office=str(labels.OFFICES.get(office.role, office.role)),
                        starts=term.starts,
                        ends=held.ends if held else term.ends,
                        holder=held.person.name if held and held.person else "",
                        party=_party_name(document, held.principal) if held else "",
                        expected=_selector_words(document, term.holder),
                        recorded=held is not None,
                        exception=held.exception if held else "",
                    )
                )
    return rows


def _party_name(document: Document, party_id: str) -> str:
    party = document.party(party_id)
    return party.name if party else party_id


def _selector_words(document: Document, selector) -> str:
    return "" if selector is None else str(labels.selector(selector, document))
