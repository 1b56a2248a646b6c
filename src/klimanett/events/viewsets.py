"""Events and themes in the Wagtail admin, for the secretariat alone.

An event is edited on one page with its programme and material as inline panels; the slug
follows the title until it is edited. Every create, edit, copy and delete is audited
(``AuditedModelViewSet``). The participant list, check-in, badges and messages are linked from
each event's row (see ``klimanett.events.admin_views``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from klimanett.core.roles import is_secretariat
from klimanett.core.viewsets import AuditedCopyView, AuditedModelViewSet, SafeExportIndexView
from klimanett.events.models import Event, Registration, Theme


class SecretariatPolicy(ModelPermissionPolicy):
    """The secretariat may do everything with the model in the back office; nobody else
    anything (the role groups carry no permissions on the events app)."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return is_secretariat(user)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return is_secretariat(user)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return is_secretariat(user)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet[Any]:
        if is_secretariat(user):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the title that no other event has: "klimamote", "klimamote-2" …"""
    base = (slugify(title) or "arrangement")[:190]
    taken = set(
        Event.objects.exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class EventAdminForm(WagtailAdminModelForm):
    """Clear messages on the fields that are wrong; an empty slug is made from the title."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The event's address: /arrangementer/<slug>/. Made from the title if left empty."
            )

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        if not slug and (title := self.data.get(self.add_prefix("title"), "").strip()):
            slug = unique_slug(title, exclude_pk=self.instance.pk)
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", gettext("The event must end after it starts."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes < opens:
            self.add_error(
                "registration_closes_at", gettext("Registration must close after it opens.")
            )
        if closes and ends and closes > ends:
            self.add_error(
                "registration_closes_at",
                gettext("Registration must close before the event ends."),
            )
        partners_until = data.get("partners_only_until")
        if partners_until and opens and partners_until < opens:
            self.add_error(
                "partners_only_until",
                gettext("The partners' window must end after registration opens."),
            )
        if partners_until and closes and partners_until > closes:
            self.add_error(
                "partners_only_until",
                gettext("The partners' window must end before registration closes."),
            )
        capacity = data.get("capacity")
        if capacity is not None and capacity < 1:
            self.add_error("capacity", gettext("Give at least one place, or leave it empty."))
        return data


class EventCopyView(AuditedCopyView):
    """A new draft with the event's details, themes and programme; the slug is made anew from
    the title, and material and registrations stay with the original."""

    def get_initial_form_instance(self) -> Event:
        original: Event = self.get_object()
        self.original = original
        # index_entries: the search index's generic relation, which is the original's own.
        copy, _children = original.copy_cluster(exclude_fields=["materials", "index_entries"])
        copy.slug = ""
        copy.status = Event.Status.DRAFT
        return copy

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        # The M2M field's initial value comes from `initial`, not the unsaved copy.
        kwargs.setdefault("initial", {})["themes"] = list(self.original.themes.all())
        return kwargs


class EventIndexView(SafeExportIndexView):
    def get_base_queryset(self) -> QuerySet[Event]:
        confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
        waiting = Q(registrations__status=Registration.Status.WAITING)
        return (
            super()
            .get_base_queryset()
            .annotate(
                confirmed_places=Count("registrations", filter=confirmed, distinct=True),
                waiting_places=Count("registrations", filter=waiting, distinct=True),
            )
        )

    def get_list_more_buttons(self, instance: Event) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        for label, name, icon, priority in (
            (_("Participants"), "event_participants", "group", 11),
            (_("Check-in"), "event_check_in", "tick", 12),
            (_("Message to the registered"), "event_message", "mail", 13),
            (_("Name badges (PDF)"), "event_badges", "doc-full", 14),
        ):
            buttons.append(
                Button(
                    label, url=reverse(name, args=[instance.pk]), icon_name=icon, priority=priority
                )
            )
        return buttons


def _places(event: Any) -> str:
    confirmed = getattr(event, "confirmed_places", 0)
    waiting = getattr(event, "waiting_places", 0)
    capacity = "∞" if event.capacity is None else str(event.capacity)
    text = f"{confirmed} / {capacity}"
    if waiting:
        text += " " + gettext("(%(count)s waiting)") % {"count": waiting}
    return text


class EventViewSet(AuditedModelViewSet):
    model = Event
    name = "event_admin"  # "events" is the public pages' URL namespace
    url_prefix = "arrangementer"
    icon = "date"
    menu_label = _("Events")
    index_view_class = EventIndexView
    copy_view_class = EventCopyView
    ordering = "-starts_at"
    search_fields = ["title", "summary", "venue_name"]
    list_filter = ["type", "status", "audience", "themes"]
    list_display = [
        "title",
        "type",
        "starts_at",
        "status",
        Column("places", label=_("Places taken"), accessor=_places),
    ]
    list_export = [
        "title",
        "slug",
        "type",
        "status",
        "audience",
        "starts_at",
        "ends_at",
        "venue_name",
        "address",
        "capacity",
        "confirmed_places",
        "waiting_places",
    ]
    export_headings = {
        "confirmed_places": _("Confirmed"),
        "waiting_places": _("On the waiting list"),
    }
    export_filename = "arrangementer"
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    TitleFieldPanel("title"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("type"), FieldPanel("status")]),
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("summary"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    MultiFieldPanel(
                        [
                            FieldPanel("venue_name"),
                            FieldPanel("address"),
                            FieldPanel("online_url"),
                        ],
                        heading=_("Where"),
                    ),
                ],
                heading=_("Event"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("audience"), FieldPanel("capacity")]),
                    FieldRowPanel(
                        [
                            FieldPanel("registration_opens_at"),
                            FieldPanel("registration_closes_at"),
                        ]
                    ),
                    FieldPanel("partners_only_until"),
                ],
                heading=_("Registration"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "programme",
                        heading=_("Programme"),
                        label=_("Programme item"),
                        panels=[
                            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("title")]),
                            FieldPanel("speakers"),
                            FieldPanel("description"),
                        ],
                    )
                ],
                heading=_("Programme"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "materials",
                        heading=_("Material"),
                        label=_("Material"),
                        panels=[
                            FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
                            FieldPanel("file"),
                            FieldPanel("url"),
                        ],
                    )
                ],
                heading=_("Material"),
            ),
        ],
        base_form_class=EventAdminForm,
    )


class ThemeViewSet(AuditedModelViewSet):
    model = Theme
    name = "event_themes"
    icon = "tag"
    menu_label = _("Themes")
    copy_view_enabled = False
    ordering = "name"
    search_fields = ["name"]
    list_display = ["name", "slug"]
    panels = [TitleFieldPanel("name"), FieldPanel("slug")]


class EventsViewSetGroup(ViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 155
    items = (EventViewSet, ThemeViewSet)
