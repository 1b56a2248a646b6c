"""Good examples: the network's solution bank at /eksempler/."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_htmx.middleware import HtmxDetails
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from klimanett.climateplans.models import Measure
from klimanett.library.models import Resource
from klimanett.partners.models import Membership, Organisation
from klimanett.site.blocks import BodyBlock, FigureImageBlock
from klimanett.site.feeds import PageFeed
from klimanett.site.forms import ExampleFilterForm, ExamplePageForm

EXAMPLES_PER_PAGE = 12


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


class ExampleIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["klimanett_site.ExamplePage"]
    max_count = 1

    class Meta:
        verbose_name = _("good example index")

    def published_examples(self) -> ExampleQuerySet:
        """The live, public examples under this page (drafts and private pages never)."""
        return ExamplePage.objects.live().public().descendant_of(self)

    def filter_form(self, data: Any) -> ExampleFilterForm:
        examples = self.published_examples()
        categories = set(examples.values_list("category", flat=True))
        return ExampleFilterForm(
            data,
            categories=[(c.value, c.label) for c in Measure.Category if c.value in categories],
            years=sorted(set(examples.values_list("year", flat=True)), reverse=True),
            organisations=list(
                Organisation.objects.filter(example_pages__in=examples)
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
        )

    @path("")
    def examples(self, request: HttpRequest) -> HttpResponse:
        form = self.filter_form(request.GET or None)
        examples = self.published_examples()
        if form.is_valid():
            data = form.cleaned_data
            if data["category"]:
                examples = examples.filter(category=data["category"])
            if data["year"]:
                examples = examples.filter(year=data["year"])
            if data["organisation"]:
                examples = examples.filter(organisations__slug=data["organisation"])
        filters = urlencode(
            [(key, value) for key, value in request.GET.items() if key != "page" and value]
        )
        listed = examples.partners_first().prefetch_related("organisations")
        page_obj = Paginator(listed, EXAMPLES_PER_PAGE).get_page(request.GET.get("page"))
        template = "klimanett_site/example_index_page.html"
        # Set by django-htmx's middleware; a request that did not pass through it has none.
        htmx: HtmxDetails | None = getattr(request, "htmx", None)
        if htmx and htmx.target == "example-results":
            template = "klimanett_site/example_index_page.html#browse"
        return self.render(
            request,
            context_overrides={"form": form, "page_obj": page_obj, "filters": filters},
            template=template,
        )

    @path("rss/")
    def feed(self, request: HttpRequest) -> HttpResponse:
        return PageFeed(
            self,
            self.published_examples().order_by("-date", "-pk"),
            text_field="summary",
            description=str(_("Good examples from the climate network.")),
        )(request)


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
    resources = ParentalManyToManyField(
        "library.Resource",
        verbose_name=_("further reading"),
        related_name="example_pages",
        blank=True,
        help_text=_("Resources from the knowledge library shown with the example."),
    )
    images = StreamField(
        [("image", FigureImageBlock())], verbose_name=_("images"), blank=True, max_num=12
    )
    body = StreamField(BodyBlock(), verbose_name=_("story"), blank=True)

    objects = ExampleManager()
    base_form_class = ExamplePageForm

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
        FieldPanel("resources"),
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
        from klimanett.site.models.pages import PartnerDirectoryPage

        context = super().get_context(request, *args, **kwargs)
        directory = PartnerDirectoryPage.objects.live().public().first()
        public = set(Organisation.objects.in_directory().values_list("pk", flat=True))
        context["organisations"] = [
            (
                organisation,
                directory.profile_url(organisation, request)
                if directory is not None and organisation.pk in public
                else "",
            )
            for organisation in self.organisations.order_by("name")
        ]
        context["measure"] = self.published_measure(public)
        context["further_reading"] = list(
            self.resources.filter(status=Resource.Status.PUBLISHED).order_by("-year", "title")
        )
        return context

    def published_measure(self, public_organisations: set[int]) -> Measure | None:
        """The linked measure, when its partner publishes its done measures and it is done:
        the example then shows its status; otherwise the plan stays the partner's own."""
        measure = self.measure
        if (
            measure is None
            or measure.status != Measure.Status.DONE
            or not measure.plan.publish_done_measures
            or measure.plan.organisation_id not in public_organisations
        ):
            return None
        return measure

    def first_image(self) -> Any:
        """The first image of the example (for Open Graph), or None."""
        for block in self.images:
            return block.value
        return None
