"""The scorecard page in the partner area: for the organisation's contacts and the secretariat."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans.models import Target
from klimanett.climateplans.services import create_target
from klimanett.partners.models import Commitment, CommitmentStatus
from tests.builders import make_account

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def url_of(organisation, **params):
    url = reverse("climateplans:scorecard", args=[organisation.pk])
    return f"{url}?year={params['year']}" if "year" in params else url


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_contacts_of_the_organisation_see_its_scorecard(english, organisation_a, request, user):
    english.force_login(request.getfixturevalue(user))
    make_account(
        organisation_a, LAST_YEAR, [("diesel", 100, "l")], status=ClimateAccount.Status.SUBMITTED
    )

    response = english.get(url_of(organisation_a))

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Scorecard for {LAST_YEAR}" in page
    assert response.context["year"] == LAST_YEAR
    rows = {row.item.key: row for row in response.context["rows"]}
    assert list(rows) == [
        "account",
        "target",
        "on_track",
        "action_plan",
        "certification",
        "meetings",
        "self_assessment",
    ]
    assert rows["account"].item.mark == "yes"
    assert f"The climate account for {LAST_YEAR} is submitted and awaits approval." in page
    assert "was checked in at the network" in page
    commitments = reverse("partners:commitments_edit", args=[organisation_a.pk, LAST_YEAR])
    assert f'href="{commitments}"' in page
    assert f'href="{reverse("accounting:account_list", args=[organisation_a.pk])}"' in page
    assert f'href="{reverse("climateplans:target_list", args=[organisation_a.pk])}"' in page
    assert f'href="{reverse("climateplans:action_plan", args=[organisation_a.pk])}"' in page
    assert '<th scope="row">' in page


def test_secretariat_sees_any_partners_scorecard(verified_client, sekretariat, organisation_b):
    client = verified_client(sekretariat)

    assert client.get(url_of(organisation_b)).status_code == 200


def test_contact_of_another_organisation_gets_404(client, charlie, organisation_a):
    client.force_login(charlie)

    assert client.get(url_of(organisation_a)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, organisation_a):
    response = client.get(url_of(organisation_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_the_year_can_be_chosen_among_the_reporting_years(english, alice, organisation_a):
    english.force_login(alice)
    CommitmentStatus.objects.create(
        organisation=organisation_a,
        commitment=Commitment.objects.first(),
        year=2023,
        status="done",
    )

    chosen = english.get(url_of(organisation_a, year=2023))
    assert chosen.context["year"] == 2023
    assert chosen.context["card"].commitments_reported == 1
    # Before the agreement (2022): the default year instead.
    assert english.get(url_of(organisation_a, year=2010)).context["year"] == LAST_YEAR
    assert english.get(url_of(organisation_a, year="x")).context["year"] == LAST_YEAR


def test_the_active_targets_are_listed_with_their_progress(english, alice, organisation_a):
    english.force_login(alice)
    for year, litres in ((2022, 1000), (2024, 700)):
        make_account(organisation_a, year, [("diesel", litres, "l")], status="approved")
    target = create_target(
        organisation=organisation_a,
        title="Halvere direkte utslipp",
        kind=Target.Kind.EMISSIONS,
        metric=Target.Metric.ABSOLUTE,
        # scopes 1 and 2 (diesel only, so the direct emissions): a target of scope 1 alone is
        # not judged against the 1.5 °C pace
        scopes=Target.Scopes.SCOPES_1_2,
        base_year=2022,
        target_year=2030,
        reduction_percent=Decimal(50),
        target_share_percent=None,
        by=alice,
    )

    response = english.get(url_of(organisation_a, year=2024))

    page = response.content.decode()
    assert f'href="{reverse("climateplans:target_detail", args=[target.pk])}"' in page
    [row] = response.context["target_rows"]
    assert (row.aligned, row.progress.label) == ("Yes", "On track")
    assert "On track" in page


def test_the_organisation_page_links_to_the_scorecard(english, alice, organisation_a):
    english.force_login(alice)

    page = english.get(organisation_a.get_absolute_url()).content.decode()

    assert f'href="{url_of(organisation_a)}"' in page
