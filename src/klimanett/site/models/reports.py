"""The network's annual climate reports: an index with a page per year under it.

A report page holds the secretariat's own text; its figures come from the partners' approved
accounts (``region.report``). They are computed and stored on the page when it is published
(``store_published_figures``) and shown from there, so the published report stays as it was
published until it is published again; a preview shows the figures as they stand now. The page
has a PDF of itself at ``pdf/``.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from klimanett.region.report import NetworkReport, network_report
from klimanett.region.report_snapshot import from_json, to_json
from klimanett.site.blocks import BodyBlock


class AnnualReportIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["klimanett_site.AnnualReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("annual climate reports")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            AnnualReportPage.objects.live().public().descendant_of(self).order_by("-year")
        )
        return context


class AnnualReportPage(RoutablePageMixin, Page):
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_(
            "The year the report covers; it is also the page's address. Its figures are computed "
            "from the active partners' approved accounts for the year when the page is "
            "published, and stay as they were until it is published again (publish it again "
            "when a partner withdraws its consent to be named). The preview shows them as they "
            "stand now."
        ),
    )
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(
        BodyBlock(),
        verbose_name=_("the secretariat's text"),
        blank=True,
        help_text=_("Shown before the figures: what the year showed, and what comes next."),
    )
    figures = models.JSONField(_("published figures"), null=True, blank=True, editable=False)
    figures_computed_at = models.DateTimeField(
        _("figures computed"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["klimanett_site.AnnualReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("annual climate report")

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        # The report's address is its year: /klimarapport/2025/.
        if self.year:
            self.slug = str(self.year)
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if (
            self.year
            and AnnualReportPage.objects.filter(year=self.year).exclude(pk=self.pk).exists()
        ):
            raise ValidationError(
                {"year": _("There is already a report for %(year)s.") % {"year": self.year}}
            )
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("The report can only cover a year that has begun.")})

    def report(self, request: HttpRequest | None = None) -> tuple[NetworkReport, Any]:
        """The figures and when they were computed: as published, or as they stand now in a
        preview (and before the first publication)."""
        if self.figures is not None and not getattr(request, "is_preview", False):
            # Stored by an earlier layout (ValueError): computed again until republished.
            with contextlib.suppress(ValueError):
                return from_json(self.figures), self.figures_computed_at
        return network_report(self.year), timezone.now()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from klimanett.site.annual_report import report_context

        context = super().get_context(request, *args, **kwargs)
        report, computed_at = self.report(request)
        return context | report_context(report) | {"computed_at": computed_at}

    @path("")
    def report_page(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("pdf/")
    def pdf(self, request: HttpRequest) -> HttpResponse:
        from klimanett.site.annual_report import report_pdf

        if self.figures is None:
            raise Http404  # not published yet
        response = HttpResponse(report_pdf(self, request), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="klimarapport-{self.year}.pdf"'
        return response


def store_published_figures(sender: Any, instance: Page, **kwargs: Any) -> None:
    """`page_published` receiver: compute the report's figures and keep them on the page."""
    if not isinstance(instance, AnnualReportPage):
        return
    now = timezone.now()
    figures = to_json(network_report(instance.year))
    AnnualReportPage.objects.filter(pk=instance.pk).update(figures=figures, figures_computed_at=now)
    instance.figures, instance.figures_computed_at = figures, now
