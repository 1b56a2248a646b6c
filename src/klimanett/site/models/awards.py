"""The page that presents the network's annual award and its winners."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from klimanett.awards.selectors import public_award
from klimanett.site.blocks import BodyBlock


class AwardPage(Page):
    """ "Årets klimapartner": the criteria and the winners, read from the award rounds."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("award page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The criteria, the current round and the published winners (``klimanett.awards``)."""
        context = super().get_context(request, *args, **kwargs)
        context["award"] = public_award()
        return context
