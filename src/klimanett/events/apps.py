from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "klimanett.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from klimanett.core import privacy
        from klimanett.events.privacy import erase_personal_data_of, personal_data_of

        # A person's registrations, found by their e-mail address, in their export and deletion.
        privacy.register_provider("event_registrations", personal_data_of)
        privacy.register_eraser("event_registrations", erase_personal_data_of)
