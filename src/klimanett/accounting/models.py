"""A partner's annual climate account and its activity lines.

Quantities are stored exactly as entered (Decimal, with their unit); the engine in ``ghg/``
computes emissions from them with the factor set the account keeps.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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
