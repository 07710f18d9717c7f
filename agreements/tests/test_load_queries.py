"""Loading a county costs round trips per table, not per row: the number of queries for each
document version loaded does not grow with its seats, bodies or organisations (the measured
miss of issue 13: Norrbotten's load took 1,326 queries, one or more per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Seat
from agreements.registry import Catalogue
from agreements.services import load_county

pytestmark = pytest.mark.django_db

# A county, its agreement, nine tables of rows and the organisations, each read or written once.
QUERIES_PER_VERSION = 25


@pytest.mark.parametrize("county", ["norrbotten", "vasterbotten", "vasternorrland"])
def test_a_first_load_reads_and_writes_each_table_once(county):
    catalogue = Catalogue()
    versions = len(catalogue.for_county(county))
    with CaptureQueriesContext(connection) as captured:
        load_county(county, catalogue)
    assert Seat.objects.filter(body__agreement__county__slug=county).exists()
    assert len(captured) <= QUERIES_PER_VERSION * versions


def test_loading_again_unchanged_reads_only_the_versions():
    catalogue = Catalogue()
    load_county("norrbotten", catalogue)
    with CaptureQueriesContext(connection) as captured:
        load_county("norrbotten", catalogue)
    assert len(captured) <= QUERIES_PER_VERSION
