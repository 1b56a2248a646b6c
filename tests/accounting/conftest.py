"""Fixtures for climate accounts: newer factor sets imported as the secretariat would."""

from __future__ import annotations

import pytest
from django.conf import settings

from klimanett.accounting import factor_library
from tests.accounting.newer_sets import SHIPPED, scaled_factors_csv


@pytest.fixture
def newer_factor_set(sekretariat):
    """Import NO-2025.1 with the factors of some activities multiplied as a newer set:
    ``newer_factor_set({"diesel": 1.051})`` gives NO-2026.1, `without` leaves activities out."""

    def make(
        scale: dict[str, float],
        *,
        version: str = "NO-2026.1",
        succeeds: str = SHIPPED,
        without: tuple[str, ...] = (),
    ):
        return factor_library.import_factor_set(
            version=version,
            factors_csv=scaled_factors_csv(scale, without=without),
            succeeds=succeeds,
            by=sekretariat,
        )

    return make


@pytest.fixture
def english_client(client):
    """The test client in English, so that tests of messages do not depend on the catalogues."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
