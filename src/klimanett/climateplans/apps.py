from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimatePlansConfig(AppConfig):
    name = "klimanett.climateplans"
    verbose_name = _("Targets and action plans")
