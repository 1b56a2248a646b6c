"""Resources, sectors and partners' suggestions in the Wagtail admin, for the secretariat alone.

Resources and sectors are audited model viewsets (``AuditedModelViewSet``); a resource is
edited with all its fields, the measure templates it backs chosen by name. "Suggestions to
approve" lists what partners suggested: the secretariat reads one, may edit its summary, and
publishes or rejects it (``contributions.decide``, audited; the person who suggested it gets an
e-mail). The menu item shows how many are waiting.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as django_messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from klimanett.climateplans.measure_templates import TEMPLATES
from klimanett.core.roles import SecretariatOnlyMixin, is_secretariat
from klimanett.core.viewsets import AuditedModelViewSet
from klimanett.library import contributions
from klimanett.library.models import Resource, Sector
from klimanett.library.services import resource_slug


def measure_template_choices() -> list[tuple[str, str]]:
    """The measure templates by key, named in the admin's language."""
    return [(template.key, gettext(template.title)) for template in TEMPLATES]


class ResourceAdminForm(WagtailAdminModelForm):
    """The measure templates as checkboxes; the slug is made from the title when empty; a
    resource set to published gets its publication time."""

    url = forms.URLField(label=_("link"), required=False, max_length=1000, assume_scheme="https")
    measure_templates = forms.MultipleChoiceField(
        label=_("measure templates it backs"),
        required=False,
        choices=measure_template_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The measure templates whose assumptions this resource supports."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Made from the title if left empty.")

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        if not slug and (title := self.data.get(self.add_prefix("title"), "").strip()):
            slug = resource_slug(title)
        return slug

    def clean_measure_templates(self) -> list[str]:
        return list(self.cleaned_data.get("measure_templates") or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # Published now (new, or back from suggested or rejected): dated now, so the next
        # digest has it.
        was_published = self.initial.get("status") == Resource.Status.PUBLISHED
        if data.get("status") == Resource.Status.PUBLISHED and not (
            was_published and self.instance.published_at
        ):
            self.instance.published_at = timezone.now()
        return data


def _themes(resource: Resource) -> str:
    return ", ".join(theme.name for theme in resource.themes.all())


class ResourceViewSet(AuditedModelViewSet):
    model = Resource
    name = "library_resources"
    url_prefix = "kunnskap/ressurser"
    icon = "doc-full"
    menu_label = _("Resources")
    copy_view_enabled = False
    ordering = ["-created_at"]
    list_filter = ["status", "kind", "themes", "link_status", "language", "audience"]
    list_display = [
        "title",
        "kind",
        "year",
        "status",
        Column("themes", label=_("Themes"), accessor=_themes),
        "link_status",
    ]
    list_export = [
        "title",
        "slug",
        "status",
        "kind",
        "publisher",
        "year",
        "language",
        "audience",
        "url",
        "link_status",
        "published_at",
    ]
    export_filename = "kunnskapsbank"
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    TitleFieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("summary"),
                    MultiFieldPanel(
                        [FieldPanel("url"), FieldPanel("file")], heading=_("Link or file")
                    ),
                    FieldRowPanel([FieldPanel("publisher"), FieldPanel("year")]),
                    FieldRowPanel(
                        [FieldPanel("kind"), FieldPanel("language"), FieldPanel("audience")]
                    ),
                    FieldPanel("status"),
                ],
                heading=_("Resource"),
            ),
            ObjectList(
                [
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("events"),
                    FieldPanel("measure_templates"),
                ],
                heading=_("Links to the rest of the platform"),
            ),
            ObjectList(
                [
                    FieldPanel("suggested_by", read_only=True),
                    FieldPanel("suggested_for", read_only=True),
                    FieldPanel("published_at", read_only=True),
                    FieldPanel("link_status", read_only=True),
                    FieldPanel("link_checked_at", read_only=True),
                    FieldPanel("link_error", read_only=True),
                ],
                heading=_("History"),
            ),
        ],
        base_form_class=ResourceAdminForm,
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        return Resource.objects.prefetch_related("themes")


class SectorViewSet(AuditedModelViewSet):
    model = Sector
    name = "library_sectors"
    url_prefix = "kunnskap/sektorer"
    icon = "tag"
    menu_label = _("Sectors")
    copy_view_enabled = False
    ordering = "name"
    search_fields = ["name"]
    list_display = ["name", "slug"]
    panels = [TitleFieldPanel("name"), FieldPanel("slug")]


# Suggestions to approve -----------------------------------------------------------------------


class DecisionForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What it is and why it is useful, in the network's own words."),
    )
    message = forms.CharField(
        label=_("Message to the person who suggested it (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the decision, for example why it was not published."),
    )


class SuggestionListView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    page_title = _("Suggestions to approve")
    header_icon = "doc-full"
    template_name = "library/admin/suggestion_list.html"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(suggestions=contributions.pending_suggestions())
        )


class SuggestionReviewView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    header_icon = "doc-full"
    template_name = "library/admin/suggestion_review.html"
    resource: Resource

    def get_page_title(self) -> str:
        return gettext("Suggestion: %(title)s") % {"title": self.resource.title}

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("library_suggestions:index"), "label": _("Suggestions to approve")},
            {"url": "", "label": self.resource.title},
        ]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not is_secretariat(request.user):
            raise PermissionDenied
        self.resource = get_object_or_404(
            Resource.objects.select_related("suggested_by", "suggested_for").prefetch_related(
                "themes"
            ),
            pk=kwargs["pk"],
            status=Resource.Status.SUGGESTED,
        )
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form: DecisionForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(resource=self.resource, form=form))

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(DecisionForm(initial={"summary": self.resource.summary}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = DecisionForm(request.POST)
        decision = request.POST.get("decision")
        if decision not in ("publish", "reject"):
            form.add_error(None, gettext("Choose to publish or to reject the suggestion."))
        if not form.is_valid():
            return self._render(form)
        try:
            resource = contributions.decide(
                resource=self.resource,
                publish=decision == "publish",
                by=request.user,  # type: ignore[arg-type]
                summary=form.cleaned_data["summary"],
                message=form.cleaned_data["message"],
            )
        except contributions.NotASuggestion:  # pragma: no cover - decided in between
            django_messages.error(request, gettext("The suggestion was decided already."))
            return redirect("library_suggestions:index")
        if resource.status == Resource.Status.PUBLISHED:
            text = gettext("“%(title)s” is published.")
        else:
            text = gettext("“%(title)s” is rejected.")
        django_messages.success(request, text % {"title": resource.title})
        return redirect("library_suggestions:index")


class SuggestionsMenuItem(MenuItem):
    """For the secretariat alone, with the number of suggestions waiting."""

    def is_shown(self, request: Any) -> bool:
        return is_secretariat(request.user)

    def render_component(self, request: Any) -> Any:
        component = super().render_component(request)
        count = contributions.pending_suggestions().count()
        if count:
            component.label = f"{self.label} ({count})"
        return component


class SuggestionViewSet(ViewSet):
    name = "library_suggestions"
    url_prefix = "kunnskap/forslag"
    icon = "help"
    menu_label = _("Suggestions to approve")
    menu_item_class = SuggestionsMenuItem

    def get_urlpatterns(self) -> list[URLPattern]:
        return [
            path("", SuggestionListView.as_view(), name="index"),
            path("<int:pk>/", SuggestionReviewView.as_view(), name="review"),
        ]
