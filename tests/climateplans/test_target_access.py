"""An organisation's targets are seen and changed only by its contacts and the secretariat:
anyone else gets 404 on every page and every step, and a visitor is sent to log in."""

from decimal import Decimal

import pytest
from django.urls import reverse

from klimanett.climateplans.models import Target
from klimanett.core.models import AuditEntry
from tests.builders import make_account, make_target


@pytest.fixture
def target_of_a(organisation_a):
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="approved")
    return make_target(
        organisation_a, scopes="1", base_year=2020, base_value=26_600.0, reduction_percent=50
    )


def _get_urls(target):
    organisation = target.organisation_id
    return [
        reverse("climateplans:target_list", args=[organisation]),
        reverse("climateplans:target_create", args=[organisation]),
        reverse("climateplans:target_detail", args=[target.pk]),
        reverse("climateplans:target_edit", args=[target.pk]),
    ]


def _posts(target):
    """Every step that writes, with valid terms: (url, data)."""
    organisation = target.organisation_id
    terms = {
        "title": "Et annet mål",
        "kind": "emissions",
        "metric": "absolute",
        "scopes": "1",
        "base_year": "2020",
        "target_year": "2030",
        "reduction_percent": "70",
    }
    return [
        (reverse("climateplans:target_create", args=[organisation]), terms),
        (reverse("climateplans:target_edit", args=[target.pk]), terms),
        (reverse("climateplans:target_withdraw", args=[target.pk]), {}),
        (reverse("climateplans:standard_commitment", args=[organisation]), {}),
    ]


def test_contact_of_another_organisation_gets_404_on_every_page_and_step(
    client, charlie, target_of_a
):
    client.force_login(charlie)
    for url in _get_urls(target_of_a):
        assert client.get(url).status_code == 404, url
    for url, data in _posts(target_of_a):
        assert client.post(url, data).status_code == 404, url

    target_of_a.refresh_from_db()
    assert target_of_a.title == "Halvere utslippene innen 2030"
    assert target_of_a.status == Target.Status.ACTIVE
    assert Target.objects.count() == 1
    assert not AuditEntry.objects.filter(action__startswith="target.").exists()


def test_anonymous_visitor_is_sent_to_login(client, target_of_a):
    login = reverse("core:login")
    for url in _get_urls(target_of_a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login)
    for url, data in _posts(target_of_a):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login)
    assert Target.objects.count() == 1
    assert not AuditEntry.objects.filter(action__startswith="target.").exists()


def test_both_contacts_and_the_secretariat_see_the_targets(
    client, alice, bob, sekretariat, verified_client, target_of_a
):
    for user in (alice, bob):
        client.force_login(user)
        for url in _get_urls(target_of_a):
            assert client.get(url).status_code == 200, url
    secretariat = verified_client(sekretariat)
    for url in _get_urls(target_of_a):
        assert secretariat.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["alice", "bob", "sekretariat"])
def test_contacts_and_the_secretariat_may_take_every_step(
    request, client, verified_client, persona, target_of_a
):
    user = request.getfixturevalue(persona)
    if persona == "sekretariat":
        client = verified_client(user)
    else:
        client.force_login(user)
    for url, data in _posts(target_of_a):
        assert client.post(url, data).status_code == 302, url

    # a new target, the change, the withdrawal and the standard commitment, each audited
    assert Target.objects.count() == 3
    target_of_a.refresh_from_db()
    assert target_of_a.status == Target.Status.WITHDRAWN
    assert target_of_a.reduction_percent == Decimal(70)
    actions = AuditEntry.objects.filter(actor=user).values_list("action", flat=True)
    assert sorted(actions) == [
        "target.created",
        "target.created",
        "target.updated",
        "target.withdrawn",
    ]
