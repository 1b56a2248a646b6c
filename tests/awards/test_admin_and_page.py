"""The secretariat's back office for the award, and the public award page: the criteria, the
current round's state, and the published winners only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from klimanett.awards import services
from klimanett.awards.models import AwardRound, Score
from klimanett.core.models import AuditEntry
from klimanett.site.models import AwardPage, HomePage
from tests.builders import make_award_round, make_juror, make_nomination, make_site_pages

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def admin_client(verified_client, sekretariat):
    return verified_client(sekretariat)


@pytest.fixture
def decided_round(organisation_a, organisation_b, sekretariat):
    award_round = make_award_round(
        year=TODAY.year - 1,
        nomination_opens=days(-300),
        nomination_closes=days(-250),
        scoring_closes=days(-200),
    )
    make_nomination(award_round, organisation_a)
    make_nomination(award_round, organisation_b)
    juror = make_juror(award_round)
    Score.objects.create(juror=juror, nominee=organisation_a, direct_cuts=5, long_term=4, example=5)
    Score.objects.create(juror=juror, nominee=organisation_b, direct_cuts=2, long_term=2, example=2)
    return award_round


def award_page() -> AwardPage:
    make_site_pages()
    page = AwardPage.objects.first()
    if page is None:
        page = AwardPage(title="Årets klimapartner", slug="arets-klimapartner", intro="Prisen.")
        HomePage.objects.get().add_child(instance=page)
        page.save_revision().publish()
    return page


# Back office --------------------------------------------------------------------------------


def test_the_secretariat_sees_rounds_jurors_nominations_and_the_score_table(
    admin_client, decided_round
):
    for name in ("award_rounds:index", "award_jurors:index", "award_nominations:index"):
        assert admin_client.get(reverse(name)).status_code == 200
    response = admin_client.get(reverse("award_result", args=[decided_round.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alfa Klimaservice AS" in html and "14.00" in html and "6.00" in html
    assert "5 / 4 / 5" in html


def test_the_secretariat_creates_a_round_with_the_default_title(admin_client):
    response = admin_client.post(
        reverse("award_rounds:add"),
        {
            "year": "2033",
            "title": "",
            "criteria": "Kutt, omstilling, eksempel.",
            "nomination_opens": "2033-03-01",
            "nomination_closes": "2033-05-01",
            "scoring_closes": "2033-06-01",
        },
    )
    assert response.status_code == 302
    assert AwardRound.objects.get(year=2033).title == "Årets klimapartner 2033"
    assert AuditEntry.objects.filter(action="award_round.created").exists()


def test_the_secretariat_chooses_and_publishes_the_winner_in_the_back_office(
    admin_client, decided_round, organisation_a
):
    url = reverse("award_result", args=[decided_round.pk])
    # The form proposes the highest total.
    assert f'value="{organisation_a.pk}" selected' in admin_client.get(url).content.decode()
    response = admin_client.post(
        url, {"action": "choose", "winner": organisation_a.pk, "citation": "Kutt og deling."}
    )
    assert response.status_code == 302
    decided_round.refresh_from_db()
    assert decided_round.winner == organisation_a and decided_round.published_at is None
    admin_client.post(url, {"action": "publish"})
    decided_round.refresh_from_db()
    assert decided_round.published_at is not None
    assert AuditEntry.objects.filter(action="award.published").exists()


def test_an_empty_citation_is_refused_in_the_back_office(
    admin_client, decided_round, organisation_a
):
    url = reverse("award_result", args=[decided_round.pk])
    response = admin_client.post(
        url, {"action": "choose", "winner": organisation_a.pk, "citation": ""}
    )
    assert response.status_code == 400
    decided_round.refresh_from_db()
    assert decided_round.winner is None


@pytest.mark.parametrize("persona", ["alice", "charlie"])
def test_nobody_but_the_secretariat_reaches_the_award_back_office(
    client, request, decided_round, persona
):
    make_juror(decided_round, request.getfixturevalue(persona))
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("award_rounds:index"),
        reverse("award_jurors:index"),
        reverse("award_nominations:index"),
        reverse("award_result", args=[decided_round.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
    response = client.post(reverse("award_result", args=[decided_round.pk]), {"action": "publish"})
    assert response.status_code in (302, 403)
    decided_round.refresh_from_db()
    assert decided_round.published_at is None


def test_the_secretariat_cannot_add_nominations_in_the_back_office(admin_client):
    assert admin_client.get(reverse("award_nominations:add")).status_code in (302, 403)


# The public page ----------------------------------------------------------------------------


def test_the_award_page_shows_the_criteria_and_that_nominations_are_open(client):
    page = award_page()
    make_award_round()
    html = client.get(page.url).content.decode()
    assert "Direct cuts" in html and "Long-term transition" in html
    assert "Value as an example for others" in html
    assert "Open for nominations until" in html
    assert "Juryen ser etter kutt" in html
    assert "No winner has been announced yet." in html


def test_an_unpublished_winner_is_never_on_the_public_page(
    client, decided_round, organisation_a, sekretariat
):
    page = award_page()
    services.choose_winner(
        award_round=decided_round,
        winner=organisation_a,
        citation="Hemmelig begrunnelse.",
        by=sekretariat,
    )
    html = client.get(page.url).content.decode()
    assert "Hemmelig begrunnelse." not in html and "Alfa Klimaservice AS" not in html
    assert "No winner has been announced yet." in html


def test_a_published_winner_is_shown_by_year_with_the_citation_and_the_profile_link(
    client, decided_round, organisation_a, sekretariat
):
    page = award_page()
    services.choose_winner(
        award_round=decided_round, winner=organisation_a, citation="Kutt og deling.", by=sekretariat
    )
    services.publish_winner(award_round=decided_round, by=sekretariat)
    html = client.get(page.url).content.decode()
    assert f"{decided_round.year}:" in html and "Kutt og deling." in html
    assert f'href="/partnere/{organisation_a.slug}/"' in html
    assert "The winner is Alfa Klimaservice AS." in html
    services.withdraw_publication(award_round=decided_round, by=sekretariat)
    assert "Kutt og deling." not in client.get(page.url).content.decode()


def test_the_page_without_any_round_still_renders(client):
    page = award_page()
    assert Page.objects.filter(pk=page.pk).exists()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "No winner has been announced yet." in response.content.decode()
