"""`samverkan agreement list|validate|show|diff|load`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from agreements import labels
from agreements.diff import diff
from agreements.presentation import render_text
from agreements.registry import Catalogue, agreement_files
from agreements.services import load_county
from agreements.validation import validate_file


class Command(BaseCommand):
    help = "Avtalsfiler: lista, validera, visa, jämföra versioner och läsa in i databasen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ÅTGÄRD")
        sub.add_parser("list", help="län, deras dokument och versioner, och vilken som gäller")
        validate = sub.add_parser("validate", help="validera filer (alla levererade utan sökväg)")
        validate.add_argument("paths", nargs="*", metavar="SÖKVÄG")
        validate.add_argument("--format", choices=["text", "json"], default="text")
        show = sub.add_parser("show", help="visa ett läns avtal som text eller JSON")
        show.add_argument("county", metavar="LÄN")
        show.add_argument("--document", metavar="DOKUMENT", help="dokument-id (standard: avtalet)")
        show.add_argument("--version", type=int, metavar="V", dest="doc_version")
        show.add_argument("--format", choices=["text", "json"], default="text")
        compare = sub.add_parser("diff", help="vad som ändrats mellan två versioner")
        compare.add_argument("county", metavar="LÄN")
        compare.add_argument("v1", type=int, metavar="V1")
        compare.add_argument("v2", type=int, metavar="V2")
        compare.add_argument("--document", metavar="DOKUMENT")
        load = sub.add_parser("load", help="läsa in ett läns alla dokument i databasen")
        load.add_argument("county", metavar="LÄN")

    def handle(self, *args, action, **options):
        # Swedish for the administrator, without changing the language of whoever called.
        with translation.override("sv"):
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
                    mark = "gäller" if catalogue.is_in_force(entry) else "ersatt"
                    self.stdout.write(
                        f"    version {entry.version}  {mark:7}  {entry.agreement.document.title}"
                    )
        for result in catalogue.invalid:
            self.stdout.write(f"Ogiltig fil (visas inte): {result.file}")

    def do_validate(self, paths, format, **options):
        files = [Path(p) for p in paths] or agreement_files()
        if not files:
            raise CommandError("Inga avtalsfiler hittades.")
        results = [validate_file(path) for path in files]
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
                self.stdout.write(f"{'OK ' if result.valid else 'FEL'} {result.file}")
                for problem in result.problems:
                    self.stdout.write(f"    {problem}")
        invalid = sum(not r.valid for r in results)
        if invalid:
            raise CommandError(f"{invalid} av {len(results)} filer är ogiltiga.", returncode=1)

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
        _, old = self._find(county, document, v1)
        _, new = self._find(county, old.document_id, v2)
        changes = diff(old.agreement, new.agreement)
        self.stdout.write(f"{old.document_id}: version {v1} → version {v2}")
        for line in changes or ["Inga skillnader."]:
            self.stdout.write(f"  {line}")

    def do_load(self, county, **options):
        try:
            report = load_county(county)
        except LookupError as error:
            raise CommandError(str(error)) from error
        for outcome, words in (
            ("created", "inläst"),
            ("updated", "uppdaterat"),
            ("unchanged", "oförändrat"),
        ):
            for label in getattr(report, outcome):
                self.stdout.write(f"{label}: {words}")
