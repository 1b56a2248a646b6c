"""A partner's annual climate account and its activity lines.

Quantities are stored exactly as entered (Decimal, with their unit); the engine in ``ghg/``
computes emissions from them with the factor set the account keeps.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from klimanett.accounting.ghg.factors import DEFAULT_FACTOR_SET
from klimanett.partners.models import Organisation


class ClimateAccountQuerySet(models.QuerySet["ClimateAccount"]):
    def published(self) -> ClimateAccountQuerySet:
        """Approved accounts whose organisation agreed to show them on its public profile."""
        return self.filter(status=ClimateAccount.Status.APPROVED, publish=True)


class ClimateAccount(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="climate_accounts",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    factor_set = models.CharField(
        _("emission factor set"), max_length=40, default=DEFAULT_FACTOR_SET
    )
    employees = models.PositiveIntegerField(
        _("employees (full-time equivalents)"), null=True, blank=True
    )
    revenue_nok = models.DecimalField(
        _("revenue (NOK)"),
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    heated_area_m2 = models.DecimalField(
        _("heated floor area (m²)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    publish = models.BooleanField(_("show on our public profile when approved"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    explanations = models.JSONField(
        _("explanations of the checks"),
        default=dict,
        blank=True,
        help_text=_("The partner's explanation of each check, by the check's key."),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClimateAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("climate account")
        verbose_name_plural = _("climate accounts")
        ordering = ["organisation__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="one_climate_account_per_organisation_and_year",
                violation_error_message=_(
                    "The organisation already has a climate account for this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submitted_account_has_submission_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("accounting:account_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class AccountLine(models.Model):
    """One activity of the year, as the partner entered it."""

    account = models.ForeignKey(
        ClimateAccount,
        verbose_name=_("climate account"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    activity = models.CharField(_("activity"), max_length=60)
    quantity = models.DecimalField(
        _("quantity"), max_digits=18, decimal_places=6, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("unit"), max_length=10)
    note = models.TextField(
        _("note and evidence"),
        max_length=1000,
        blank=True,
        help_text=_("Where the figure comes from: an invoice, a meter, a report."),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("activity line")
        verbose_name_plural = _("activity lines")
        ordering = ["account", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.activity}: {self.quantity} {self.unit}"


class ImmutableFactorSet(Exception):
    """An imported factor set is never changed or deleted: a correction is a new version."""


class ImportedFactorSet(models.Model):
    """An emission factor set the secretariat imported in the back office, beside the sets
    shipped in the package. It is never edited or deleted, only succeeded by a newer one, so
    an account calculated with it can always be recalculated to the same figures."""

    version = models.CharField(
        _("version"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                _("Use letters, digits, dots, hyphens and underscores, as in NO-2026.1."),
            )
        ],
        help_text=_("For example NO-2026.1."),
    )
    succeeds = models.CharField(_("succeeds"), max_length=40)
    notes = models.TextField(_("what changed"), max_length=2000, blank=True)
    factors_csv = models.TextField(_("factors (CSV)"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported factor set")
        verbose_name_plural = _("imported factor sets")
        ordering = ["imported_at", "pk"]

    def __str__(self) -> str:
        return self.version

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableFactorSet(self.version)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableFactorSet(self.version)


class BaseYear(models.Model):
    """The year an organisation measures its progress from, with the base-year emissions as
    recorded when it was chosen or last recalculated: the total, the factor set, and each
    activity with its quantity and factors (`ghg.restatement.Position`), so that a later
    change of lines or a newer factor set can be measured against it."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="base_year",
    )
    account = models.ForeignKey(
        ClimateAccount,
        verbose_name=_("climate account of the base year"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    factor_set = models.CharField(_("emission factor set"), max_length=40)
    total_location_kg = models.FloatField(_("total, location-based (kg CO2e)"))
    total_market_kg = models.FloatField(_("total, market-based (kg CO2e)"))
    positions = models.JSONField(_("activities as recorded"), default=list)
    recorded_at = models.DateTimeField(_("recorded"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("base year")
        verbose_name_plural = _("base years")

    def __str__(self) -> str:
        return f"{self.organisation} {self.account.year}"

    def clean(self) -> None:
        if self.account.organisation_id != self.organisation_id:
            raise ValidationError(
                {"account": _("The base year must be one of the organisation's own accounts.")}
            )
