"""A climate account is seen and changed only by its organisation's contacts and the secretariat."""

import pytest
from django.urls import reverse

from klimanett.accounting.models import AccountLine, ClimateAccount


@pytest.fixture
def account_of_a(organisation_a):
    account = ClimateAccount.objects.create(organisation=organisation_a, year=2023)
    AccountLine.objects.create(account=account, activity="diesel", quantity=10, unit="l")
    return account


def _get_urls(account):
    return [
        reverse("accounting:account_detail", args=[account.pk]),
        reverse("accounting:account_edit", args=[account.pk]),
        reverse("accounting:account_list", args=[account.organisation_id]),
        reverse("accounting:account_export", args=[account.pk, "pdf"]),
        reverse("accounting:account_export_vsme", args=[account.pk, "xlsx"]),
        reverse("accounting:account_import_template", args=[account.pk]),
    ]


def test_contact_of_another_organisation_gets_404_everywhere(client, charlie, account_of_a):
    client.force_login(charlie)
    for url in _get_urls(account_of_a):
        assert client.get(url).status_code == 404, url
    for name in ("account_submit", "account_edit"):
        assert client.post(reverse(f"accounting:{name}", args=[account_of_a.pk])).status_code == 404
    start = reverse("accounting:account_list", args=[account_of_a.organisation_id])
    assert client.post(start, {"year": 2024}).status_code == 404
    account_of_a.refresh_from_db()
    assert account_of_a.status == "draft"
    assert ClimateAccount.objects.count() == 1


def test_anonymous_visitor_is_sent_to_login(client, account_of_a):
    for url in _get_urls(account_of_a):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))


def test_both_contacts_and_the_secretariat_see_the_account(
    client, alice, bob, sekretariat, verified_client, account_of_a
):
    for user in (alice, bob):
        client.force_login(user)
        for url in _get_urls(account_of_a):
            assert client.get(url).status_code == 200, url
    secretariat = verified_client(sekretariat)
    for url in _get_urls(account_of_a):
        assert secretariat.get(url).status_code == 200, url
