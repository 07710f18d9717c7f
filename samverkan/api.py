"""The JSON API under /api/, described by OpenAPI at /api/openapi.json."""

from ninja import NinjaAPI

from structure.api import router as structure_router
from structure.api_live import router as live_router

api = NinjaAPI(
    title="Samverkan API",
    version="1.0.0",
    description=(
        "Samverkan's JSON API: the county agreements as data and the structure they set up. "
        "Every element carries the seed file and section it comes from."
    ),
)
api.add_router("/", structure_router)
api.add_router("/", live_router)
