"""What the deviations need kept beyond the case's retention: a case with a deviation not yet
closed, whose investigation still reads it."""

from .models import Deviation

OPEN_DEVIATION = "open_deviation"


def case_holds(case_ids) -> dict[int, str]:
    return dict.fromkeys(
        Deviation.objects.filter(case_id__in=case_ids)
        .exclude(state=Deviation.State.CLOSED)
        .values_list("case_id", flat=True),
        OPEN_DEVIATION,
    )
