"""What would break: a proposed revision of an agreement against the version in force and
against today's live structure.

The diff is the agreements' own (agreements.diff); the findings are the structure's compliance
rules run twice, with the agreement in force and with the proposed document
(structure.compliance.evaluate_document), so that a finding the revision creates or resolves
is named before anyone decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agreements import diff, schema
from agreements.validation import Problem, validate_text
from structure.compliance import OK, Finding, evaluate, evaluate_document

from .models import Matter, Revision


@dataclass
class Impact:
    revision: Revision
    problems: list[Problem] = field(default_factory=list)
    proposed: schema.Agreement | None = None
    in_force: schema.Agreement | None = None
    changes: list[str] = field(default_factory=list)
    created: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    # Only a revision of the structure agreement changes what the structure is checked against.
    checks_structure: bool = False


def _key(finding: Finding) -> tuple:
    return (
        finding.severity,
        finding.rule,
        finding.body,
        finding.instance,
        finding.seat,
        finding.message,
    )


def impact(matter: Matter) -> Impact | None:
    """The newest revision the matter carries and what it would change; None without one."""
    revision = matter.revisions.first()
    if revision is None:
        return None
    result = validate_text(revision.text, "revision.yaml")
    found = Impact(revision=revision, problems=result.problems)
    if not result.valid:
        return found
    found.proposed = result.agreement
    row = (
        matter.county.agreements.filter(in_force=True, document_id=revision.document_id)
        .order_by("-version")
        .first()
    )
    if row is None:
        return found
    found.in_force = row.document
    found.changes = diff.diff(row.document, found.proposed)
    structure = matter.county.agreements.structure_in_force()
    if structure is None or structure.document_id != revision.document_id:
        return found
    found.checks_structure = True
    before = {_key(f): f for f in evaluate(matter.county.slug).findings if f.severity != OK}
    after = {
        _key(f): f
        for f in evaluate_document(matter.county.slug, found.proposed).findings
        if f.severity != OK
    }
    found.created = [f for key, f in after.items() if key not in before]
    found.resolved = [f for key, f in before.items() if key not in after]
    return found
