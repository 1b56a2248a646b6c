"""The secretariat's intake in the Wagtail admin: the feeds (with "Fetch now"), the review queue
where fetched items are accepted into the library or rejected, and the list of dead links.

For the secretariat alone: everyone else gets 403 (or the login page). Every decision is a
POST with the CSRF token and goes through ``klimanett.library.feeds`` (locked, audited).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from klimanett.core.roles import SecretariatOnlyMixin, is_secretariat
from klimanett.core.viewsets import AuditedModelViewSet, SecretariatMenuItem
from klimanett.library import feeds, links
from klimanett.library.models import Feed, FeedItem, Resource


def _next_or(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- Feeds ----------------------------------------------------------------------------------


class FeedForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=_("feed address"),
        max_length=1000,
        assume_scheme="https",
        help_text=_("The address of the RSS or Atom feed, such as https://example.org/feed.xml."),
    )


class FetchButtonColumn(Column):
    """A "Fetch now" button (a small POST form) in each feed's row."""

    cell_template_name = "library/admin/feed_fetch_cell.html"

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["request"] = request
        # The table's cells are rendered without the view's context processors.
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context


def _feed_state(feed: Feed) -> str:
    if feed.last_error:
        return format_html(
            '<span class="w-status w-status--label">{}</span> {}', gettext("Error"), feed.last_error
        )
    if feed.last_fetched_at is None:
        return gettext("Not fetched yet")
    return gettext("Works")


@require_POST
def fetch_now(request: HttpRequest, pk: int) -> HttpResponse:
    """Fetch one feed at once and tell the result."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    feed = get_object_or_404(Feed, pk=pk)
    user: Any = request.user
    result = feeds.fetch_feed(feed=feed, by=user)
    if result.ok:
        messages.success(
            request,
            result.describe(),
            buttons=[messages.button(reverse("library_review:index"), gettext("Review queue"))],
        )
    else:
        messages.error(request, result.describe())
    return HttpResponseRedirect(_next_or(request, reverse("library_feeds:index")))


class FeedViewSet(AuditedModelViewSet):
    model = Feed
    form_class = FeedForm
    name = "library_feeds"
    url_prefix = "kunnskap/feeder"
    icon = "link"
    menu_label = _("Feeds")
    copy_view_enabled = False
    ordering = "name"
    search_fields = ["name", "url", "publisher"]
    list_filter = ["is_active"]
    list_display = [
        "name",
        "is_active",
        "last_fetched_at",
        Column("state", label=_("Last fetch"), accessor=_feed_state),
        FetchButtonColumn("fetch", label=_("Fetch")),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("publisher"),
        FieldPanel("is_active"),
    ]

    def get_urlpatterns(self) -> list[Any]:
        return [*super().get_urlpatterns(), path("<int:pk>/fetch/", fetch_now, name="fetch")]


# --- The review queue -----------------------------------------------------------------------


class SecretariatAdminView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def _queue_order(items: QuerySet[FeedItem]) -> QuerySet[FeedItem]:
    return items.select_related("feed", "resource").order_by(
        F("published_on").desc(nulls_last=True), "-fetched_at", "-pk"
    )


class ReviewQueueView(SecretariatAdminView):
    page_title = _("Review queue")
    header_icon = "tasks"
    template_name = "library/admin/review_queue.html"

    @property
    def header_buttons(self) -> list[HeaderButton]:
        return [
            HeaderButton(gettext("Feeds"), url=reverse("library_feeds:index"), icon_name="link")
        ]

    def get(self, request: HttpRequest) -> HttpResponse:
        new = _queue_order(FeedItem.objects.filter(status=FeedItem.Status.NEW))
        page = Paginator(new, 50).get_page(request.GET.get("p"))
        duplicates = _queue_order(FeedItem.objects.filter(status=FeedItem.Status.DUPLICATE))[:50]
        return self.render_to_response(
            self.get_context_data(
                failing_feeds=Feed.objects.filter(is_active=True).exclude(last_error=""),
                page=page,
                new_count=page.paginator.count,
                duplicates=duplicates,
            )
        )


class AcceptForm(forms.ModelForm):
    """The resource as it will be published, prefilled from the item; the summary is to be
    rewritten in the network's own words."""

    url = forms.URLField(label=_("link"), max_length=1000, assume_scheme="https")

    class Meta:
        model = Resource
        fields = [
            "title",
            "url",
            "summary",
            "publisher",
            "year",
            "language",
            "kind",
            "audience",
            "themes",
            "sectors",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "themes": forms.CheckboxSelectMultiple,
            "sectors": forms.CheckboxSelectMultiple,
        }


