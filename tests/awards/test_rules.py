"""The award's rules, in the models and the services: who may nominate whom and when, the
conflict rule for jurors, the scoring window, choosing and publishing the winner; audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from klimanett.awards import selectors, services
from klimanett.awards.models import AwardRound, Nomination, Score
from klimanett.core.models import AuditEntry
from klimanett.partners.models import Membership
from tests.builders import (
    make_award_round,
    make_contact,
    make_juror,
    make_membership,
    make_nomination,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def judging_round(db):
    return make_award_round(
        nomination_opens=days(-30), nomination_closes=days(-1), scoring_closes=days(20)
    )


# Rounds -------------------------------------------------------------------------------------


def test_a_round_gets_the_default_title_from_its_year():
    award_round = AwardRound(
        year=2031, nomination_opens=days(0), nomination_closes=days(1), scoring_closes=days(2)
    )
    award_round.full_clean()
    assert award_round.title == "Årets klimapartner 2031"


def test_the_phase_follows_the_dates_and_the_decisions():
    award_round = make_award_round(
        nomination_opens=days(1), nomination_closes=days(10), scoring_closes=days(20)
    )
    assert award_round.phase(days(0)) == AwardRound.Phase.UPCOMING
    assert award_round.phase(days(1)) == AwardRound.Phase.NOMINATING
    assert award_round.phase(days(10)) == AwardRound.Phase.NOMINATING  # the last day counts
    assert award_round.phase(days(11)) == AwardRound.Phase.JUDGING
    assert award_round.is_open_for_scoring(days(20))
    assert not award_round.is_open_for_scoring(days(21))
    award_round.winner = make_organisation()
    assert award_round.phase(days(30)) == AwardRound.Phase.DECIDED
    award_round.published_at = timezone.now()
    assert award_round.phase(days(30)) == AwardRound.Phase.PUBLISHED


def test_nominations_must_close_after_they_open_and_scoring_after_nominations():
    award_round = AwardRound(
        year=2032, nomination_opens=days(5), nomination_closes=days(1), scoring_closes=days(0)
    )
    with pytest.raises(ValidationError) as error:
        award_round.full_clean()
    assert "Nominations must close after they open." in error.value.messages
    assert "Scoring must close after nominations close." in error.value.messages


def test_a_round_without_a_winner_cannot_be_published():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_award_round(published_at=timezone.now())


# Nominating ---------------------------------------------------------------------------------


def test_a_contact_nominates_another_active_member_and_it_is_audited(
    alice, organisation_a, organisation_b
):
    award_round = make_award_round()
    nomination = services.nominate(
        award_round=award_round,
        nominee=organisation_b,
        nominating_organisation=organisation_a,
        reason="  Halverte utslippene fra transport.  ",
        by=alice,
    )
    assert nomination.reason == "Halverte utslippene fra transport."
    assert nomination.nominated_by == alice and not nomination.is_self_nomination
    entry = AuditEntry.objects.get(action="award.nominated")
    assert entry.actor == alice and entry.data["nominee"] == organisation_b.pk


def test_self_nomination_is_allowed_and_marked(alice, organisation_a):
    nomination = services.nominate(
        award_round=make_award_round(),
        nominee=organisation_a,
        nominating_organisation=organisation_a,
        reason="Vi har kuttet 40 prosent.",
        by=alice,
    )
    assert nomination.is_self_nomination
    assert AuditEntry.objects.get(action="award.nominated").data["self_nomination"] is True


def test_an_organisation_nominates_the_same_nominee_only_once_a_round(
    alice, bob, organisation_a, organisation_b
):
    award_round = make_award_round()
    kwargs = {
        "award_round": award_round,
        "nominee": organisation_b,
        "nominating_organisation": organisation_a,
    }
    services.nominate(**kwargs, reason="Første.", by=alice)
    with pytest.raises(services.AwardRefused) as refused:
        services.nominate(**kwargs, reason="Andre.", by=bob)
    assert refused.value.field == "nominee"
    assert "already nominated" in refused.value.message
    assert Nomination.objects.count() == 1


def test_nominations_outside_the_window_are_refused_with_the_dates(
    alice, organisation_a, organisation_b
):
    early = make_award_round(
        nomination_opens=days(3), nomination_closes=days(9), scoring_closes=days(19)
    )
    kwargs = {
        "nominee": organisation_b,
        "nominating_organisation": organisation_a,
        "reason": "x",
        "by": alice,
    }
    with pytest.raises(services.AwardRefused, match="Nominations open on"):
        services.nominate(award_round=early, **kwargs)
    late = make_award_round(
        year=TODAY.year - 1,
        nomination_opens=days(-30),
        nomination_closes=days(-1),
        scoring_closes=days(9),
    )
    with pytest.raises(services.AwardRefused, match="Nominations closed on"):
        services.nominate(award_round=late, **kwargs)
    assert not Nomination.objects.exists()


def test_only_active_members_can_be_nominated(alice, organisation_a):
    prospect = make_organisation(name="Gamma Prospekt AS")
    make_membership(prospect, status=Membership.Status.PROSPECT, agreement_date=None)
    with pytest.raises(services.AwardRefused) as refused:
        services.nominate(
            award_round=make_award_round(),
            nominee=prospect,
            nominating_organisation=organisation_a,
            reason="x",
            by=alice,
        )
    assert refused.value.field == "nominee"


def test_a_contact_nominates_only_on_behalf_of_their_own_organisation(
    alice, organisation_b, organisation_a
):
    with pytest.raises(services.AwardRefused) as refused:
        services.nominate(
            award_round=make_award_round(),
            nominee=organisation_a,
            nominating_organisation=organisation_b,
            reason="x",
            by=alice,
        )
    assert refused.value.field == "nominating_organisation"


def test_an_empty_reason_is_refused(alice, organisation_a, organisation_b):
    with pytest.raises(services.AwardRefused) as refused:
        services.nominate(
            award_round=make_award_round(),
            nominee=organisation_b,
            nominating_organisation=organisation_a,
            reason="   ",
            by=alice,
        )
    assert refused.value.field == "reason"


# The jury and the conflict rule ----------------------------------------------------------


def test_a_jurors_own_organisations_are_their_contacts_and_the_explicit_one(alice, organisation_a):
    external = make_organisation(name="Forskning AS")
    juror = make_juror(make_award_round(), alice, organisation=external)
    assert juror.own_organisation_ids() == {organisation_a.pk, external.pk}


def test_the_model_refuses_a_score_for_the_jurors_own_organisation(
    judging_round, alice, organisation_a
):
    make_nomination(judging_round, organisation_a)
    juror = make_juror(judging_round, alice)
    score = Score(juror=juror, nominee=organisation_a, direct_cuts=5, long_term=5, example=5)
    with pytest.raises(ValidationError, match="own organisation"):
        score.full_clean()


def test_the_model_refuses_a_score_for_the_explicit_organisation_of_an_external_juror(
    judging_round,
):
    institute = make_organisation(name="Instituttet AS")
    make_membership(institute)
    make_nomination(judging_round, institute)
    juror = make_juror(judging_round, organisation=institute)
    score = Score(juror=juror, nominee=institute, direct_cuts=3, long_term=3, example=3)
    with pytest.raises(ValidationError, match="own organisation"):
        score.full_clean()


def test_the_service_refuses_a_conflicting_score_and_saves_nothing(
    judging_round, alice, organisation_a
):
    make_nomination(judging_round, organisation_a)
    juror = make_juror(judging_round, alice)
    with pytest.raises(services.ConflictOfInterest):
        services.score_nominee(
            juror=juror, nominee=organisation_a, direct_cuts=5, long_term=5, example=5, by=alice
        )
    assert not Score.objects.exists()


def test_the_conflicting_nominee_is_not_offered_to_the_juror(
    judging_round, alice, organisation_a, organisation_b
):
    make_nomination(judging_round, organisation_a)
    make_nomination(judging_round, organisation_b)
    juror = make_juror(judging_round, alice)
    assert list(selectors.scorable_nominees(juror)) == [organisation_b]
    entries = {entry.nominee: entry for entry in selectors.jury_list(juror)}
    assert entries[organisation_a].conflict and not entries[organisation_b].conflict


def test_a_juror_scores_and_changes_the_score_and_both_are_audited(
    judging_round, charlie, organisation_a
):
    make_nomination(judging_round, organisation_a)
    juror = make_juror(judging_round, charlie)
    services.score_nominee(
        juror=juror, nominee=organisation_a, direct_cuts=4, long_term=3, example=2, by=charlie
    )
    score = services.score_nominee(
        juror=juror,
        nominee=organisation_a,
        direct_cuts=5,
        long_term=3,
        example=2,
        comment=" God! ",
        by=charlie,
    )
    assert Score.objects.get() == score and score.total == 10 and score.comment == "God!"
    actions = list(
        AuditEntry.objects.filter(action__startswith="award.sc")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["award.scored", "award.score_changed"]


def test_scoring_is_open_only_between_nominations_closing_and_scoring_closing(
    charlie, organisation_a
):
    award_round = make_award_round()  # still open for nominations
    make_nomination(award_round, organisation_a)
    juror = make_juror(award_round, charlie)
    kwargs = {
        "juror": juror,
        "nominee": organisation_a,
        "direct_cuts": 3,
        "long_term": 3,
        "example": 3,
        "by": charlie,
    }
    with pytest.raises(services.AwardRefused, match="Scoring opens when nominations close"):
        services.score_nominee(**kwargs)
    with pytest.raises(services.AwardRefused, match="closed"):
        services.score_nominee(
            **kwargs, today=award_round.scoring_closes + datetime.timedelta(days=1)
        )
    services.score_nominee(**kwargs, today=award_round.scoring_closes)


def test_points_outside_1_to_5_and_organisations_not_nominated_are_refused(
    judging_round, charlie, organisation_a
):
    make_nomination(judging_round, organisation_a)
    juror = make_juror(judging_round, charlie)
    with pytest.raises(services.AwardRefused):
        services.score_nominee(
            juror=juror, nominee=organisation_a, direct_cuts=6, long_term=3, example=3, by=charlie
        )
    stranger = make_organisation()
    with pytest.raises(services.AwardRefused, match="not nominated"):
        services.score_nominee(
            juror=juror, nominee=stranger, direct_cuts=3, long_term=3, example=3, by=charlie
        )
    assert not Score.objects.exists()


def test_only_the_juror_gives_the_jurors_scores(judging_round, charlie, bob, organisation_a):
    make_nomination(judging_round, organisation_a)
    juror = make_juror(judging_round, charlie)
    with pytest.raises(services.AwardRefused):
        services.score_nominee(
            juror=juror, nominee=organisation_a, direct_cuts=3, long_term=3, example=3, by=bob
        )


# The result and the winner ------------------------------------------------------------------


def test_the_round_result_leaves_out_jurors_with_a_conflict_and_ranks_by_total(
    judging_round, alice, charlie, organisation_a, organisation_b
):
    make_nomination(judging_round, organisation_a)
    make_nomination(judging_round, organisation_b)
    juror_a, juror_b = make_juror(judging_round, alice), make_juror(judging_round, charlie)
    outsider = make_juror(judging_round)
    # Written directly, as if the rule had been bypassed: it must not count.
    Score.objects.create(
        juror=juror_a, nominee=organisation_a, direct_cuts=5, long_term=5, example=5
    )
    Score.objects.create(
        juror=juror_b, nominee=organisation_a, direct_cuts=2, long_term=2, example=2
    )
    Score.objects.create(
        juror=outsider, nominee=organisation_a, direct_cuts=4, long_term=4, example=4
    )
    Score.objects.create(
        juror=juror_a, nominee=organisation_b, direct_cuts=4, long_term=4, example=3
    )
    result = selectors.round_result(judging_round)
    # A: jurors b and outsider: averages 3, 3, 3 -> 9. B: juror a alone: 4 + 4 + 3 = 11.
    assert [row.nominee for row in result.rows] == [organisation_b, organisation_a]
    assert result.rows[1].result.total == 9 and result.rows[1].result.jurors == 2
    assert result.leaders == [organisation_b.pk]
    assert [cell.conflict for cell in result.rows[1].cells] == [True, False, False]


def test_the_secretariat_chooses_the_winner_with_a_citation_and_it_is_audited(
    judging_round, sekretariat, organisation_a, organisation_b
):
    make_nomination(judging_round, organisation_a)
    make_nomination(judging_round, organisation_b)
    juror = make_juror(judging_round)
    Score.objects.create(juror=juror, nominee=organisation_a, direct_cuts=5, long_term=5, example=5)
    services.choose_winner(
        award_round=judging_round,
        winner=organisation_b,
        citation="Modig omstilling.",
        by=sekretariat,
    )
    assert (
        judging_round.winner == organisation_b and judging_round.phase() == AwardRound.Phase.DECIDED
    )
    entry = AuditEntry.objects.get(action="award.winner_chosen")
    assert entry.actor == sekretariat
    assert entry.data["departs_from_highest_total"] is True
    assert entry.data["highest_total"] == [organisation_a.pk]


def test_the_winner_must_be_a_nominee_with_a_citation_after_nominations_close(
    judging_round, sekretariat, organisation_a, organisation_b
):
    make_nomination(judging_round, organisation_a)
    with pytest.raises(services.AwardRefused, match="nominees"):
        services.choose_winner(
            award_round=judging_round, winner=organisation_b, citation="x", by=sekretariat
        )
    with pytest.raises(services.AwardRefused, match="citation"):
        services.choose_winner(
            award_round=judging_round, winner=organisation_a, citation=" ", by=sekretariat
        )
    open_round = make_award_round(year=TODAY.year + 1)
    make_nomination(open_round, organisation_a)
    with pytest.raises(services.AwardRefused, match="nominations have closed"):
        services.choose_winner(
            award_round=open_round, winner=organisation_a, citation="x", by=sekretariat
        )


def test_publishing_needs_a_winner_and_a_published_winner_is_not_changed(
    judging_round, sekretariat, organisation_a, organisation_b
):
    make_nomination(judging_round, organisation_a)
    make_nomination(judging_round, organisation_b)
    with pytest.raises(services.AwardRefused):
        services.publish_winner(award_round=judging_round, by=sekretariat)
    services.choose_winner(
        award_round=judging_round, winner=organisation_a, citation="Flott.", by=sekretariat
    )
    services.publish_winner(award_round=judging_round, by=sekretariat)
    assert judging_round.published_at is not None
    assert list(AwardRound.objects.published()) == [judging_round]
    with pytest.raises(services.AwardRefused, match="Withdraw"):
        services.choose_winner(
            award_round=judging_round, winner=organisation_b, citation="x", by=sekretariat
        )
    services.withdraw_publication(award_round=judging_round, by=sekretariat)
    assert not AwardRound.objects.published().exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"award.published", "award.publication_withdrawn"} <= actions


def test_a_nominee_nominated_by_several_organisations_is_scored_once(
    judging_round, charlie, organisation_a
):
    make_nomination(judging_round, organisation_a)
    make_nomination(judging_round, organisation_a)
    juror = make_juror(judging_round, charlie)
    (entry,) = selectors.jury_list(juror)
    assert len(entry.nominations) == 2
    assert selectors.round_result(judging_round).rows[0].nominations == 2


def test_a_user_with_a_contact_at_an_ended_member_cannot_nominate(organisation_a):
    ended = make_organisation()
    make_membership(ended, status=Membership.Status.ENDED, ended_on=TODAY)
    user = make_user()
    make_contact(user, ended)
    assert not selectors.nominating_organisations_for(user).exists()


def test_a_member_without_a_public_profile_cannot_be_nominated(alice, organisation_a):
    hidden = make_organisation(name="Skjult Medlem AS", public_profile=False)
    make_membership(hidden)
    with pytest.raises(services.AwardRefused):
        services.nominate(
            award_round=make_award_round(),
            nominee=hidden,
            nominating_organisation=organisation_a,
            reason="Godt arbeid.",
            by=alice,
        )
    assert not Nomination.objects.exists()
