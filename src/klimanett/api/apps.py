from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "klimanett.api"
    verbose_name = _("Open data and API")

    def ready(self) -> None:
        from klimanett.api.token_views import personal_data_of
        from klimanett.core import privacy

        # The user's API tokens (name, prefix, dates) in their export; Wagtail's foreign key
        # deletes them with the account.
        privacy.register_provider("api_tokens", personal_data_of)
