"""The deviation reports of a case, on the case's page (plans.sections)."""

from plans import sections

from . import queries


def context(view: sections.CaseView) -> dict:
    return {"case": view.case, "deviations": list(queries.of_case(view.case)), "today": view.today}
