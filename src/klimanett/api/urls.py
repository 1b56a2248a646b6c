from ninja import NinjaAPI

from klimanett.api.partners import router as partners_router

api = NinjaAPI(
    title="Klimanett API",
    version="1",
    description="Open data from the network, and each partner's own data for its contact persons.",
    urls_namespace="api",
    docs_url=None,  # served as an accessible page of the site by klimanett.api.docs
)
api.add_router("/", partners_router)
