"""What the structure pages read: a county's documents in force, and its diagram."""

from __future__ import annotations

import graphviz
from django.http import Http404
from django.utils.translation import gettext as _

from agreements import labels
from agreements.models import Agreement, County
from agreements.schema import Agreement as Document
from agreements.schema import RelationKind


def counties_with_agreements() -> list[tuple[County, list[Agreement]]]:
    """Every county with its documents in force, in one query."""
    grouped: dict[int, tuple[County, list[Agreement]]] = {}
    for agreement in (
        Agreement.objects.filter(in_force=True).select_related("county").defer("content")
    ):
        grouped.setdefault(agreement.county_id, (agreement.county, []))[1].append(agreement)
    return sorted(grouped.values(), key=lambda pair: pair[0].name)


def structure_agreement(county_slug: str) -> Agreement:
    """The agreement in force that sets up a county's structure; 404 when there is none."""
    agreement = (
        Agreement.objects.filter(county__slug=county_slug, in_force=True, kind="agreement")
        .select_related("county")
        .order_by("document_id")
        .first()
    )
    if agreement is None:
        raise Http404(_("No agreement in force for this county."))
    return agreement


def county_documents(county_slug: str) -> list[Agreement]:
    documents = list(
        Agreement.objects.filter(county__slug=county_slug).select_related("county").defer("content")
    )
    if not documents:
        raise Http404(_("Unknown county."))
    return documents


def document_version(county_slug: str, document_id: str, version: int) -> Agreement:
    agreement = (
        Agreement.objects.filter(county__slug=county_slug, document_id=document_id, version=version)
        .select_related("county")
        .first()
    )
    if agreement is None:
        raise Http404(_("No such document version."))
    return agreement


# The diagram draws the bodies and the relations that carry matters and mandates.
DRAWN_RELATIONS = {
    RelationKind.STEERS: "solid",
    RelationKind.PREPARES_FOR: "dashed",
    RelationKind.MANDATES: "solid",
    RelationKind.REPORTS_TO: "dotted",
    RelationKind.ESCALATES_TO: "bold",
    RelationKind.WORKING_COMMITTEE_OF: "dashed",
    RelationKind.APPOINTS: "solid",
    RelationKind.CO_OPTS: "dotted",
    RelationKind.STAFFS: "dotted",
}


_diagrams: dict[str, str] = {}


def diagram_svg(agreement: Agreement) -> str:
    """The structure drawn by Graphviz, one box per level; drawn once per file version."""
    key = f"{agreement.county.slug}:{agreement.checksum}"
    if key not in _diagrams:
        _diagrams[key] = _draw(agreement.document, agreement.county.slug)
    return _diagrams[key]


def _draw(document: Document, county_slug: str) -> str:
    graph = graphviz.Digraph(
        "structure",
        graph_attr={
            "rankdir": "TB",
            "fontname": "DejaVu Sans",
            "bgcolor": "white",
            "nodesep": "0.3",
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
    for level in sorted(document.levels, key=lambda lv: lv.rank):
        bodies = [b for b in document.bodies if b.level == level.id]
        if not bodies:
            continue
        with graph.subgraph(name=f"cluster_{level.id}") as cluster:
            cluster.attr(label=level.name, color="#c8c8c8", fontname="DejaVu Sans", fontsize="12")
            for body in bodies:
                suffix = (
                    "" if body.instances == "single" else f"\n({labels.INSTANCES[body.instances]})"
                )
                cluster.node(
                    body.id,
                    label=body.name + suffix,
                    URL=f"/{county_slug}/organ/{body.id}/",
                    target="_top",
                )
    for relation in document.relations:
        graph.edge(
            relation.source_body,
            relation.target_body,
            label=str(labels.RELATIONS[relation.kind]),
            style=DRAWN_RELATIONS.get(relation.kind, "solid"),
        )
    svg = graph.pipe(format="svg", encoding="utf-8")
    # Drop the XML prologue so the SVG can stand inline in the page.
    return svg[svg.index("<svg") :]
