"""The API, version 1, at /api/v1/: its OpenAPI document at /api/v1/openapi.json and the
documentation page at /api/v1/docs (``api.docs``). Conventions in ``api.conventions``."""

from ninja import NinjaAPI

from klimanett.api.accounts import router as accounts_router
from klimanett.api.conventions import install_error_handlers, throttles
from klimanett.api.partners import router as partners_router
from klimanett.api.plans import router as plans_router
from klimanett.api.public import router as public_router
from klimanett.api.tokens import OWN_DATA_AUTH

__all__ = ["OWN_DATA_AUTH", "api"]

api = NinjaAPI(
    title="Klimanett API",
    version="1",
    description=(
        "Open data from the network (no key needed), and each partner's own data with a "
        "personal API token: `Authorization: Bearer wagtail_…`, made in the partner area. Lists "
        "are paginated (`page`, `page_size`), public lists carry an ETag for conditional GET, "
        'errors are `{"detail": …, "errors": {field: [messages]}}`, and requests are rate '
        "limited per address and per token (429 with Retry-After)."
    ),
    urls_namespace="api",
    docs_url=None,  # served as an accessible page of the site by klimanett.api.docs
    throttle=throttles(),
)
install_error_handlers(api)
api.add_router("/", partners_router)
api.add_router("/", public_router)
api.add_router("/", accounts_router)
api.add_router("/", plans_router)
