from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from klimanett.api import middleware as api_middleware
from klimanett.api import token_views
from klimanett.api.docs import api_docs
from klimanett.api.urls import api
from klimanett.site.search import search_view

urlpatterns = [
    path("", include("klimanett.core.urls")),
    path("min-side/api-nokler/", token_views.token_list, name="api_tokens"),
    path(
        "min-side/api-nokler/<int:pk>/trekk-tilbake/",
        token_views.token_revoke,
        name="api_token_revoke",
    ),
    path("min-side/", include("klimanett.partners.urls")),
    path("min-side/", include("klimanett.accounting.urls")),
    path("min-side/", include("klimanett.climateplans.urls")),
    path("min-side/", include("klimanett.awards.urls")),
    path("min-side/kunnskap/", include("klimanett.library.partner_urls")),
    path("nyhetsbrev/", include("klimanett.library.digest_urls")),
    path("arrangementer/", include("klimanett.events.urls")),
    path("kunnskap/", include("klimanett.library.urls")),
    path("klimastatus/", include("klimanett.region.urls")),
    path("apne-data/", include("klimanett.api.open_data")),
    path("api/v1/docs", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<path>.*)$", api_middleware.not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("sok/", search_view, name="search"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
urlpatterns.append(path("", include(wagtail_urls)))
