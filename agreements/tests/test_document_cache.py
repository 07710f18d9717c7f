"""A version's document is validated once per process and content: a page that reads the
agreement several times pays for the validation once, and a corrected file is read anew."""

import pytest

from agreements.models import Agreement
from agreements.registry import Catalogue
from agreements.services import load_county

from .test_load import county_copy, rewrite

pytestmark = pytest.mark.django_db


def test_one_validation_per_content_and_a_corrected_file_read_anew(tmp_path, settings):
    settings.AGREEMENT_DIRS = [county_copy(tmp_path, "vasternorrland")]
    load_county("vasternorrland", Catalogue())
    first = Agreement.objects.get().document
    assert Agreement.objects.get().document is first

    rewrite(tmp_path / "vasternorrland" / "halsam-v1.yaml", "name: Länsledningen", "name: Ledning")
    load_county("vasternorrland", Catalogue())
    corrected = Agreement.objects.get().document
    assert corrected is not first
    assert corrected.model_dump_json().count("Länsledningen") == (
        first.model_dump_json().count("Länsledningen") - 1
    )
