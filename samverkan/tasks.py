"""The platform's own daily work: retention (samverkan.retention)."""

import datetime

from outbox.tasks import daily

from . import retention


@daily
def remove_expired_records(day: datetime.date) -> str:
    outcome = retention.run(day)
    cases = sum(county.cases for county in outcome.counties)
    return f"cases={cases} audit_events={outcome.audit_events}"
