from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "klimanett.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from klimanett.core import privacy
        from klimanett.partners.selectors import personal_data_of

        privacy.register_provider("organisations", personal_data_of)
        # An organisation's main contact is how the network reaches it: kept until replaced.
        privacy.exempt_from_retention(Q(contacts__is_primary=True))
