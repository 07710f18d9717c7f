from django.urls import path, register_converter

from . import opendata, opendata_views


class FileKind:
    regex = "json|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileKind, "filekind")

urlpatterns = [
    path("", opendata_views.page, name="opendata"),
    # The national file first: its name is no county's slug, and must not be read as one.
    path(
        f"{opendata.NATIONAL}.<filekind:kind>",
        opendata_views.national_file,
        name="opendata_national",
    ),
    path("<slug:county>.<filekind:kind>", opendata_views.county_file, name="opendata_county"),
]
