from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "klimanett.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from klimanett.core import roles

        # Role groups need permissions that exist only once every app has migrated, so this
        # runs after each app's migrations (it is idempotent and cheap).
        post_migrate.connect(roles.ensure_role_groups_after_migrate)

        from klimanett.core import page_cache

        # Every write to the content invalidates the public page cache (see page_cache).
        connection_created.connect(page_cache.watch_writes)
