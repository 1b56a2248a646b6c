"""Reads for the award: open rounds, a partner's nominations, the jury's list and the result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from klimanett.awards import scoring
from klimanett.awards.models import AwardRound, Juror, Nomination, Score, active_members
from klimanett.partners.models import Organisation


def nominating_organisations_for(user: Any) -> QuerySet[Organisation]:
    """The active members the user is a contact of: those the user may nominate for."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    return active_members().filter(contacts__user=user)


def open_round(today: datetime.date | None = None) -> AwardRound | None:
    """The round open for nominations today, if any."""
    return AwardRound.objects.open_for_nominations(today).order_by("-year").first()


def current_round() -> AwardRound | None:
    """The round the public page tells about: the latest year's."""
    return AwardRound.objects.select_related("winner").order_by("-year").first()


def nominations_of(user: Any) -> QuerySet[Nomination]:
    """The nominations made by the user's organisations, newest round first."""
    organisations = Organisation.objects.filter(contacts__user=user)
    return (
        Nomination.objects.filter(nominating_organisation__in=organisations)
        .select_related("round", "nominee", "nominating_organisation", "nominated_by")
        .order_by("-round__year", "nominee__name", "pk")
    )


def juries_of(user: Any) -> QuerySet[Juror]:
    """The rounds the user is a juror of, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Juror.objects.none()
    return Juror.objects.filter(user=user).select_related("round").order_by("-round__year")


def published_rounds() -> QuerySet[AwardRound]:
    return AwardRound.objects.published().select_related("winner").order_by("-year")


def nominees_of(award_round: AwardRound) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(award_nominations__round=award_round)
        .distinct()
        .order_by("name")
    )


@dataclass
class JuryEntry:
    """One nominee on a juror's list: the reasons given, and the juror's score if any."""

    nominee: Organisation
    nominations: list[Nomination] = field(default_factory=list)
    conflict: bool = False
    score: Score | None = None
    profile_url: str = ""

    @property
    def self_nominated(self) -> bool:
        return any(nomination.is_self_nomination for nomination in self.nominations)


def jury_list(juror: Juror) -> list[JuryEntry]:
    """Every nominee of the juror's round, with the conflicts marked (those are not scored)."""
    own = juror.own_organisation_ids()
    scores = {score.nominee_id: score for score in juror.scores.all()}
    entries: dict[int, JuryEntry] = {}
    nominations = (
        Nomination.objects.filter(round_id=juror.round_id)
        .select_related("nominee", "nominating_organisation")
        .order_by("nominee__name", "created_at", "pk")
    )
    for nomination in nominations:
        entry = entries.setdefault(
            nomination.nominee_id,
            JuryEntry(
                nominee=nomination.nominee,
                conflict=nomination.nominee_id in own,
                score=scores.get(nomination.nominee_id),
            ),
        )
        entry.nominations.append(nomination)
    urls = public_profile_urls([entry.nominee for entry in entries.values()])
    for entry in entries.values():
        entry.profile_url = urls.get(entry.nominee.pk, "")
    return list(entries.values())


def scorable_nominees(juror: Juror) -> QuerySet[Organisation]:
    """The nominees the juror may score: nominated in the round, and not the juror's own."""
    return nominees_of(juror.round).exclude(pk__in=juror.own_organisation_ids())


@dataclass(frozen=True)
class ScoreCell:
    score: Score | None
    conflict: bool  # the nominee is the juror's own organisation


@dataclass(frozen=True)
class ResultRow:
    nominee: Organisation
    result: scoring.NomineeResult
    cells: list[ScoreCell]  # one per juror of the round, in the order of ``jurors``
    nominations: int


@dataclass(frozen=True)
class RoundResult:
    jurors: list[Juror]
    rows: list[ResultRow]
    leaders: list[int]  # the nominees with the highest total

    def row_for(self, nominee_id: int) -> ResultRow | None:
        return next((row for row in self.rows if row.nominee.pk == nominee_id), None)


def round_result(award_round: AwardRound) -> RoundResult:
    """The score table and the result of the round, best first (see ``scoring.results``)."""
    jurors = list(award_round.jurors.select_related("user", "organisation"))
    own = {juror.pk: juror.own_organisation_ids() for juror in jurors}
    scores = list(Score.objects.filter(juror__round=award_round))
    nominees = {organisation.pk: organisation for organisation in nominees_of(award_round)}
    counts: dict[int, int] = {}
    for nominee_id in Nomination.objects.filter(round=award_round).values_list(
        "nominee_id", flat=True
    ):
        counts[nominee_id] = counts.get(nominee_id, 0) + 1
    ranked = scoring.results(
        nominees,
        [
            scoring.JurorScore(s.juror_id, s.nominee_id, s.direct_cuts, s.long_term, s.example)
            for s in scores
        ],
        own,
    )
    by_pair = {(s.juror_id, s.nominee_id): s for s in scores}
    rows = [
        ResultRow(
            nominee=nominees[result.nominee],
            result=result,
            cells=[
                ScoreCell(by_pair.get((juror.pk, result.nominee)), result.nominee in own[juror.pk])
                for juror in jurors
            ],
            nominations=counts.get(result.nominee, 0),
        )
        for result in ranked
    ]
    return RoundResult(jurors=jurors, rows=rows, leaders=scoring.leaders(ranked))


def public_profile_urls(organisations: list[Organisation]) -> dict[int, str]:
    """The public profile's address of each organisation that has one (in the directory).

    The directory is a page of the site app, which imports from the apps and not the other way
    round: it is looked up by name here, and without a live directory there are no links.
    """
    from django.apps import apps

    directory_model = apps.get_model("klimanett_site", "PartnerDirectoryPage")
    directory = directory_model.objects.live().public().first()
    if directory is None or not organisations:
        return {}
    in_directory = set(
        Organisation.objects.in_directory()
        .filter(pk__in=[o.pk for o in organisations])
        .values_list("pk", flat=True)
    )
    return {
        organisation.pk: (directory.get_url() or "")
        + directory.reverse_subpage("profile", args=[organisation.slug])
        for organisation in organisations
        if organisation.pk in in_directory
    }


@dataclass(frozen=True)
class PublishedWinner:
    award_round: AwardRound
    profile_url: str  # empty when the winner has no public profile


@dataclass(frozen=True)
class PublicAward:
    """What the public award page shows: the criteria, the current round and the winners."""

    criteria: tuple[tuple[str, Any, Any], ...]
    current_round: AwardRound | None
    phase: str  # the current round's phase (``AwardRound.Phase``), empty without a round
    winners: list[PublishedWinner]  # published rounds only, newest first


def public_award(today: datetime.date | None = None) -> PublicAward:
    from klimanett.awards.models import CRITERIA

    award_round = current_round()
    rounds = list(published_rounds())
    urls = public_profile_urls([r.winner for r in rounds if r.winner is not None])
    return PublicAward(
        criteria=CRITERIA,
        current_round=award_round,
        phase=award_round.phase(today) if award_round else "",
        winners=[PublishedWinner(r, urls.get(r.winner_id or 0, "")) for r in rounds],
    )
