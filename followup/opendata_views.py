"""The open data's public page and files: no login, the same rows as the API."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inputs.api import problem

from . import opendata
from .api import OpenDataOut
from .indicators import Period, PeriodError
from .models import DEFAULT_SMALL_NUMBER_THRESHOLD


def _period(request) -> Period:
    given = request.GET.get("period", "")
    return Period.parse(given) if given else opendata.default_period()


def _refused(error: PeriodError, kind: str) -> HttpResponse:
    if kind == "json":
        body = problem(_("The period cannot be read."), {"period": [str(error)]})
        return JsonResponse(body, status=422)
    return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")


def _file(data: opendata.OpenData, name: str, kind: str) -> HttpResponse:
    if kind == "json":
        response = HttpResponse(
            OpenDataOut.model_validate(data, from_attributes=True).model_dump_json(),
            content_type="application/json",
        )
    else:
        response = HttpResponse(opendata.as_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}-{data.period}.{kind}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def county_file(request, county: str, kind: str):
    found = next((c for c in opendata.loaded_counties() if c.slug == county), None)
    if found is None:
        raise Http404(_("There is no such county."))
    try:
        period = _period(request)
    except PeriodError as error:
        return _refused(error, kind)
    return _file(opendata.open_data([found], period), found.slug, kind)


@require_GET
def national_file(request, kind: str):
    try:
        period = _period(request)
    except PeriodError as error:
        return _refused(error, kind)
    return _file(opendata.open_data(opendata.loaded_counties(), period), opendata.NATIONAL, kind)


@require_GET
def page(request):
    # The files' own period first; the running year beside it, since it is what a county
    # follows during the year.
    whole, running = opendata.default_period().key, str(timezone.localdate().year)
    periods = [
        (_("The last whole year, %(period)s") % {"period": whole}, ""),
        (_("This year so far, %(period)s") % {"period": running}, f"?period={running}"),
    ]
    return render(
        request,
        "followup/opendata.html",
        {
            "counties": opendata.loaded_counties(),
            "periods": periods,
            "national": opendata.NATIONAL,
            "definitions": opendata.definitions(),
            "default_threshold": DEFAULT_SMALL_NUMBER_THRESHOLD,
        },
    )