def initial_for(item: FeedItem) -> dict[str, Any]:
    """The form's starting point: the item's text, the feed's publisher, the item's year, and
    the language, type and audience of the last item accepted from the same feed."""
    initial: dict[str, Any] = {
        "title": item.title[:300],
        "url": item.url,
        "summary": item.summary,
        "publisher": item.feed.publisher or item.feed.name,
        "year": (item.published_on or timezone.localdate()).year,
    }
    previous = (
        FeedItem.objects.filter(
            feed=item.feed, status=FeedItem.Status.ACCEPTED, resource__isnull=False
        )
        .select_related("resource")
        .order_by("-decided_at")
        .first()
    )
    if previous is not None and previous.resource is not None:
        initial.update(
            language=previous.resource.language,
            kind=previous.resource.kind,
            audience=previous.resource.audience,
        )
    return initial


class AcceptView(SecretariatAdminView):
    page_title = _("Accept into the library")
    header_icon = "tick"
    template_name = "library/admin/accept_item.html"
    item: FeedItem

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_secretariat(request.user):
            raise PermissionDenied
        self.item = get_object_or_404(FeedItem.objects.select_related("feed"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.item.title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("library_review:index"), "label": gettext("Review queue")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if self.item.status != FeedItem.Status.NEW:
            return _already_decided(request, self.item)
        return self._render(AcceptForm(initial=initial_for(self.item)))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = AcceptForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        data = dict(form.cleaned_data)
        themes, sectors = data.pop("themes"), data.pop("sectors")
        user: Any = request.user
        try:
            resource = feeds.accept_item(
                item=self.item, by=user, themes=themes, sectors=sectors, **data
            )
        except feeds.AlreadyDecided:
            return _already_decided(request, self.item)
        messages.success(
            request,
            gettext("“%(title)s” is published in the library.") % {"title": resource.title},
        )
        return HttpResponseRedirect(reverse("library_review:index"))

    def _render(self, form: AcceptForm) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(
                item=self.item,
                form=form,
                same_link=feeds.resource_for_url(self.item.url),
            )
        )


def _already_decided(request: HttpRequest, item: FeedItem) -> HttpResponse:
    messages.error(
        request,
        gettext("“%(title)s” was already decided (%(status)s); nothing was changed.")
        % {"title": item.title, "status": item.get_status_display()},
    )
    return HttpResponseRedirect(reverse("library_review:index"))


@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied
    item = get_object_or_404(FeedItem, pk=pk)
    user: Any = request.user
    try:
        feeds.reject_item(item=item, by=user)
    except feeds.AlreadyDecided:
        return _already_decided(request, item)
    messages.success(request, gettext("“%(title)s” was set aside.") % {"title": item.title})
    return HttpResponseRedirect(_next_or(request, reverse("library_review:index")))


class ReviewQueueViewSet(ViewSet):
    name = "library_review"
    url_prefix = "kunnskap/gjennomgang"
    icon = "tasks"
    menu_label = _("Review queue")
    menu_item_class = SecretariatMenuItem

    def get_urlpatterns(self) -> list[URLPattern]:
        return [
            path("", ReviewQueueView.as_view(), name="index"),
            path("<int:pk>/accept/", AcceptView.as_view(), name="accept"),
            path("<int:pk>/reject/", reject, name="reject"),
        ]


# --- Dead links -----------------------------------------------------------------------------


class DeadLinksView(SecretariatAdminView):
    page_title = _("Dead links")
    header_icon = "warning"
    template_name = "library/admin/dead_links.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        dead = Resource.objects.filter(link_status=Resource.LinkStatus.DEAD).order_by(
            "-link_checked_at", "title"
        )
        last_check = (
            Resource.objects.exclude(link_checked_at=None)
            .order_by("-link_checked_at")
            .values_list("link_checked_at", flat=True)
            .first()
        )
        return self.render_to_response(self.get_context_data(resources=dead, last_check=last_check))


@require_POST
def check_again(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied
    resource = get_object_or_404(Resource, pk=pk)
    links.check_links(resources=[resource])
    if resource.link_status == Resource.LinkStatus.DEAD:
        messages.error(
            request,
            gettext("The link of “%(title)s” is still dead: %(error)s")
            % {"title": resource.title, "error": resource.link_error},
        )
    else:
        messages.success(
            request, gettext("The link of “%(title)s” works again.") % {"title": resource.title}
        )
    return HttpResponseRedirect(reverse("library_dead_links:index"))


class DeadLinksViewSet(ViewSet):
    name = "library_dead_links"
    url_prefix = "kunnskap/dode-lenker"
    icon = "warning"
    menu_label = _("Dead links")
    menu_item_class = SecretariatMenuItem

    def get_urlpatterns(self) -> list[URLPattern]:
        return [
            path("", DeadLinksView.as_view(), name="index"),
            path("<int:pk>/check/", check_again, name="check"),
        ]
