"""The network's key figures on the home page, counted from hand-built data."""

from __future__ import annotations

import datetime

from django.utils import timezone

from klimanett.accounting.models import ClimateAccount
from klimanett.site.key_figures import key_figures
from tests.builders import (
    make_account,
    make_event,
    make_example_page,
    make_membership,
    make_organisation,
    make_site_pages,
)

PUBLISHED = {"status": ClimateAccount.Status.APPROVED, "publish": True}


def test_key_figures_count_only_what_the_public_may_see(db):
    make_site_pages()
    # Active partners: a, b and c (c has two memberships, counted once); not the collaborator,
    # the ended partner or the prospect.
    a, b, c = (make_organisation() for _ in range(3))
    make_membership(a)
    make_membership(b)
    make_membership(c)
    make_membership(c, status="ended", agreement_date=datetime.date(2015, 1, 1))
    make_membership(make_organisation(), type="collaborator")
    make_membership(make_organisation(), status="ended")
    make_membership(make_organisation(), status="prospect", agreement_date=None)
    # Published accounts of the latest year (2025): a and b; c's is approved but not published,
    # and 2024 is an older year.
    make_account(a, 2025, [], **PUBLISHED)
    make_account(b, 2025, [], **PUBLISHED)
    make_account(c, 2025, [], status=ClimateAccount.Status.APPROVED, publish=False)
    make_account(a, 2024, [], **PUBLISHED)
    make_account(b, 2026, [], status=ClimateAccount.Status.SUBMITTED, publish=True)
    # A published account of an organisation without a public profile is not counted: visitors
    # cannot open it.
    hidden = make_organisation(public_profile=False)
    make_membership(hidden)
    make_account(hidden, 2025, [], **PUBLISHED)
    # Good examples: two live, one draft.
    make_example_page()
    make_example_page()
    make_example_page(live=False)
    # Upcoming events: two published ahead; not the draft, the cancelled or the past one.
    make_event()
    make_event(
        starts_at=timezone.now() + datetime.timedelta(days=60),
        ends_at=timezone.now() + datetime.timedelta(days=60, hours=2),
    )
    make_event(status="draft")
    make_event(status="cancelled")
    make_event(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
    )

    figures = key_figures()

    assert figures.active_partners == 4  # a, b, c and the one without a public profile
    assert figures.accounts_year == 2025
    assert figures.published_accounts == 2
    assert figures.examples == 2
    assert figures.upcoming_events == 2


def test_key_figures_of_an_empty_network_are_zero_without_a_year(db):
    figures = key_figures()
    assert (figures.active_partners, figures.published_accounts, figures.accounts_year) == (
        0,
        0,
        None,
    )


def test_home_page_shows_the_key_figures(client, db):
    make_site_pages()
    partner = make_organisation()
    make_membership(partner)
    make_account(partner, 2025, [], **PUBLISHED)
    page = client.get("/").content.decode()
    figures = page.split('id="key-figures-heading"')[1].split("</section>")[0]
    assert "2025" in figures
    assert '<dd class="kn-key-figure__value">1</dd>' in figures
