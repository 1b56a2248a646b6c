"""Municipal greenhouse gas statistics (Miljødirektoratet's "Utslipp av klimagasser i kommuner")
and the audit trail of their imports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimanett.municipalities.models import Municipality


class MunicipalEmission(models.Model):
    """One municipality's emissions from one sector (and subsector) in one year."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="emissions",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sector = models.CharField(_("sector"), max_length=100)
    subsector = models.CharField(_("subsector"), max_length=150, blank=True)
    t_co2e = models.DecimalField(_("tonnes CO2e"), max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = _("municipal emission")
        verbose_name_plural = _("municipal emissions")
        ordering = ["municipality__name", "year", "sector", "subsector"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "sector", "subsector"],
                name="region_emission_unique_per_municipality_year_sector",
            )
        ]

    def __str__(self) -> str:
        label = f"{self.sector} / {self.subsector}" if self.subsector else self.sector
        return f"{self.municipality} {self.year} {label}"


class EmissionImport(models.Model):
    """An import of the statistics file: who, when, which file, which years it replaced, and
    the lines it refused (a file with refused lines imports nothing)."""

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    file_name = models.CharField(_("file name"), max_length=255)
    years = models.JSONField(_("years replaced"), default=list, blank=True)
    municipalities = models.JSONField(_("municipalities"), default=list, blank=True)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    rows_replaced = models.PositiveIntegerField(_("rows replaced"), default=0)
    suppressed_lines = models.PositiveIntegerField(_("lines without a value"), default=0)
    refused_lines = models.JSONField(_("lines refused"), default=list, blank=True)

    class Meta:
        verbose_name = _("emission statistics import")
        verbose_name_plural = _("emission statistics imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"

    @property
    def accepted(self) -> bool:
        return not self.refused_lines
