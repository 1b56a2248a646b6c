"""The demo's "Årets klimapartner": last year's round decided and published, with nominations
and jury scores that obey the rules; this year's round open for nominations; idempotent."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from klimanett.awards import selectors
from klimanett.awards.models import AwardRound, Nomination, Score, active_members
from klimanett.demo.build import build_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.xdist_group("demo_award")
class TestTheDemoAward:
    def test_last_years_winner_is_published_and_is_the_juries_highest_total(self, demo):
        year = timezone.localdate().year - 1
        award_round = AwardRound.objects.get(year=year)
        assert award_round.phase() == AwardRound.Phase.PUBLISHED
        assert award_round.title == f"Årets klimapartner {year}" and award_round.citation
        assert active_members().filter(pk=award_round.winner_id).exists()
        result = selectors.round_result(award_round)
        assert result.leaders[0] == award_round.winner_id
        assert award_round.nominations.count() >= 4
        assert Score.objects.filter(juror__round=award_round).count() >= 8

    def test_no_demo_juror_scores_their_own_organisation(self, demo):
        scores = Score.objects.select_related("juror")
        assert scores.exists()
        assert not [s for s in scores if s.juror.has_conflict_with(s.nominee_id)]
        # The conflict rule shows in the demo: some juror sits in a nominated organisation.
        rounds = AwardRound.objects.all()
        assert any(
            entry.conflict
            for award_round in rounds
            for juror in award_round.jurors.all()
            for entry in selectors.jury_list(juror)
        )

    def test_this_years_round_is_open_for_nominations(self, demo):
        award_round = selectors.open_round()
        assert award_round is not None and award_round.year == timezone.localdate().year
        assert award_round.jurors.exists() and award_round.nominations.exists()

    def test_a_second_run_adds_no_rounds_nominations_or_scores(self, demo):
        before = (AwardRound.objects.count(), Nomination.objects.count(), Score.objects.count())
        result = build_demo()
        assert result.created["award rounds"] == 0
        after = (AwardRound.objects.count(), Nomination.objects.count(), Score.objects.count())
        assert before == after
