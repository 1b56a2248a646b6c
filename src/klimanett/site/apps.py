from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "klimanett.site"
    label = "klimanett_site"
    verbose_name = _("Public web site")
