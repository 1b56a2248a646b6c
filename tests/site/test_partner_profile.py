"""The full public partner profile and the partner results block: only what the partner
publishes, with a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klimanett.climateplans.models import ActionPlan, Measure, Target
from klimanett.site.blocks import PartnerResultsBlock
from tests.builders import (
    make_account,
    make_example_page,
    make_membership,
    make_organisation,
    make_site_pages,
    make_target,
)


@pytest.fixture
def profile_url(organisation_a):
    make_site_pages()
    return f"/partnere/{organisation_a.slug}/"


def _approved(organisation, year, litres, *, publish=True):
    return make_account(
        organisation, year, [("diesel", litres, "l")], status="approved", publish=publish
    )


def _plan(organisation, *, publish_done_measures=True):
    return ActionPlan.objects.create(
        organisation=organisation, publish_done_measures=publish_done_measures
    )


def _measure(plan, title, *, status=Measure.Status.DONE, reduction="1.5"):
    return Measure.objects.create(
        plan=plan,
        title=title,
        category=Measure.Category.TRANSPORT,
        expected_reduction_t=Decimal(reduction),
        start_year=2023,
        status=status,
    )


def _get(client, url):
    cache.clear()  # the public page cache must not answer
    return client.get(url)


def test_profile_shows_the_published_trend_as_a_chart_and_a_table(
    client, organisation_a, profile_url
):
    _approved(organisation_a, 2022, 2000)  # 2 000 l × 2.66 kg/l = 5,32 t
    _approved(organisation_a, 2023, 1000)  # 2,66 t: −50,0 %

    page = _get(client, profile_url).content.decode()

    assert '<svg class="kn-chart__svg"' in page
    assert '<title id="results-title">' in page
    assert "5,32" in page and "2,66" in page
    assert "-50,0 %" in page


def test_profile_shows_published_targets_with_their_progress(client, organisation_a, profile_url):
    _approved(organisation_a, 2020, 1000)  # 2 660 kg
    _approved(organisation_a, 2023, 500)  # 1 330 kg, below the path to 1 330 kg in 2030
    make_target(organisation_a, title="Halvere utslippene", base_value=2660.0, publish=True)

    response = _get(client, profile_url)

    [item] = response.context["profile"].targets
    assert item.on_track is True
    assert item.latest.year == 2023
    page = response.content.decode()
    assert "Halvere utslippene" in page
    assert "2,66" in page  # base value in tonnes
    assert "1,33" in page  # latest value and target value


def test_profile_shows_done_measures_of_a_published_plan_with_their_reduction(
    client, organisation_a, profile_url
):
    plan = _plan(organisation_a)
    _measure(plan, "Elektriske varebiler", reduction="2.5")
    _measure(plan, "Varmepumpe", reduction="1.0")
    _measure(plan, "Solceller på taket", status=Measure.Status.PLANNED)

    response = _get(client, profile_url)

    assert [m.title for m in response.context["profile"].done_measures] == [
        "Elektriske varebiler",
        "Varmepumpe",
    ]
    assert response.context["profile"].done_reduction_t == Decimal("3.5")
    page = response.content.decode()
    assert "Elektriske varebiler" in page
    assert "Solceller på taket" not in page
    assert "3,5" in page


def test_profile_shows_live_good_examples_about_the_partner(client, organisation_a, profile_url):
    make_example_page(title="Sykkel til jobben", organisations=[organisation_a])
    make_example_page(title="Utkast om oss", organisations=[organisation_a], live=False)
    make_example_page(title="Om noen andre", organisations=[make_organisation()])

    page = _get(client, profile_url).content.decode()

    assert "Sykkel til jobben" in page
    assert "Utkast om oss" not in page
    assert "Om noen andre" not in page


# --- Never what is not published -------------------------------------------------------------


def test_profile_never_shows_unpublished_or_unapproved_accounts(
    client, organisation_a, profile_url
):
    _approved(organisation_a, 2022, 2000, publish=False)  # 5,32 t
    make_account(organisation_a, 2023, [("diesel", 3000, "l")], status="submitted", publish=True)

    response = _get(client, profile_url)

    assert response.context["profile"].results is None
    page = response.content.decode()
    assert "5,32" not in page and "7,98" not in page


def test_profile_never_shows_unpublished_or_withdrawn_targets(client, organisation_a, profile_url):
    _approved(organisation_a, 2020, 1000)
    make_target(organisation_a, title="Hemmelig mål", base_value=2660.0)
    make_target(
        organisation_a,
        title="Trukket mål",
        base_value=2660.0,
        publish=True,
        status=Target.Status.WITHDRAWN,
    )

    response = _get(client, profile_url)

    assert response.context["profile"].targets == []
    page = response.content.decode()
    assert "Hemmelig mål" not in page and "Trukket mål" not in page


def test_a_published_target_is_measured_against_published_accounts_only(
    client, organisation_a, profile_url
):
    _approved(organisation_a, 2020, 1000)
    _approved(organisation_a, 2023, 400, publish=False)  # 1 064 kg: private
    make_target(organisation_a, base_value=2660.0, publish=True)

    response = _get(client, profile_url)

    [item] = response.context["profile"].targets
    assert item.latest is None and item.on_track is None
    assert "1,06" not in response.content.decode()


def test_profile_never_shows_measures_of_an_unpublished_plan(client, organisation_a, profile_url):
    _measure(_plan(organisation_a, publish_done_measures=False), "Hemmelig tiltak")

    response = _get(client, profile_url)

    assert response.context["profile"].done_measures == []
    assert "Hemmelig tiltak" not in response.content.decode()


def test_organisation_without_public_profile_has_no_profile_page(client, db):
    make_site_pages()
    hidden = make_organisation(public_profile=False)
    make_membership(hidden)
    assert _get(client, f"/partnere/{hidden.slug}/").status_code == 404


@pytest.mark.parametrize("status", ["ended", "prospect"])
def test_organisation_without_active_membership_has_no_profile_page(client, db, status):
    make_site_pages()
    organisation = make_organisation()
    make_membership(
        organisation, status=status, **({"agreement_date": None} if status == "prospect" else {})
    )
    assert _get(client, f"/partnere/{organisation.slug}/").status_code == 404


# --- Queries -------------------------------------------------------------------------------


def test_profile_needs_the_same_number_of_queries_for_many_years_targets_and_measures(
    client, organisation_a, profile_url
):
    plan = _plan(organisation_a)
    _approved(organisation_a, 2020, 1000)
    make_target(organisation_a, base_value=2660.0, publish=True)
    _measure(plan, "Tiltak 0")
    make_example_page(title="Eksempel 0", organisations=[organisation_a])
    _get(client, profile_url)  # the first request of all reads the site and its root paths
    with CaptureQueriesContext(connection) as few:
        assert "Tiltak 0" in _get(client, profile_url).content.decode()

    for year in range(2021, 2025):
        _approved(organisation_a, year, 1000 - 100 * (year - 2020))
    for n in range(1, 5):
        make_target(organisation_a, title=f"Mål {n}", base_value=2660.0, publish=True)
        _measure(plan, f"Tiltak {n}")
        make_example_page(title=f"Eksempel {n}", organisations=[organisation_a])

    with CaptureQueriesContext(connection) as many:
        page = _get(client, profile_url).content.decode()
    assert "Tiltak 4" in page and "Mål 4" in page and "Eksempel 4" in page and "2024" in page
    assert len(many) <= len(few)


def test_profile_stays_within_a_fixed_number_of_queries(
    client, organisation_a, profile_url, django_assert_max_num_queries
):
    plan = _plan(organisation_a)
    for year in range(2019, 2025):
        _approved(organisation_a, year, 1000 - 50 * (year - 2019))
    for n in range(6):
        make_target(organisation_a, title=f"Mål {n}", base_value=2660.0, publish=True)
        _measure(plan, f"Tiltak {n}")
    _get(client, profile_url)
    cache.clear()
    with django_assert_max_num_queries(25):
        client.get(profile_url)


# --- The partner results block -------------------------------------------------------------


def _render_block(organisation) -> str:
    block = PartnerResultsBlock()
    value = block.to_python({"organisation": organisation.pk})
    return block.render(value, context={})


def test_results_block_shows_the_same_chart_and_table_as_the_profile(organisation_a):
    _approved(organisation_a, 2022, 2000)
    _approved(organisation_a, 2023, 1000)

    html = _render_block(organisation_a)

    assert f'id="partner-results-{organisation_a.pk}-title"' in html
    assert "Alfa Klimaservice AS" in html
    assert "5,32" in html and "-50,0 %" in html


def test_results_block_renders_nothing_without_published_results(organisation_a):
    _approved(organisation_a, 2022, 2000, publish=False)
    assert _render_block(organisation_a).strip() == ""


def test_results_block_renders_nothing_for_an_organisation_outside_the_directory(db):
    hidden = make_organisation(public_profile=False)
    make_membership(hidden)
    _approved(hidden, 2022, 2000)
    assert _render_block(hidden).strip() == ""
