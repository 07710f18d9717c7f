"""`samverkan audit verify`: check that no audit event was altered, removed or rewritten, and say
which of these happened, and where."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from audit import anchor, services
from audit.services import Finding, Verification, verify


def _where(finding: Finding) -> str:
    if finding.last is None or finding.last == finding.first:
        return _("event %(id)s") % {"id": finding.first}
    return _("events %(first)s–%(last)s") % {"first": finding.first, "last": finding.last}


def describe(finding: Finding) -> str:
    """The finding in the operator's words: what happened, where, and what it means."""
    detail = finding.detail
    if finding.kind == services.ALTERED:
        return _("Altered: %(where)s changed after it was recorded; its MAC no longer holds.") % {
            "where": _where(finding)
        }
    if finding.kind == services.REWRITTEN:
        return _("Rewritten: %(where)s changed and its link computed anew without the key.") % {
            "where": _where(finding)
        }
    if finding.kind == services.REMOVED:
        if detail.get("before") is None:
            return _(
                "Removed: the events before event %(id)s, at the start of the log, are missing."
            ) % {"id": finding.first}
        return _(
            "Removed: one or more events between event %(before)s and event %(id)s are missing."
        ) % {"before": detail["before"], "id": finding.first}
    if finding.kind == services.LEGACY_CHANGED:
        return _(
            "Changed before the keying: the unkeyed events before event %(id)s are not those "
            "the chain was keyed over; they were changed or removed."
        ) % {"id": finding.first}
    if finding.kind == services.TRUNCATED and detail.get("source") == "anchor":
        if detail.get("last") is None:
            return _(
                "Truncated: the anchor outside the database names event %(anchored)s, but the "
                "log is empty: its events were removed."
            ) % {"anchored": finding.first}
        return _(
            "Truncated: the anchor outside the database names event %(anchored)s, but the log "
            "ends at event %(last)s: the newest events were removed."
        ) % {"anchored": finding.first, "last": detail["last"]}
    if finding.kind == services.TRUNCATED:
        return _(
            "Truncated: the head in the database names a later event than the last in the log: "
            "the newest events were removed."
        )
    if finding.kind == services.ANCHOR_DIFFERS:
        return _(
            "Rewritten: event %(id)s has another link than when it was anchored outside the "
            "database."
        ) % {"id": finding.first}
    if finding.kind == services.ANCHOR_MISSING:
        return _(
            "The anchor %(path)s is missing: whether the newest events were removed cannot be "
            "checked."
        ) % {"path": detail["path"]}
    if finding.kind == services.ANCHOR_UNREADABLE:
        return _("The anchor %(path)s cannot be read: it was cut short or edited.") % {
            "path": detail["path"]
        }
    if finding.kind == services.ANCHOR_UNSIGNED:
        return _("The anchor %(path)s is not signed with the key: it was edited.") % {
            "path": detail["path"]
        }
    if finding.kind == services.CHECKPOINT_UNSIGNED:
        return _(
            "Removed without the key: the checkpoint at event %(id)s, from which the chain "
            "starts after retention, is not signed with the key."
        ) % {"id": finding.first}
    if finding.kind == services.WRONG_KEY:
        return _(
            "Wrong key: no keyed link holds, from the first keyed event (%(id)s) on, and neither "
            "does the anchor's signature. The events are most likely whole, but "
            "SAMVERKAN_AUDIT_KEY is not the key they were written with (restored without its "
            "key?). Set the right key and verify again; the rest of the platform is unaffected."
        ) % {"id": finding.first}
    return finding.kind


def summary(result: Verification) -> list[str]:
    lines = []
    if result.legacy:
        lines.append(
            _(
                "%(legacy)s of them were recorded before the chain was keyed and are verified "
                "by their unkeyed hashes."
            )
            % {"legacy": result.legacy}
        )
    if result.checkpoint is not None:
        lines.append(
            _(
                "Events up to event %(id)s were removed by retention; the chain is verified "
                "from its signed checkpoint."
            )
            % {"id": result.checkpoint}
        )
    if result.anchored is not None:
        lines.append(
            _("The head is anchored outside the database at event %(id)s.")
            % {"id": result.anchored}
        )
    elif anchor.path() is None:
        lines.append(
            _(
                "No anchor is configured (SAMVERKAN_AUDIT_ANCHOR): removal of the newest events "
                "cannot be detected."
            )
        )
    return lines


class Command(BaseCommand):
    # Verifying reads the chain and its anchor only: no URLs, templates or admin to check.
    requires_system_checks = []

    def add_arguments(self, parser):
        # Here rather than in `help`: argparse formats the description with `re`, which takes no
        # lazy translation, so `manage.py audit --help` failed.
        parser.description = _(
            "Audit trail: check that no event was altered, removed or rewritten, and say which."
        )
        sub = parser.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
        sub.add_parser(
            "verify",
            help=_(
                "check the chain from the first event to the last, and its anchor outside "
                "the database"
            ),
        )

    def handle(self, *args, action, **options):
        report(self, verify())


def report(command: BaseCommand, result: Verification) -> None:
    """The verification as the operator reads it (also after `samverkan restore`): whole on
    stdout; broken on stderr, what was found and where, and exit code 1."""
    if result.intact:
        command.stdout.write(
            _("The audit trail is whole: %(checked)s events checked.") % {"checked": result.checked}
        )
        for line in summary(result):
            command.stdout.write(line)
        return
    command.stderr.write(
        _("The audit trail is broken: %(checked)s events checked.") % {"checked": result.checked}
    )
    for finding in result.findings:
        command.stderr.write(f"- {describe(finding)}")
    for line in summary(result):
        command.stderr.write(line)
    raise SystemExit(1)
