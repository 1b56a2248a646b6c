"""The municipalities the network covers, as reference data with their numbers over time."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    number = models.CharField(_("municipality number"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county_number = models.CharField(_("county number"), max_length=2)
    county = models.CharField(_("county"), max_length=100)
    number_2020 = models.CharField(_("number 2020–2023"), max_length=4, blank=True)
    predecessors = models.CharField(_("predecessors"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
