"""The partner area's award pages: who reaches them (anonymous, contacts, jurors, the
secretariat), nominating with clear messages, and the jury's scoring with the conflict rule."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from klimanett.awards.models import Nomination, Score
from klimanett.partners.models import Membership
from tests.builders import (
    make_award_round,
    make_juror,
    make_membership,
    make_nomination,
    make_organisation,
    make_site_pages,
    make_user,
)

pytestmark = pytest.mark.django_db
NOMINATE = reverse("awards:nominate")
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def judging_round(organisation_a, organisation_b):
    award_round = make_award_round(
        nomination_opens=days(-30), nomination_closes=days(-1), scoring_closes=days(20)
    )
    make_nomination(award_round, organisation_a, reason="Alfa har elektrifisert bilparken.")
    make_nomination(award_round, organisation_b, reason="Beta bygger solkraft.")
    return award_round


def jury_url(award_round) -> str:
    return reverse("awards:jury", args=[award_round.year])


def score_url(award_round, organisation) -> str:
    return reverse("awards:score_nominee", args=[award_round.year, organisation.pk])


SCORES = {"direct_cuts": "4", "long_term": "5", "example": "3", "comment": "Sterk sak."}


# Nominating ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(NOMINATE)
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_users_who_are_not_contacts_of_an_active_member_get_403(
    client, verified_client, sekretariat
):
    make_award_round()
    client.force_login(make_user())
    assert client.get(NOMINATE).status_code == 403
    assert verified_client(sekretariat).get(NOMINATE).status_code == 403


def test_a_contact_sees_the_form_with_the_active_members_and_the_window(
    client, alice, organisation_b
):
    make_award_round()
    prospect = make_organisation(name="Gamma Prospekt AS")
    make_membership(prospect, status=Membership.Status.PROSPECT, agreement_date=None)
    client.force_login(alice)
    response = client.get(NOMINATE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Beta Energi AS" in html and "Alfa Klimaservice AS (your own organisation)" in html
    assert "Gamma Prospekt AS" not in html
    assert "Nominations are open until" in html


def test_a_contact_nominates_and_sees_the_nomination_their_colleague_sees_too(
    client, alice, bob, charlie, organisation_a, organisation_b
):
    make_award_round()
    client.force_login(alice)
    response = client.post(
        NOMINATE,
        {
            "nominating_organisation": organisation_a.pk,
            "nominee": organisation_b.pk,
            "reason": "Solkraft på taket.",
        },
        follow=True,
    )
    assert "Beta Energi AS is nominated" in response.content.decode()
    nomination = Nomination.objects.get()
    assert nomination.nominating_organisation == organisation_a and nomination.nominated_by == alice
    client.force_login(bob)
    assert "Solkraft på taket." in client.get(NOMINATE).content.decode()
    client.force_login(charlie)
    assert "Solkraft på taket." not in client.get(NOMINATE).content.decode()


def test_bad_input_is_marked_on_the_fields_and_nothing_is_saved(client, alice, organisation_a):
    make_award_round()
    client.force_login(alice)
    response = client.post(
        NOMINATE, {"nominating_organisation": organisation_a.pk, "nominee": "", "reason": ""}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose the organisation you nominate." in html
    assert "Tell the jury why you nominate the organisation." in html
    assert not Nomination.objects.exists()


def test_a_forged_nominee_that_is_not_an_active_member_is_refused(client, alice, organisation_a):
    make_award_round()
    ended = make_organisation(name="Slutt AS")
    make_membership(ended, status=Membership.Status.ENDED, ended_on=TODAY)
    client.force_login(alice)
    response = client.post(
        NOMINATE, {"nominating_organisation": organisation_a.pk, "nominee": ended.pk, "reason": "x"}
    )
    assert response.status_code == 400
    assert "Choose an active member of the network from the list." in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_forged_nominating_organisation_is_refused(client, alice, organisation_a, organisation_b):
    make_award_round()
    client.force_login(alice)
    response = client.post(
        NOMINATE,
        {"nominating_organisation": organisation_b.pk, "nominee": organisation_a.pk, "reason": "x"},
    )
    assert response.status_code == 400 and not Nomination.objects.exists()


def test_outside_the_window_there_is_no_form_and_a_post_is_refused(
    client, alice, organisation_a, organisation_b
):
    make_award_round(nomination_opens=days(5), nomination_closes=days(10), scoring_closes=days(20))
    client.force_login(alice)
    html = client.get(NOMINATE).content.decode()
    assert "Nominations are not open." in html and 'name="reason"' not in html
    response = client.post(
        NOMINATE,
        {"nominating_organisation": organisation_a.pk, "nominee": organisation_b.pk, "reason": "x"},
    )
    assert response.status_code == 400 and not Nomination.objects.exists()


def test_the_partner_area_links_to_the_form_only_while_a_round_is_open(
    client, alice, organisation_a
):
    client.force_login(alice)
    page = reverse("partners:organisation_detail", args=[organisation_a.pk])
    assert NOMINATE not in client.get(page).content.decode()
    make_award_round()
    assert NOMINATE in client.get(page).content.decode()


# The jury -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["alice", "charlie", "sekretariat"])
def test_only_jurors_of_the_round_reach_the_jury_pages(
    client, verified_client, request, judging_round, organisation_b, persona
):
    make_juror(judging_round)  # someone else is on the jury
    user = request.getfixturevalue(persona)
    if persona == "sekretariat":
        client = verified_client(user)
    else:
        client.force_login(user)
    assert client.get(jury_url(judging_round)).status_code == 404
    assert client.get(score_url(judging_round, organisation_b)).status_code == 404
    assert client.post(score_url(judging_round, organisation_b), SCORES).status_code == 404
    assert not Score.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in_from_the_jury_pages(
    client, judging_round, organisation_b
):
    for url in (jury_url(judging_round), score_url(judging_round, organisation_b)):
        assert client.get(url).status_code == 302


def test_a_juror_of_another_year_does_not_reach_this_years_jury(client, judging_round, charlie):
    other = make_award_round(
        year=TODAY.year - 1,
        nomination_opens=days(-400),
        nomination_closes=days(-380),
        scoring_closes=days(-370),
    )
    make_juror(other, charlie)
    client.force_login(charlie)
    assert client.get(jury_url(judging_round)).status_code == 404


def test_the_jury_page_lists_the_reasons_and_marks_the_jurors_own_organisation(
    client, judging_round, alice, organisation_a, organisation_b
):
    make_site_pages()
    make_juror(judging_round, alice)
    client.force_login(alice)
    html = client.get(jury_url(judging_round)).content.decode()
    assert "Beta Energi AS" in html and "Beta bygger solkraft." in html
    assert "You do not score this nominee (own organisation)." in html
    # Alfa's reason and a link to score it are not offered to Alfa's own contact.
    assert "Alfa har elektrifisert bilparken." not in html
    assert score_url(judging_round, organisation_a) not in html
    assert score_url(judging_round, organisation_b) in html
    # Beta's entry links to its public profile.
    assert f'href="/partnere/{organisation_b.slug}/"' in html


def test_the_jury_page_links_to_the_nominees_public_profile(
    client, judging_round, charlie, organisation_a
):
    make_site_pages()
    make_juror(judging_round, charlie)
    client.force_login(charlie)
    html = client.get(jury_url(judging_round)).content.decode()
    assert f'href="/partnere/{organisation_a.slug}/"' in html


def test_a_juror_scores_a_nominee_and_can_change_the_score(
    client, judging_round, charlie, organisation_a
):
    juror = make_juror(judging_round, charlie)
    client.force_login(charlie)
    assert client.get(score_url(judging_round, organisation_a)).status_code == 200
    response = client.post(score_url(judging_round, organisation_a), SCORES)
    assert response.status_code == 302 and response["Location"] == jury_url(judging_round)
    score = Score.objects.get(juror=juror)
    assert (score.direct_cuts, score.long_term, score.example) == (4, 5, 3)
    html = client.get(score_url(judging_round, organisation_a)).content.decode()
    assert 'value="5" id="id_long_term_4" checked' in html
    client.post(score_url(judging_round, organisation_a), {**SCORES, "example": "1"})
    assert Score.objects.get(juror=juror).example == 1


def test_a_forged_post_for_the_jurors_own_organisation_is_refused(
    client, judging_round, alice, organisation_a
):
    make_juror(judging_round, alice)
    client.force_login(alice)
    assert client.get(score_url(judging_round, organisation_a)).status_code == 403
    assert client.post(score_url(judging_round, organisation_a), SCORES).status_code == 403
    assert not Score.objects.exists()


def test_an_organisation_not_nominated_cannot_be_scored(client, judging_round, charlie):
    make_juror(judging_round, charlie)
    client.force_login(charlie)
    stranger = make_organisation()
    assert client.post(score_url(judging_round, stranger), SCORES).status_code == 404


def test_missing_points_are_marked_and_nothing_is_saved(
    client, judging_round, charlie, organisation_a
):
    make_juror(judging_round, charlie)
    client.force_login(charlie)
    response = client.post(
        score_url(judging_round, organisation_a), {"direct_cuts": "4", "long_term": "9"}
    )
    assert response.status_code == 400
    assert "Give from 1 to 5 points." in response.content.decode()
    assert not Score.objects.exists()


def test_after_scoring_closes_a_post_is_refused(client, charlie, organisation_a):
    award_round = make_award_round(
        nomination_opens=days(-30), nomination_closes=days(-10), scoring_closes=days(-1)
    )
    make_nomination(award_round, organisation_a)
    make_juror(award_round, charlie)
    client.force_login(charlie)
    response = client.post(score_url(award_round, organisation_a), SCORES)
    assert response.status_code == 400
    assert "Scoring for this round is not open." in response.content.decode()
    assert not Score.objects.exists()


def test_a_juror_without_an_organisation_finds_the_jury_on_my_page(client, judging_round):
    juror = make_juror(judging_round)
    client.force_login(juror.user)
    assert (
        jury_url(judging_round) in client.get(reverse("partners:my_organisations")).content.decode()
    )
