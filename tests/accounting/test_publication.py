"""Approved accounts appear on the partner's public profile only when the partner agreed."""

import datetime

import pytest
from django.urls import reverse

from klimanett.accounting.models import AccountLine, ClimateAccount
from tests.builders import make_site_pages


def _approved(organisation, year, *, publish, litres):
    account = ClimateAccount.objects.create(
        organisation=organisation,
        year=year,
        status="approved",
        publish=publish,
        submitted_at=datetime.datetime(year + 1, 2, 1, tzinfo=datetime.UTC),
    )
    AccountLine.objects.create(account=account, activity="diesel", quantity=litres, unit="l")
    return account


@pytest.fixture
def profile_url(organisation_a):
    make_site_pages()
    return f"/partnere/{organisation_a.slug}/"


def test_published_accounts_show_their_totals_on_the_profile(client, organisation_a, profile_url):
    _approved(organisation_a, 2023, publish=True, litres=2000)  # 2 000 l × 2.66 = 5,32 t
    _approved(organisation_a, 2024, publish=True, litres=1000)  # 2,66 t
    page = client.get(profile_url)
    assert [row.year for row in page.context["profile"].results.rows] == [2023, 2024]
    text = page.content.decode()
    assert "5,32" in text and "2,66" in text


def test_accounts_without_consent_or_approval_stay_private(client, organisation_a, profile_url):
    _approved(organisation_a, 2023, publish=False, litres=2000)
    ClimateAccount.objects.create(organisation=organisation_a, year=2024, publish=True)
    page = client.get(profile_url)
    assert page.context["profile"].results is None
    assert "5,32" not in page.content.decode()


def test_the_account_page_shows_its_history(client, alice, organisation_a):
    client.force_login(alice)
    client.post(
        reverse("accounting:account_list", args=[organisation_a.pk]),
        {"year": 2024, "copy_last_year": ""},
    )
    account = ClimateAccount.objects.get()
    history = client.get(account.get_absolute_url()).context["history"]
    assert [(step.what, step.who) for step in history] == [("Startet", "Alice Alfa")]
