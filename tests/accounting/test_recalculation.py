"""An account keeps its factor set; recalculating with a newer set is an explicit, audited step
that shows the difference first."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from klimanett.accounting import services
from klimanett.accounting.models import BaseYear, ClimateAccount
from klimanett.core.models import AuditEntry
from tests.builders import make_account

# NO-2025.1 for 2023: diesel 2.66 kg/l; electricity 0.015 kg/kWh location-based, 0.402
# market-based. The newer set NO-2026.1 has diesel × 1.1 = 2.926 and electricity × 2.
LINES = [("diesel", 1000, "l"), ("electricity", 10_000, "kWh")]
NEWER = {"diesel": 1.1, "electricity": 2.0}


def _url(account, version="NO-2026.1"):
    return reverse("accounting:account_recalculate", args=[account.pk, version])


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def account(organisation_a):
    return make_account(organisation_a, 2023, LINES)


def test_the_page_shows_each_line_and_the_totals_old_and_new(
    english_client, alice, account, newer_factor_set
):
    newer_factor_set(NEWER)
    english_client.force_login(alice)

    response = english_client.get(_url(account))

    recalculation = response.context["recalculation"]
    # old: 1 000 × 2.66 + 10 000 × 0.015 = 2 660 + 150 = 2 810 location-based,
    #      2 660 + 10 000 × 0.402 = 6 680 market-based
    assert recalculation.old_totals.total_location_kg == pytest.approx(2810)
    assert recalculation.old_totals.total_market_kg == pytest.approx(6680)
    # new: 1 000 × 2.926 + 10 000 × 0.03 = 2 926 + 300 = 3 226; 2 926 + 10 000 × 0.804 = 10 966
    assert recalculation.new_totals.total_location_kg == pytest.approx(3226)
    assert recalculation.new_totals.total_market_kg == pytest.approx(10_966)
    assert recalculation.new_totals.scope1_kg == pytest.approx(2926)
    # all of the difference is the factor effect: 416 and 4 286
    assert recalculation.split.location.factor_kg == pytest.approx(416)
    assert recalculation.split.market.factor_kg == pytest.approx(4286)
    assert recalculation.split.location.activity_kg == 0
    diesel = recalculation.lines[0]
    assert (diesel.old.location_factor.value, diesel.new.location_factor.value) == pytest.approx(
        (2.66, 2.926)
    )
    text = response.content.decode()
    assert "2.81" in text and "3.23" in text and "10.97" in text
    assert "+0.42" in text  # the factor effect in tonnes
    assert "Recalculate with NO-2026.1" in text
    account.refresh_from_db()
    assert account.factor_set == "NO-2025.1"  # looking changes nothing


def test_the_account_page_offers_a_newer_set_only_when_there_is_one(
    english_client, alice, account, newer_factor_set
):
    english_client.force_login(alice)
    assert _url(account) not in english_client.get(account.get_absolute_url()).content.decode()
    newer_factor_set(NEWER)
    assert _url(account) in english_client.get(account.get_absolute_url()).content.decode()


def test_confirming_switches_the_set_and_audits_the_old_and_new_totals(
    english_client, alice, account, newer_factor_set
):
    newer_factor_set(NEWER)
    english_client.force_login(alice)

    response = english_client.post(_url(account))

    assert response["Location"] == account.get_absolute_url()
    account.refresh_from_db()
    assert account.factor_set == "NO-2026.1"
    assert account.status == ClimateAccount.Status.DRAFT
    entry = AuditEntry.objects.get(action="climate_account.recalculated")
    assert entry.actor == alice
    assert (entry.data["from"], entry.data["to"]) == ("NO-2025.1", "NO-2026.1")
    assert entry.data["old_totals"]["total_location_kg"] == pytest.approx(2810)
    assert entry.data["new_totals"]["total_location_kg"] == pytest.approx(3226)
    assert entry.data["new_totals"]["scope2_market_kg"] == pytest.approx(8040)
    page = english_client.get(account.get_absolute_url())
    assert page.context["result"].totals.total_location_kg == pytest.approx(3226)
    assert "Recalculated with a newer emission factor set" in page.content.decode()


def test_an_approved_past_year_is_restated_and_keeps_its_approval(
    verified_client, sekretariat, organisation_a, newer_factor_set
):
    approved = make_account(organisation_a, 2022, LINES, status=ClimateAccount.Status.APPROVED)
    newer_factor_set(NEWER)
    client = verified_client(sekretariat)

    client.post(_url(approved))

    approved.refresh_from_db()
    assert approved.factor_set == "NO-2026.1"
    assert approved.status == ClimateAccount.Status.APPROVED
    entry = AuditEntry.objects.get(action="climate_account.restated")
    assert entry.actor == sekretariat
    assert entry.data["status"] == "approved"


@pytest.mark.parametrize("version", ["NO-2025.1", "NO-1999.1"])
def test_a_version_that_is_not_newer_changes_nothing_and_says_so(
    english_client, alice, account, newer_factor_set, version
):
    newer_factor_set(NEWER)
    english_client.force_login(alice)
    for response in (
        english_client.get(_url(account, version)),
        english_client.post(_url(account, version)),
    ):
        assert response["Location"] == account.get_absolute_url()
        assert set(_messages(response)) == {
            f"{version} is not a newer emission factor set than NO-2025.1. Nothing was changed."
        }
    account.refresh_from_db()
    assert account.factor_set == "NO-2025.1"
    assert not AuditEntry.objects.filter(action__startswith="climate_account.re").exists()


def test_an_older_set_is_not_newer_for_an_account_already_recalculated(
    alice, account, newer_factor_set
):
    newer_factor_set(NEWER)
    services.recalculate_account(account=account, version="NO-2026.1", by=alice)
    with pytest.raises(services.restatement.NotNewerVersion):
        services.recalculate_account(account=account, version="NO-2025.1", by=alice)
    account.refresh_from_db()
    assert account.factor_set == "NO-2026.1"


def test_a_newer_set_without_one_of_the_activities_changes_nothing(
    english_client, alice, account, newer_factor_set
):
    newer_factor_set({}, without=("diesel",))
    english_client.force_login(alice)

    response = english_client.post(_url(account))

    assert _messages(response) == [
        "These activities cannot be calculated with NO-2026.1: diesel (l). Nothing was changed."
    ]
    account.refresh_from_db()
    assert account.factor_set == "NO-2025.1"


def test_recalculating_the_base_year_records_it_anew(alice, account, newer_factor_set):
    account.status = ClimateAccount.Status.SUBMITTED  # a base year is submitted or approved
    account.submitted_at = timezone.now()
    account.save()
    services.choose_base_year(organisation=account.organisation, year=2023, by=alice)
    newer_factor_set(NEWER)

    services.recalculate_account(account=account, version="NO-2026.1", by=alice)

    base_year = BaseYear.objects.get()
    assert base_year.factor_set == "NO-2026.1"
    assert base_year.total_location_kg == pytest.approx(3226)
    assert base_year.total_market_kg == pytest.approx(10_966)
    assert AuditEntry.objects.filter(action="base_year.recalculated").count() == 1
