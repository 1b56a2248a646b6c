"""The blocks editors build pages from."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from klimanett.site.choosers import EventChooserBlock, OrganisationChooserBlock
from klimanett.site.profiles import partner_results


class AimBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=600)

    class Meta:
        icon = "pick"
        label = _("Aim")
        template = "klimanett_site/blocks/aim.html"


class FigureImageBlock(blocks.StructBlock):
    """An image with the text alternative always required (WCAG 1.1.1) and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for those who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "klimanett_site/blocks/figure_image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Who said it"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "klimanett_site/blocks/quote.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=30, help_text=_("For example 42 %."))
    label = blocks.CharBlock(label=_("What it counts"), max_length=200)
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "table"
        label = _("Key figure")
        template = "klimanett_site/blocks/key_figure.html"


class ExampleTeaserBlock(blocks.StructBlock):
    example = blocks.PageChooserBlock(
        label=_("Good example"), page_type="klimanett_site.ExamplePage"
    )

    class Meta:
        icon = "pick"
        label = _("Good example teaser")
        template = "klimanett_site/blocks/example_teaser.html"

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The chosen example only while it is live and public (no draft, no private page)."""
        from klimanett.site.models.examples import ExamplePage

        context: dict[str, Any] = super().get_context(value, parent_context=parent_context)
        chosen = value.get("example")
        context["example"] = (
            ExamplePage.objects.live().public().filter(pk=chosen.pk).first() if chosen else None
        )
        return context


class EventTeaserBlock(blocks.StructBlock):
    event = EventChooserBlock(label=_("Event"))

    class Meta:
        icon = "date"
        label = _("Event teaser")
        template = "klimanett_site/blocks/event_teaser.html"


class PartnerResultsBlock(blocks.StructBlock):
    """A partner's published climate results as a chart with its table (nothing when none)."""

    organisation = OrganisationChooserBlock(label=_("Partner"))

    class Meta:
        icon = "view"
        label = _("Chart of a partner's results")
        template = "klimanett_site/blocks/partner_results.html"

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(value, parent_context=parent_context)
        organisation = value.get("organisation")
        context["results"] = partner_results(organisation) if organisation else None
        context["chart_id"] = f"partner-results-{organisation.pk}" if organisation else ""
        return context


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="klimanett_site/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"]
    )
    image = FigureImageBlock()
    quote = QuoteBlock()
    key_figure = KeyFigureBlock()
    example_teaser = ExampleTeaserBlock()
    event_teaser = EventTeaserBlock()
    partner_results = PartnerResultsBlock()
