"""The annual award "Årets klimapartner": rounds, nominations, the jury and its scores.

A round runs through phases read from its dates and decisions (``AwardRound.phase``): upcoming,
open for nominations (from ``nomination_opens`` to ``nomination_closes``, both days included),
judging (the jury scores until ``scoring_closes``), decided (the secretariat has chosen the
winner) and published (the winner is shown on the public award page).

The jury scores each nominee, not each nomination: an organisation nominated by several
partners is scored once, with all the reasons in front of the juror. A juror never scores a
nominee from their own organisation: the organisations the juror is a contact of, and for an
external juror the organisation given on the juror. ``Score.clean`` checks it, and
``services.score_nominee`` runs that check before anything is saved.

Self-nomination is allowed (a partner may put its own work forward) and is marked as such for
the jury and the secretariat.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from klimanett.partners.models import Contact, Membership, Organisation

MIN_POINTS, MAX_POINTS = 1, 5

# The published criteria, in the order the jury scores them: (field name, label, explanation).
CRITERIA = (
    (
        "direct_cuts",
        _("Direct cuts"),
        _("Emissions the organisation has already cut, measured in its climate accounts."),
    ),
    (
        "long_term",
        _("Long-term transition"),
        _("Targets, plans and investments that change how the organisation works for good."),
    ),
    (
        "example",
        _("Value as an example for others"),
        _("How much other organisations in the region can learn from and copy the work."),
    ),
)


def default_title(year: int) -> str:
    return f"Årets klimapartner {year}"


def nominable() -> models.QuerySet[Organisation]:
    """Active members with a public profile: a nominee may win, and the winner is shown on the
    public site, so only organisations that chose to be seen can be nominated."""
    return Organisation.objects.in_directory().order_by("name")


def active_members() -> models.QuerySet[Organisation]:
    """Organisations with an active membership of the network: those that may be nominated."""
    return (
        Organisation.objects.filter(memberships__status=Membership.Status.ACTIVE)
        .distinct()
        .order_by("name")
    )


class AwardRoundQuerySet(models.QuerySet["AwardRound"]):
    def published(self) -> AwardRoundQuerySet:
        return self.filter(published_at__isnull=False, winner__isnull=False)

    def open_for_nominations(self, today: datetime.date | None = None) -> AwardRoundQuerySet:
        today = today or timezone.localdate()
        return self.filter(
            nomination_opens__lte=today, nomination_closes__gte=today, winner__isnull=True
        )


class AwardRound(models.Model):
    class Phase(models.TextChoices):
        UPCOMING = "upcoming", _("Not open yet")
        NOMINATING = "nominating", _("Open for nominations")
        JUDGING = "judging", _("The jury is judging")
        DECIDED = "decided", _("Winner chosen, not published")
        PUBLISHED = "published", _("Winner published")

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={"unique": _("There is already an award round for this year.")},
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Left empty: “Årets klimapartner” and the year."),
    )
    criteria = models.TextField(
        _("the criteria, as published"),
        blank=True,
        help_text=_(
            "What the jury looks for under each of the three criteria: direct cuts, "
            "long-term transition, and value as an example for others. Shown on the award page."
        ),
    )
    nomination_opens = models.DateField(_("nominations open"))
    nomination_closes = models.DateField(
        _("nominations close"), help_text=_("The last day partners can nominate.")
    )
    scoring_closes = models.DateField(
        _("scoring closes"), help_text=_("The last day the jury can give scores.")
    )
    winner = models.ForeignKey(
        Organisation,
        verbose_name=_("winner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_wins",
    )
    citation = models.TextField(_("the jury's citation"), blank=True, max_length=3000)
    decided_at = models.DateTimeField(_("winner chosen"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nomination_closes__gte=F("nomination_opens")),
                name="award_nominations_close_after_they_open",
                violation_error_message=_("Nominations must close after they open."),
            ),
            models.CheckConstraint(
                condition=Q(scoring_closes__gte=F("nomination_closes")),
                name="award_scoring_closes_after_nominations",
                violation_error_message=_("Scoring must close after nominations close."),
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(winner__isnull=False),
                name="award_published_round_has_a_winner",
                violation_error_message=_("Only a round with a winner can be published."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or default_title(self.year)

    def clean(self) -> None:
        if not self.title and self.year:
            self.title = default_title(self.year)

    def phase(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.winner_id is not None:
            return self.Phase.PUBLISHED if self.published_at else self.Phase.DECIDED
        if today < self.nomination_opens:
            return self.Phase.UPCOMING
        if today <= self.nomination_closes:
            return self.Phase.NOMINATING
        return self.Phase.JUDGING

    def phase_label(self) -> str:
        return str(self.Phase(self.phase()).label)

    def is_open_for_nominations(self, today: datetime.date | None = None) -> bool:
        return self.phase(today) == self.Phase.NOMINATING

    def is_open_for_scoring(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.phase(today) == self.Phase.JUDGING and today <= self.scoring_closes


class Nomination(models.Model):
    round = models.ForeignKey(
        AwardRound,
        verbose_name=_("award round"),
        on_delete=models.CASCADE,
        related_name="nominations",
    )
    nominee = models.ForeignKey(
        Organisation,
        verbose_name=_("nominee"),
        on_delete=models.PROTECT,
        related_name="award_nominations",
    )
    nominating_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("nominated by organisation"),
        on_delete=models.PROTECT,
        related_name="award_nominations_made",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=3000)
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["round", "nominee__name", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "nominee", "nominating_organisation"],
                name="one_nomination_per_nominee_and_nominating_organisation",
                violation_error_message=_(
                    "Your organisation has already nominated this organisation this year."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee} ({self.round.year})"

    @property
    def is_self_nomination(self) -> bool:
        return self.nominee_id == self.nominating_organisation_id


class Juror(models.Model):
    round = models.ForeignKey(
        AwardRound, verbose_name=_("award round"), on_delete=models.CASCADE, related_name="jurors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="award_juries",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("the juror's own organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "For a juror who is not a contact person of the organisation they work for. "
            "The juror never scores the organisations they are a contact of, nor this one."
        ),
    )

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["round", "user__first_name", "user__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"],
                name="one_juror_per_person_and_round",
                violation_error_message=_("The person is already on this round's jury."),
            )
        ]

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.email
        return f"{name} ({self.round.year})"

    def own_organisation_ids(self) -> set[int]:
        """The organisations whose nomination the juror must not score."""
        ids = set(
            Contact.objects.filter(user_id=self.user_id).values_list("organisation_id", flat=True)
        )
        if self.organisation_id is not None:
            ids.add(self.organisation_id)
        return ids

    def has_conflict_with(self, organisation_id: int) -> bool:
        return organisation_id in self.own_organisation_ids()


def _points(verbose_name: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(MIN_POINTS), MaxValueValidator(MAX_POINTS)]
    )


class Score(models.Model):
    juror = models.ForeignKey(
        Juror, verbose_name=_("juror"), on_delete=models.CASCADE, related_name="scores"
    )
    nominee = models.ForeignKey(
        Organisation, verbose_name=_("nominee"), on_delete=models.PROTECT, related_name="+"
    )
    direct_cuts = _points(_("direct cuts"))
    long_term = _points(_("long-term transition"))
    example = _points(_("value as an example"))
    comment = models.TextField(_("comment"), blank=True, max_length=3000)
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["juror", "nominee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "nominee"],
                name="one_score_per_juror_and_nominee",
                violation_error_message=_("The juror has already scored this nominee."),
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": MIN_POINTS, f"{name}__lte": MAX_POINTS}),
                    name=f"award_score_{name}_from_1_to_5",
                    violation_error_message=_("Give from 1 to 5 points."),
                )
                for name in ("direct_cuts", "long_term", "example")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} – {self.nominee}"

    @property
    def total(self) -> int:
        return self.direct_cuts + self.long_term + self.example

    def clean(self) -> None:
        if self.juror_id is None or self.nominee_id is None:
            return
        if self.juror.has_conflict_with(self.nominee_id):
            raise ValidationError(
                gettext("A juror does not score a nominee from their own organisation."),
                code="conflict",
            )
        if not Nomination.objects.filter(
            round_id=self.juror.round_id, nominee_id=self.nominee_id
        ).exists():
            raise ValidationError(
                gettext("The organisation is not nominated in this round."), code="not_nominated"
            )
