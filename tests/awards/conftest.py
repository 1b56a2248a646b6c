"""The award tests read messages in English, so they do not depend on the catalogues."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from klimanett.partners.models import Organisation
from tests.builders import make_membership, make_organisation


@pytest.fixture(autouse=True)
def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def organisation_b(db) -> Organisation:
    """Beta Energi AS, with a public profile here: only members the public can see may be
    nominated (the winner is shown on the site)."""
    organisation = make_organisation(name="Beta Energi AS")
    make_membership(organisation)
    return organisation
