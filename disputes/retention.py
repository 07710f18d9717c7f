"""What the disputes need kept beyond the case's retention: a case with an open dispute."""

from .models import Dispute

OPEN_DISPUTE = "open_dispute"


def case_holds(case_ids) -> dict[int, str]:
    return dict.fromkeys(
        Dispute.objects.filter(case_id__in=case_ids, state=Dispute.State.OPEN).values_list(
            "case_id", flat=True
        ),
        OPEN_DISPUTE,
    )
