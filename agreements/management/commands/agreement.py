"""`samverkan agreement list|validate|show|diff|load`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agreements import county_data, labels
from agreements.diff import diff
from agreements.presentation import render_text
from agreements.registry import Catalogue, agreement_files
from agreements.services import load_county
from agreements.validation import validate_file


class Command(BaseCommand):
    # The files and the registry are read, and `load` writes through the agreements' services:
    # none needs the URLs, templates or admin checked first, which would cost most of the time
    # of `agreement validate`.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.description = _(
            "Agreement files: list, validate, show, compare versions and load into the database."
        )
        sub = parser.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
        sub.add_parser(
            "list", help=_("counties, their documents and versions, and which is in force")
        )
        validate = sub.add_parser(
            "validate", help=_("validate files (all those delivered, without a path)")
        )
        validate.add_argument("paths", nargs="*", metavar=_("PATH"))
        validate.add_argument("--format", choices=["text", "json"], default="text")
        show = sub.add_parser("show", help=_("show a county's agreement as text or JSON"))
        show.add_argument("county", metavar=_("COUNTY"))
        show.add_argument(
            "--document",
            metavar=_("DOCUMENT"),
            help=_("document id (default: the agreement)"),
        )
        show.add_argument("--version", type=int, metavar="V", dest="doc_version")
        show.add_argument("--format", choices=["text", "json"], default="text")
        compare = sub.add_parser("diff", help=_("what changed between two versions"))
        compare.add_argument("county", metavar=_("COUNTY"))
        compare.add_argument("v1", type=int, metavar="V1")
        compare.add_argument("v2", type=int, metavar="V2")
        compare.add_argument("--document", metavar=_("DOCUMENT"))
        load = sub.add_parser("load", help=_("load all of a county's documents into the database"))
        load.add_argument("county", metavar=_("COUNTY"))

    def handle(self, *args, action, **options):
        return getattr(self, f"do_{action}")(**options)

    def do_list(self, **options):
        catalogue = Catalogue()
        for county in catalogue.counties():
            entries = catalogue.for_county(county)
            self.stdout.write(f"{entries[0].agreement.county.name} ({county})")
            for document_id, versions in catalogue.documents(county).items():
                kind = labels.DOCUMENT_KINDS[versions[-1].agreement.document.kind]
                self.stdout.write(f"  {document_id} ({kind})")
                for entry in versions:
                    mark = _("in force") if catalogue.is_in_force(entry) else _("superseded")
                    self.stdout.write(
                        f"    version {entry.version}  {mark:7}  {entry.agreement.document.title}"
                    )
        for result in catalogue.invalid:
            self.stdout.write(_("Invalid file (not shown): %(file)s") % {"file": result.file})

    def do_validate(self, paths, format, **options):
        files = [Path(p) for p in paths] or sorted([*agreement_files(), *county_data.data_files()])
        if not files:
            raise CommandError(_("No agreement files were found."))
        # A county's yearly data (population, costs) is checked against its agreement.
        catalogue = Catalogue()
        results = [
            county_data.validate_path(path, catalogue)
            if county_data.kind_of(path)
            else validate_file(path)
            for path in files
        ]
        if format == "json":
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "file": r.file,
                            "valid": r.valid,
                            "problems": [p.as_dict() for p in r.problems],
                        }
                        for r in results
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for result in results:
                mark = _("OK") if result.valid else _("ERROR")
                self.stdout.write(f"{mark:3} {result.file}")
                for problem in result.problems:
                    self.stdout.write(f"    {problem}")
        invalid = sum(not r.valid for r in results)
        if invalid:
            raise CommandError(
                _("%(invalid)s of %(count)s files are invalid.")
                % {"invalid": invalid, "count": len(results)},
                returncode=1,
            )

    def _find(self, county, document, version):
        catalogue = Catalogue()
        try:
            return catalogue, catalogue.find(county, document, version)
        except LookupError as error:
            raise CommandError(str(error)) from error

    def do_show(self, county, document, doc_version, format, **options):
        catalogue, entry = self._find(county, document, doc_version)
        if format == "json":
            data = entry.agreement.model_dump(mode="json", by_alias=True, exclude_none=True)
            data["in_force"] = catalogue.is_in_force(entry)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(
                render_text(entry.agreement, in_force=catalogue.is_in_force(entry)), ending=""
            )

    def do_diff(self, county, v1, v2, document, **options):
        old = self._find(county, document, v1)[1]
        new = self._find(county, old.document_id, v2)[1]
        changes = diff(old.agreement, new.agreement)
        self.stdout.write(f"{old.document_id}: version {v1} → version {v2}")
        for line in changes or [_("No differences.")]:
            self.stdout.write(f"  {line}")

    def do_load(self, county, **options):
        try:
            report = load_county(county)
        except LookupError as error:
            raise CommandError(str(error)) from error
        for outcome, words in (
            ("created", _("loaded")),
            ("updated", _("updated")),
            ("unchanged", pgettext("document version", "unchanged")),
        ):
            for label in getattr(report, outcome):
                self.stdout.write(f"{label}: {words}")
