"""Good examples: the network's solution bank at /eksempler/."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from klimanett.climateplans.models import Measure
from klimanett.partners.models import Membership
from klimanett.site.blocks import BodyBlock, FigureImageBlock


class ExampleQuerySet(PageQuerySet):
    def partners_first(self) -> ExampleQuerySet:
        """Examples involving an active partner of the network first, newest first within each."""
        partner = Membership.objects.filter(
            organisation__example_pages=OuterRef("pk"),
            status=Membership.Status.ACTIVE,
            type=Membership.Type.PARTNER,
        )
        return self.annotate(by_partner=Exists(partner)).order_by("-by_partner", "-date", "-pk")


ExampleManager = PageManager.from_queryset(ExampleQuerySet)


class ExampleIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["klimanett_site.ExamplePage"]
    max_count = 1

    class Meta:
        verbose_name = _("good example index")


class ExamplePage(Page):
    """A good example: a story with structured facts, about one or more organisations."""

    date = models.DateField(_("published"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences, shown in lists and feeds."),
    )
    organisations = ParentalManyToManyField(
        "partners.Organisation",
        verbose_name=_("organisations involved"),
        related_name="example_pages",
        blank=True,
    )
    category = models.CharField(
        _("measure category"), max_length=30, choices=Measure.Category.choices
    )
    year = models.PositiveSmallIntegerField(
        _("year carried out"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    reduction_t = models.DecimalField(
        _("reduction achieved (t CO2e a year)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    reduction_percent = models.DecimalField(
        _("reduction achieved (percent)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Of the emissions the measure acts on."),
    )
    cost_nok = models.DecimalField(
        _("cost (NOK)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure in the action plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="example_pages",
        help_text=_("The organisation's own measure this example tells about, if any."),
    )
    images = StreamField(
        [("image", FigureImageBlock())], verbose_name=_("images"), blank=True, max_num=12
    )
    body = StreamField(BodyBlock(), verbose_name=_("story"), blank=True)

    objects = ExampleManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("organisations"),
                FieldPanel("category"),
                FieldPanel("year"),
                FieldPanel("reduction_t"),
                FieldPanel("reduction_percent"),
                FieldPanel("cost_nok"),
                FieldPanel("measure"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("images"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.FilterField("category"),
        index.FilterField("year"),
    ]
    parent_page_types = ["klimanett_site.ExampleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = self.organisations.select_related("municipality")
        return context
