"""A partner's targets, its action plan of measures, and the status reports that follow the
measures up. The numbers (paths, gaps, abatement costs) are computed in ``paths.py``."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from klimanett.partners.models import Organisation

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class TargetQuerySet(models.QuerySet["Target"]):
    def published(self) -> TargetQuerySet:
        """Targets their organisation has chosen to show on its public profile (a withdrawn
        target is no longer shown)."""
        return self.filter(publish=True).exclude(status=Target.Status.WITHDRAWN)


class Target(models.Model):
    class Kind(models.TextChoices):
        EMISSIONS = "emissions", _("Greenhouse gas emissions")
        ENERGY = "energy", _("Energy use")
        RENEWABLE_SHARE = "renewable_share", _("Share of renewable energy")

    class Metric(models.TextChoices):
        ABSOLUTE = "absolute", _("Absolute (total)")
        PER_EMPLOYEE = "per_employee", _("Per employee")
        PER_MILLION_NOK = "per_million_nok", _("Per million NOK revenue")
        PER_M2 = "per_m2", _("Per m² heated floor area")

    class Scopes(models.TextChoices):
        SCOPE_1 = "1", _("Scope 1 (direct emissions)")
        SCOPES_1_2 = "1+2", _("Scopes 1 and 2")
        SCOPES_1_2_3 = "1+2+3", _("Scopes 1, 2 and 3")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ACHIEVED = "achieved", _("Achieved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EMISSIONS)
    metric = models.CharField(
        _("absolute or intensity"), max_length=20, choices=Metric.choices, default=Metric.ABSOLUTE
    )
    scopes = models.CharField(
        _("scopes covered"),
        max_length=10,
        choices=Scopes.choices,
        default=Scopes.SCOPES_1_2,
        help_text=_("For emission targets."),
    )
    base_year = models.PositiveSmallIntegerField(_("base year"), validators=YEAR_VALIDATORS)
    base_value = models.FloatField(
        _("value in the base year"),
        help_text=_(
            "Taken from the base year's climate account: kg CO2e (or kg CO2e per unit for an "
            "intensity), kWh for energy use, percent for a renewable share."
        ),
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), validators=YEAR_VALIDATORS)
    reduction_percent = models.DecimalField(
        _("reduction (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("For emissions and energy use: how much lower than the base year."),
    )
    target_share_percent = models.DecimalField(
        _("target share of renewable energy (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    is_standard_commitment = models.BooleanField(
        _("the network's standard commitment"),
        default=False,
        help_text=_("Fossil-free, with direct emissions cut, by 2030."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    publish = models.BooleanField(
        _("show on our public profile"),
        default=False,
        help_text=_(
            "Show the target and its progress, measured against the climate accounts you "
            "publish, on your profile in the public partner directory. The target's base "
            "value (the base year's emissions) is shown with it, even when that year's "
            "account is not published."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["organisation__name", "target_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gt=F("base_year")),
                name="target_year_after_base_year",
                violation_error_message=_("The target year must come after the base year."),
            ),
            models.CheckConstraint(
                condition=Q(kind="renewable_share", target_share_percent__isnull=False)
                | (~Q(kind="renewable_share") & Q(reduction_percent__isnull=False)),
                name="target_has_its_kind_of_value",
                violation_error_message=_(
                    "Give a reduction in percent, or a target share for a renewable share target."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"


class ActionPlan(models.Model):
    """The organisation's action plan (tiltaksplan): its measures and how often they are
    followed up."""

    class Cadence(models.TextChoices):
        YEARLY = "yearly", _("Once a year")
        THREE_TIMES = "three_times", _("Three times a year")

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="action_plan",
    )
    report_cadence = models.CharField(
        _("status reports"), max_length=20, choices=Cadence.choices, default=Cadence.YEARLY
    )
    reference_growth_percent = models.DecimalField(
        _("yearly change without new measures (%)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(-20)), MaxValueValidator(Decimal(20))],
        help_text=_(
            "How emissions would change each year with no new measures (the reference path), "
            "for example with growth in activity. 0 keeps them at the latest account's level."
        ),
    )
    publish_done_measures = models.BooleanField(
        _("show done measures on our public profile"),
        default=False,
        help_text=_(
            "Show the measures you have carried out, with their expected yearly reduction, on "
            "your profile in the public partner directory."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return str(self.organisation)


class Measure(models.Model):  # type: ignore[django-manager-missing]  # ExamplePage.measure: Wagtail page manager
    class Category(models.TextChoices):
        TRANSPORT = "transport", _("Transport")
        HEATING = "heating", _("Heating")
        BUILDING_ELECTRICITY = "building_electricity", _("Electricity use in buildings")
        PROCUREMENT = "procurement", _("Procurement")
        WASTE = "waste", _("Waste and circular economy")
        BUSINESS_TRAVEL = "business_travel", _("Business travel")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="measures"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    activity_keys = models.JSONField(
        _("activities it acts on"),
        default=list,
        blank=True,
        help_text=_("The activity keys of the climate account the measure reduces."),
    )
    template_key = models.CharField(_("from template"), max_length=60, blank=True)
    expected_reduction_t = models.DecimalField(
        _("expected yearly reduction (t CO2e)"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0))],
    )
    expected_energy_kwh = models.DecimalField(
        _("expected yearly energy saving (kWh)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Where the measure saves energy."),
    )
    investment_nok = models.DecimalField(
        _("investment (NOK)"),
        max_digits=14,
        decimal_places=0,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("The one-off cost. Write 0 if there is none."),
    )
    lifetime_years = models.PositiveSmallIntegerField(
        _("lifetime (years)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Over how many years the investment is spread in the abatement cost."),
    )
    yearly_cost_nok = models.DecimalField(
        _("yearly cost or saving (NOK)"),
        max_digits=14,
        decimal_places=0,
        default=Decimal(0),
        help_text=_("Running cost each year; a saving is written with a minus sign."),
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    responsible = models.CharField(
        _("responsible"),
        max_length=120,
        blank=True,
        help_text=_("A role or a name, for example «driftsleder»."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["plan", "start_year", "pk"]

    def __str__(self) -> str:
        return self.title


class StatusReport(models.Model):
    """A follow-up of one measure: where it stands at a date, as its organisation reports it."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="reports"
    )
    reported_on = models.DateField(_("reported"))
    status = models.CharField(_("status"), max_length=20, choices=Measure.Status.choices)
    progress = models.TextField(_("what has happened"), max_length=2000, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["measure", "-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.reported_on}"
