from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "klimanett.library"
    label = "library"
    verbose_name = _("Knowledge library")
