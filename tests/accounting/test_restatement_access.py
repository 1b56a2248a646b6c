"""Recalculation, restatement and the base year are for the organisation's contacts and the
secretariat only."""

import pytest
from django.urls import reverse

from klimanett.accounting.models import BaseYear, ClimateAccount
from klimanett.core.models import AuditEntry
from tests.builders import make_account


@pytest.fixture
def account_of_a(organisation_a, newer_factor_set):
    account = make_account(organisation_a, 2023, [("diesel", 10, "l")])
    newer_factor_set({"diesel": 1.1})
    return account


def _pages(account):
    organisation = account.organisation_id
    return [
        reverse("accounting:account_recalculate", args=[account.pk, "NO-2026.1"]),
        reverse("accounting:organisation_restatement", args=[organisation]),
    ]


def _posts(account):
    organisation = account.organisation_id
    return [
        (reverse("accounting:account_recalculate", args=[account.pk, "NO-2026.1"]), {}),
        (
            reverse("accounting:organisation_restatement", args=[organisation]),
            {"version": "NO-2026.1"},
        ),
        (reverse("accounting:base_year_choose", args=[organisation]), {"year": "2023"}),
    ]


def _nothing_changed():
    assert list(ClimateAccount.objects.values_list("factor_set", flat=True)) == ["NO-2025.1"]
    assert not BaseYear.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="climate_account.re").exists()
    assert not AuditEntry.objects.filter(action__startswith="base_year").exists()


def test_contact_of_another_organisation_gets_404_on_every_page_and_post(
    client, charlie, account_of_a
):
    client.force_login(charlie)
    for url in _pages(account_of_a):
        assert client.get(url).status_code == 404, url
    for url, data in _posts(account_of_a):
        assert client.post(url, data).status_code == 404, url
    _nothing_changed()


def test_anonymous_visitor_is_sent_to_login_and_changes_nothing(client, account_of_a):
    for response in [
        *(client.get(url) for url in _pages(account_of_a)),
        *(client.post(url, data) for url, data in _posts(account_of_a)),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))
    _nothing_changed()


def test_the_base_year_is_chosen_by_post_only(client, alice, account_of_a):
    client.force_login(alice)
    url = reverse("accounting:base_year_choose", args=[account_of_a.organisation_id])
    assert client.get(url).status_code == 405


def test_both_contacts_and_the_secretariat_see_the_pages(
    client, alice, bob, sekretariat, verified_client, account_of_a
):
    for user in (alice, bob):
        client.force_login(user)
        for url in _pages(account_of_a):
            assert client.get(url).status_code == 200, url
    secretariat = verified_client(sekretariat)
    for url in _pages(account_of_a):
        assert secretariat.get(url).status_code == 200, url
