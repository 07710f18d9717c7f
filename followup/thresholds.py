"""The county's small-number threshold, set by its coordinator: one action, one audit event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import County
from audit.services import record

from . import events
from .access import is_county_coordinator
from .models import (
    SMALL_NUMBER_THRESHOLD_MAX,
    SMALL_NUMBER_THRESHOLD_MIN,
    FollowupSettings,
)


@transaction.atomic
def do_set_small_number_threshold(actor, county: County, threshold: int) -> FollowupSettings:
    """No figure about fewer individuals than `threshold` is shown or exported in the county."""
    if not is_county_coordinator(actor, county):
        raise PermissionDenied
    if not SMALL_NUMBER_THRESHOLD_MIN <= threshold <= SMALL_NUMBER_THRESHOLD_MAX:
        raise ValidationError(
            {
                "small_number_threshold": _("Give a number from %(min)s to %(max)s.")
                % {"min": SMALL_NUMBER_THRESHOLD_MIN, "max": SMALL_NUMBER_THRESHOLD_MAX}
            }
        )
    found, _created = FollowupSettings.objects.select_for_update().get_or_create(county=county)
    before = found.small_number_threshold
    if before != threshold:
        found.small_number_threshold = threshold
        found.save(update_fields=["small_number_threshold"])
        record(
            actor,
            events.THRESHOLD_SET,
            found,
            {"threshold": threshold},
            changes={"small_number_threshold": [before, threshold]},
        )
    return found
