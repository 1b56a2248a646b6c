from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "klimanett.library"
    label = "library"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        from klimanett.core import privacy
        from klimanett.library.digest import erase_personal_data_of, personal_data_of

        # The digest subscription under a user's e-mail address, in their export and deletion.
        privacy.register_provider("digest_subscription", personal_data_of)
        privacy.register_eraser("digest_subscription", erase_personal_data_of)
