"""The JSON API under /api/, described by OpenAPI at /api/openapi.json."""

from deviations.api import router as deviations_router
from disputes.api import router as disputes_router
from followup.api import router as followup_router
from inputs.api import ContractAPI
from inputs.api import install as install_input_rules
from matters.api import router as matters_router
from meetings.api import router as meetings_router
from meetings.api_year import router as meetings_year_router
from placements.api import router as placements_router
from plans.api import router as cases_router
from structure.api import router as structure_router
from structure.api_live import router as live_router

from .api_docs import AccessibleSwagger

api = ContractAPI(
    title="Samverkan API",
    version="1.0.0",
    docs=AccessibleSwagger(),
    description=(
        "Samverkan's JSON API: the county agreements as data and the structure they set up, "
        "every element with the seed file and section it comes from; and the individual "
        "level's cases (SIP), under the same access rules as the pages: a session that has "
        "passed the second factor, cases by organisation, participation and consent, every "
        "read audited, and 409 for a step or a plan prepared on a stale version. Every error "
        "answers with `Problem`, in the reader's language (Swedish unless they chose another)."
    ),
)
api.add_router("/", structure_router)
api.add_router("/", live_router)
api.add_router("/", cases_router)
api.add_router("/", placements_router)
api.add_router("/", matters_router)
api.add_router("/", deviations_router)
api.add_router("/", disputes_router)
api.add_router("/", meetings_router)
api.add_router("/", meetings_year_router)
api.add_router("/", followup_router)
install_input_rules(api)
