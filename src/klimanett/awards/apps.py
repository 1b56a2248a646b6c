from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "klimanett.awards"
    verbose_name = _("Climate partner of the year")

    def ready(self) -> None:
        from klimanett.awards.privacy import personal_data_of
        from klimanett.core import privacy

        privacy.register_provider("award", personal_data_of)
