"""Personas: alice and bob act for organisation A, charlie for B; sekretariat runs the network."""

from __future__ import annotations

import pytest
from django.test import Client

from klimanett.accounting import factor_library
from klimanett.core.models import User
from klimanett.partners.models import Organisation
from tests.builders import (
    make_contact,
    make_membership,
    make_organisation,
    make_secretariat_user,
    make_user,
)

_DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}
# Not django_db_setup or django_db_blocker: pytest-django's own autouse fixtures ask for the
# blocker, so every test has it. The tests that use them directly are marked django_db.


def _uses_the_database(item: pytest.Item) -> bool:
    return bool(
        item.get_closest_marker("django_db")
        or _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL (``make test-postgres``), only the tests that use the database: the others
    (pure calculations, settings checked in a subprocess) cannot differ from the SQLite run."""
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return
    unchanged = [item for item in items if not _uses_the_database(item)]
    if unchanged:
        config.hook.pytest_deselected(items=unchanged)
        items[:] = [item for item in items if _uses_the_database(item)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache (the public page cache among others) is per process: each test starts empty."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_imported_factor_sets_from_other_tests():
    """Imported factor sets are cached by version; each test's database starts without them."""
    factor_library.clear_cache()


@pytest.fixture
def organisation_a(db) -> Organisation:
    organisation = make_organisation(name="Alfa Klimaservice AS")
    make_membership(organisation)
    return organisation


@pytest.fixture
def organisation_b(db) -> Organisation:
    organisation = make_organisation(name="Beta Energi AS", public_profile=False)
    make_membership(organisation)
    return organisation


@pytest.fixture
def alice(organisation_a) -> User:
    user = make_user(email="alice@alfa.example.no", first_name="Alice", last_name="Alfa")
    make_contact(user, organisation_a, title="Miljøleder", is_primary=True)
    return user


@pytest.fixture
def bob(organisation_a) -> User:
    user = make_user(email="bob@alfa.example.no", first_name="Bob", last_name="Alfa")
    make_contact(user, organisation_a)
    return user


@pytest.fixture
def charlie(organisation_b) -> User:
    user = make_user(email="charlie@beta.example.no", first_name="Charlie", last_name="Beta")
    make_contact(user, organisation_b)
    return user


@pytest.fixture
def sekretariat(db) -> User:
    return make_secretariat_user(email="sekretariat@fylke.example.no", first_name="Sigrid")


@pytest.fixture
def verified_client(client: Client):
    """Log a user in with a confirmed TOTP device, as if the second factor was given."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(user: User) -> Client:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return login
