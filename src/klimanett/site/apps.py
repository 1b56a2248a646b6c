from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "klimanett.site"
    label = "klimanett_site"
    verbose_name = _("Public web site")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from klimanett.site.models.reports import store_published_figures
        from klimanett.site.search import reindex_published_page

        page_published.connect(reindex_published_page)
        page_published.connect(store_published_figures)
