"""The follow-up pages: a county's indicators for a period and breakdown, and every indicator's
definition. The figures are aggregates with the county's small-number threshold applied by
`compute`; nothing about an individual reaches these pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.two_factor import verified_required
from agreements.citation import seed_titles, source_document
from agreements.models import County

from .access import is_county_coordinator, may_read_follow_up
from .indicator_forms import IndicatorFilter, ThresholdForm, default_period
from .indicators import Breakdown, Indicator, Unit, Value, compute, indicators
from .indicators.base import threshold
from .indicators.individual import applied_rules
from .thresholds import do_set_small_number_threshold


@dataclass(frozen=True)
class Section:
    indicator: Indicator
    values: list[Value]
    rule: str
    rule_source: str


def source_label(item: Indicator) -> str:
    """'Norrbus, version 1, Arbetsmodell för samverkan': the document by its title, not its
    seed file's name."""
    seed, _sep, section = item.source.partition(", ")
    return f"{seed_titles().get(seed, seed)}, {section}" if section else item.source


@login_required
@verified_required
@require_GET
def county(request, county):
    county = _readable(request, county)
    return _page(
        request, county, ThresholdForm(initial={"small_number_threshold": threshold(county)})
    )


@login_required
@verified_required
@require_POST
def set_threshold(request, county):
    county = _readable(request, county)
    if not is_county_coordinator(request.user, county):
        raise PermissionDenied
    form = ThresholdForm(request.POST)
    if form.is_valid():
        try:
            do_set_small_number_threshold(
                request.user, county, form.cleaned_data["small_number_threshold"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The threshold is %(n)s: no figure about fewer individuals is shown.")
                % {"n": form.cleaned_data["small_number_threshold"]},
            )
            return redirect("followup:indicators", county.slug)
    return _page(request, county, form, status=400)


def _readable(request, slug: str) -> County:
    county = get_object_or_404(County, slug=slug)
    if not may_read_follow_up(request.user, county):
        raise PermissionDenied
    return county


def _page(request, county: County, threshold_form: ThresholdForm, status: int = 200):
    period, breakdown = default_period(), Breakdown.COUNTY
    form = IndicatorFilter(request.GET or None, initial={"period": period.key})
    valid = not form.is_bound or form.is_valid()
    if form.is_bound and valid:
        period, breakdown = form.cleaned_data["period"], form.cleaned_data["breakdown"]
    sections = []
    if valid:
        by_key: dict[str, list[Value]] = {}
        for value in compute(county, period, breakdown):
            by_key.setdefault(value.indicator, []).append(value)
        rules = applied_rules(county)
        for item in indicators():
            rule = rules.get(item.key)
            sections.append(
                Section(
                    indicator=item,
                    values=by_key.get(item.key, []),
                    rule=rule.text if rule else "",
                    rule_source=(
                        f"{source_document(rule.source, rule.document)}, {rule.source.section}"
                        if rule
                        else ""
                    ),
                )
            )
    context = {
        "county": county,
        "form": form,
        "period": period if valid else None,
        "breakdown": breakdown,
        "sections": sections,
        "threshold": threshold(county),
        "threshold_form": threshold_form if is_county_coordinator(request.user, county) else None,
        "units": Unit,
        "last_year": timezone.localdate().year - 1,
        "this_year": timezone.localdate().year,
    }
    return render(request, "followup/indicators.html", context, status=status if valid else 400)


@login_required
@require_GET
def definitions(request):
    items = [
        (item, source_label(item), unit_label(item.unit), item.key.split("_"))
        for item in indicators()
    ]
    return render(request, "followup/definitions.html", {"items": items, "units": Unit})


def unit_label(unit: Unit) -> str:
    return {
        Unit.SHARE: _("share in per cent"),
        Unit.DAYS: _("median in days"),
        Unit.COUNT: _("number"),
    }[unit]
