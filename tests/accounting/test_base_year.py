"""The partner chooses a base year; when lines or a newer factor set move it by more than 5 %
it is flagged for recalculation, on the partner's pages and for the secretariat."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klimanett.accounting import services
from klimanett.accounting.models import AccountLine, BaseYear
from klimanett.accounting.restatement import base_year_status, flagged_base_years
from klimanett.core.models import AuditEntry
from tests.builders import make_account, make_organisation

BASE_YEARS = reverse("climate_accounts_base_years")


def _choose(organisation_pk):
    return reverse("accounting:base_year_choose", args=[organisation_pk])


def _restatement(organisation_pk):
    return reverse("accounting:organisation_restatement", args=[organisation_pk])


@pytest.fixture
def base_2022(organisation_a):
    """2022, approved: 1 000 l diesel × 2.66 kg/l = 2 660 kg CO2e with NO-2025.1, location and
    market."""
    return make_account(organisation_a, 2022, [("diesel", 1000, "l")], status="approved")


def test_the_partner_chooses_a_base_year_and_it_is_recorded_and_audited(
    english_client, alice, organisation_a, base_2022
):
    make_account(organisation_a, 2023, [("diesel", 900, "l")], status="submitted")
    make_account(organisation_a, 2024, [("diesel", 800, "l")])
    english_client.force_login(alice)
    listing = reverse("accounting:account_list", args=[organisation_a.pk])
    # the 2024 draft's figures may still change: it is not offered
    assert [c[0] for c in listing_choices(english_client, listing)] == [2023, 2022]

    response = english_client.post(_choose(organisation_a.pk), {"year": "2022"})

    assert response["Location"] == listing
    base_year = BaseYear.objects.get(organisation=organisation_a)
    assert base_year.account == base_2022
    assert base_year.factor_set == "NO-2025.1"
    assert base_year.total_location_kg == pytest.approx(2660)
    assert base_year.total_market_kg == pytest.approx(2660)
    assert base_year.positions == [
        {
            "activity": "diesel",
            "unit": "l",
            "scope": 1,
            "quantity": 1000.0,
            "kg_per_unit_location": 2.66,
            "kg_per_unit_market": 2.66,
        }
    ]
    entry = AuditEntry.objects.get(action="base_year.chosen")
    assert (entry.actor, entry.object_id) == (alice, str(organisation_a.pk))
    assert entry.data["year"] == 2022
    page = english_client.get(listing).content.decode()
    assert "Base year: <strong>2022</strong>, recorded with 2.66 t CO2e location-based" in page
    assert "should be recalculated" not in page


def listing_choices(client, url):
    return client.get(url).context["base_year_form"].fields["year"].choices


def test_a_base_year_without_an_account_is_refused_with_a_clear_message(
    english_client, alice, organisation_a, base_2022
):
    english_client.force_login(alice)

    response = english_client.post(_choose(organisation_a.pk), {"year": "2019"})

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        "There is no submitted or approved climate account for that year. "
        "Choose one of the years whose account is submitted or approved."
    ]
    assert not BaseYear.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="base_year").exists()
    with pytest.raises(services.NoAccountForYear):
        services.choose_base_year(organisation=organisation_a, year=2019, by=alice)
    assert not BaseYear.objects.exists()


@pytest.mark.parametrize(
    ("diesel_scale", "flagged"),
    [
        # 1 000 l × 2.66 × 1.049 = 2 790.34 kg: +4.9 % from the recorded 2 660
        (1.049, False),
        # 1 000 l × 2.66 × 1.051 = 2 795.66 kg: +5.1 %
        (1.051, True),
        (0.951, False),  # 2 529.66 kg: −4.9 %
        (0.949, True),  # 2 524.34 kg: −5.1 %
    ],
)
def test_a_newer_set_flags_the_base_year_when_it_moves_it_by_more_than_five_percent(
    alice, organisation_a, base_2022, newer_factor_set, diesel_scale, flagged
):
    services.choose_base_year(organisation=organisation_a, year=2022, by=alice)
    newer_factor_set({"diesel": diesel_scale})

    status = base_year_status(organisation_a)

    assert status.drift.location.new_kg == pytest.approx(2660 * diesel_scale)
    assert status.flagged is flagged
    assert status.newer_set is True
    assert status.lines_changed is False
    assert status.drift.location.factor_kg == pytest.approx(2660 * (diesel_scale - 1))


@pytest.mark.parametrize(
    ("petrol_l", "flagged"),
    [
        (56, False),  # 56 l × 2.32 kg/l = 129.92 kg: +4.88 % of 2 660
        (60, True),  # 60 l × 2.32 = 139.2 kg: +5.23 %
    ],
)
def test_lines_added_to_the_base_year_flag_it_beyond_five_percent(
    alice, organisation_a, base_2022, petrol_l, flagged
):
    services.choose_base_year(organisation=organisation_a, year=2022, by=alice)
    AccountLine.objects.create(account=base_2022, activity="petrol", quantity=petrol_l, unit="l")

    status = base_year_status(organisation_a)

    assert status.flagged is flagged
    assert status.lines_changed is True
    assert status.newer_set is False
    assert status.drift.location.boundary_kg == pytest.approx(petrol_l * 2.32)


def test_the_flag_is_explained_with_its_split_and_links_to_the_restatement(
    english_client, alice, organisation_a, base_2022, newer_factor_set
):
    services.choose_base_year(organisation=organisation_a, year=2022, by=alice)
    AccountLine.objects.create(account=base_2022, activity="petrol", quantity=100, unit="l")
    newer_factor_set({"diesel": 1.1})
    english_client.force_login(alice)

    for url in (
        reverse("accounting:account_list", args=[organisation_a.pk]),
        base_2022.get_absolute_url(),
    ):
        page = english_client.get(url).content.decode()
        assert "The base year should be recalculated." in page
        # now: 1 000 × 2.926 + 100 × 2.32 = 2 926 + 232 = 3 158 kg, +18.7 % from 2 660
        assert "2022 has 3.16 t CO2e location-based (+18.7 % from the recorded total)" in page
        assert "and there is a newer emission factor set" in page
        # 232 kg from the petrol added, 0 from quantities, 266 from diesel's new factor
        assert (
            "+0.23 t from activities added or removed, 0.00 t from changed quantities and "
            "+0.27 t from new emission factors"
        ) in page
        assert f'href="{_restatement(organisation_a.pk)}"' in page


def test_the_account_page_shows_the_change_from_the_base_year_split(
    english_client, alice, organisation_a, base_2022, newer_factor_set
):
    services.choose_base_year(organisation=organisation_a, year=2022, by=alice)
    newer_factor_set({"diesel": 1.1})
    account = make_account(
        organisation_a, 2023, [("diesel", 800, "l"), ("taxi", 500, "pkm")], factor_set="NO-2026.1"
    )
    english_client.force_login(alice)

    response = english_client.get(account.get_absolute_url())

    location = response.context["against_base_year"].split.location
    # 2023: 800 × 2.926 + 500 × 0.14861 = 2 340.8 + 74.305 = 2 415.105; 2022 recorded 2 660
    assert location.change.absolute_kg == pytest.approx(-244.895)
    assert location.activity_kg == pytest.approx(-532)  # (800 − 1 000) × 2.66
    assert location.factor_kg == pytest.approx(212.8)  # (2.926 − 2.66) × 800
    assert location.boundary_kg == pytest.approx(74.305)  # the taxi
    page = response.content.decode()
    assert "Change from the base year 2022" in page
    assert "-0.24 t" not in page  # shown as a change with its percentage
    assert "-0.24 (-9.2 %)" in page
    assert "-0.53" in page and "+0.21" in page and "+0.07" in page


def test_the_base_year_page_itself_says_so(english_client, alice, organisation_a, base_2022):
    services.choose_base_year(organisation=organisation_a, year=2022, by=alice)
    english_client.force_login(alice)
    response = english_client.get(base_2022.get_absolute_url())
    assert response.context["against_base_year"].split is None
    assert "This is the base year." in response.content.decode()


# --- The secretariat's list --------------------------------------------------------------


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_secretariat_sees_the_organisations_whose_base_year_is_flagged(
    admin_client, alice, charlie, organisation_a, organisation_b, base_2022, newer_factor_set
):
    services.choose_base_year(organisation=organisation_a, year=2022, by=alice)
    make_account(organisation_b, 2022, [("electricity", 10_000, "kWh")], status="submitted")
    services.choose_base_year(organisation=organisation_b, year=2022, by=charlie)
    newer_factor_set({"diesel": 1.1})  # moves A's base year by +10 %, not B's

    response = admin_client.get(BASE_YEARS)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Alfa Klimaservice AS" in page and "Beta Energi AS" not in page
    assert f'href="{_restatement(organisation_a.pk)}"' in page
    assert "2.66 t with NO-2025.1" in page
    assert "2.93 t with NO-2026.1 (+10.0 %)" in page
    assert "newer emission factor set" in page
    assert "1 organisation&#x27;s base year moved by more than 5 %" in page


def test_partners_and_anonymous_cannot_reach_the_secretariats_list(client, alice):
    urls = (BASE_YEARS, reverse("climate_accounts_base_years_results"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))
    alice.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(alice)
    for url in urls:
        # Wagtail turns the refusal into a redirect to the dashboard with an error message.
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))


def test_the_flagged_list_takes_the_same_queries_however_many_base_years(
    alice, organisation_a, newer_factor_set
):
    def base_year_of_a_new_organisation(year):
        organisation = make_organisation()
        make_account(
            organisation, year, [("diesel", 1000, "l"), ("petrol", 100, "l")], status="approved"
        )
        services.choose_base_year(organisation=organisation, year=year, by=alice)

    base_year_of_a_new_organisation(2022)
    newer_factor_set({"diesel": 1.1})
    flagged_base_years()  # reads the imported set once
    with CaptureQueriesContext(connection) as one:
        assert len(flagged_base_years()) == 1
    for year in (2020, 2021, 2023):
        base_year_of_a_new_organisation(year)
    with CaptureQueriesContext(connection) as four:
        assert len(flagged_base_years()) == 4
    assert len(four.captured_queries) == len(one.captured_queries)
