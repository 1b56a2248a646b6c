"""Writes for the award: nominate, score, choose the winner and publish; transactional and
audited. Each refusal raises ``AwardRefused`` with a message for the person, nothing saved."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from klimanett.awards import selectors
from klimanett.awards.models import (
    AwardRound,
    Juror,
    Nomination,
    Score,
    nominable,
)
from klimanett.core import audit
from klimanett.core.models import User
from klimanett.partners.models import Organisation


class AwardRefused(Exception):
    """Not allowed; ``message`` says why, in words for the person; ``field`` names the field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictOfInterest(AwardRefused):
    def __init__(self) -> None:
        super().__init__(_("You do not score this nominee: it is your own organisation."))


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def nomination_window_message(award_round: AwardRound, today: datetime.date) -> str:
    """Why nominations are closed for the round, in words for the person."""
    if today < award_round.nomination_opens:
        return _("Nominations open on %(date)s.") % {"date": _date(award_round.nomination_opens)}
    return _("Nominations closed on %(date)s.") % {"date": _date(award_round.nomination_closes)}


@transaction.atomic
def nominate(
    *,
    award_round: AwardRound,
    nominee: Organisation,
    nominating_organisation: Organisation,
    reason: str,
    by: User,
    today: datetime.date | None = None,
) -> Nomination:
    """Nominate an active member for the round, on behalf of one of the user's organisations.

    Self-nomination is allowed and marked (``Nomination.is_self_nomination``).
    """
    today = today or timezone.localdate()
    locked = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    if not locked.is_open_for_nominations(today):
        raise AwardRefused(nomination_window_message(locked, today))
    if (
        not selectors.nominating_organisations_for(by)
        .filter(pk=nominating_organisation.pk)
        .exists()
    ):
        raise AwardRefused(
            _(
                "You can only nominate on behalf of your own organisation, and it must be an "
                "active member of the network."
            ),
            field="nominating_organisation",
        )
    if not nominable().filter(pk=nominee.pk).exists():
        raise AwardRefused(
            _("Only active members of the network with a public profile can be nominated."),
            field="nominee",
        )
    reason = reason.strip()
    if not reason:
        raise AwardRefused(_("Tell the jury why you nominate the organisation."), field="reason")
    if Nomination.objects.filter(
        round=locked, nominee=nominee, nominating_organisation=nominating_organisation
    ).exists():
        raise AwardRefused(
            _("%(organisation)s has already nominated %(nominee)s this year.")
            % {"organisation": nominating_organisation.name, "nominee": nominee.name},
            field="nominee",
        )
    nomination = Nomination(
        round=locked,
        nominee=nominee,
        nominating_organisation=nominating_organisation,
        nominated_by=by,
        reason=reason,
    )
    nomination.full_clean()
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:  # the unique constraint, should two arrive at once
        raise AwardRefused(
            _("Your organisation has already nominated this organisation this year."),
            field="nominee",
        ) from error
    audit.record(
        nomination,
        "award.nominated",
        by=by,
        data={
            "round": locked.year,
            "nominee": nominee.pk,
            "nominating_organisation": nominating_organisation.pk,
            "self_nomination": nomination.is_self_nomination,
        },
    )
    return nomination


@transaction.atomic
def score_nominee(
    *,
    juror: Juror,
    nominee: Organisation,
    direct_cuts: int,
    long_term: int,
    example: int,
    comment: str = "",
    by: User,
    today: datetime.date | None = None,
) -> Score:
    """Give or change the juror's score for a nominee of the round.

    Refused for anyone but the juror, outside the scoring window, for an organisation that is
    not nominated, and for the juror's own organisation (``ConflictOfInterest``).
    """
    today = today or timezone.localdate()
    if juror.user_id != by.pk:
        raise AwardRefused(_("Only the juror can give the juror's scores."))
    award_round = AwardRound.objects.select_for_update().get(pk=juror.round_id)
    if not award_round.is_open_for_scoring(today):
        if award_round.phase(today) == AwardRound.Phase.NOMINATING:
            raise AwardRefused(
                _("Scoring opens when nominations close on %(date)s.")
                % {"date": _date(award_round.nomination_closes)}
            )
        raise AwardRefused(_("Scoring for this round is closed."))
    if juror.has_conflict_with(nominee.pk):
        raise ConflictOfInterest
    score = Score.objects.filter(juror=juror, nominee=nominee).first() or Score(
        juror=juror, nominee=nominee
    )
    created = score.pk is None
    score.direct_cuts, score.long_term, score.example = direct_cuts, long_term, example
    score.comment = comment.strip()
    try:
        score.full_clean()
    except ValidationError as error:
        raise AwardRefused(" ".join(error.messages)) from error
    score.save()
    audit.record(
        award_round,
        "award.scored" if created else "award.score_changed",
        by=by,
        data={
            "juror": juror.pk,
            "nominee": nominee.pk,
            "direct_cuts": direct_cuts,
            "long_term": long_term,
            "example": example,
        },
    )
    return score


@transaction.atomic
def choose_winner(
    *,
    award_round: AwardRound,
    winner: Organisation,
    citation: str,
    by: User,
    today: datetime.date | None = None,
) -> AwardRound:
    """The secretariat chooses the winner, normally the highest total, with the citation.

    The audit entry keeps the result table as it stood, and says whether the choice departs
    from the highest total. A published winner is not changed: withdraw the publication first.
    """
    today = today or timezone.localdate()
    locked = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    if locked.published_at is not None:
        raise AwardRefused(_("The winner is published. Withdraw the publication to change it."))
    if today <= locked.nomination_closes:
        raise AwardRefused(_("The winner can be chosen when nominations have closed."))
    result = selectors.round_result(locked)
    row = result.row_for(winner.pk)
    if row is None:
        raise AwardRefused(_("Choose one of the round's nominees."), field="winner")
    citation = citation.strip()
    if not citation:
        raise AwardRefused(_("Write the citation for the winner."), field="citation")
    locked.winner = winner
    locked.citation = citation
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.full_clean()
    locked.save()
    audit.record(
        locked,
        "award.winner_chosen",
        by=by,
        data={
            "winner": winner.pk,
            "winner_name": winner.name,
            "highest_total": result.leaders,
            "departs_from_highest_total": winner.pk not in result.leaders,
            "result": [
                {
                    "nominee": r.nominee.pk,
                    "jurors": r.result.jurors,
                    "total": None if r.result.total is None else str(r.result.total),
                    "rank": r.result.rank,
                }
                for r in result.rows
            ],
        },
    )
    award_round.refresh_from_db()
    return locked


@transaction.atomic
def publish_winner(*, award_round: AwardRound, by: User) -> AwardRound:
    locked = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    if locked.winner_id is None or not locked.citation:
        raise AwardRefused(_("Choose the winner and write the citation before publishing."))
    if locked.published_at is None:
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        audit.record(locked, "award.published", by=by, data={"winner": locked.winner_id})
    award_round.refresh_from_db()
    return locked


@transaction.atomic
def withdraw_publication(*, award_round: AwardRound, by: User) -> AwardRound:
    locked = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    if locked.published_at is not None:
        locked.published_at = None
        locked.save(update_fields=["published_at"])
        audit.record(locked, "award.publication_withdrawn", by=by, data={})
    award_round.refresh_from_db()
    return locked
