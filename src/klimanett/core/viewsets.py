"""Back-office building blocks: audited Wagtail model viewsets and the read-only audit log."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import django_filters
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.db.models import ProtectedError, QuerySet, RestrictedError
from django.db.models.deletion import Collector
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import ContentTypeFilter, DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.models import CopyViewMixin
from wagtail.admin.viewsets.model import ModelViewSet

from klimanett.core import audit
from klimanett.core.models import AuditEntry
from klimanett.core.roles import is_secretariat
from klimanett.core.spreadsheets import safe_csv_value


def audit_name(model: type[models.Model]) -> str:
    """The model's name in audit actions: ``CommitmentStatus`` gives ``commitment_status``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


def field_values(instance: models.Model) -> dict[str, str | None]:
    """Every stored field of the instance as text, kept in the audit log when it is deleted."""
    return {
        field.attname: None
        if field.value_from_object(instance) is None
        else field.value_to_string(instance)
        for field in instance._meta.concrete_fields
    }


class SafeExportIndexView(generic.IndexView):
    """A listing whose CSV export cannot carry spreadsheet formulas.

    Partners write names and texts that end up in the secretariat's exports; a value such as
    ``=HYPERLINK(…)`` would run as a formula when the CSV is opened in a spreadsheet. Wagtail
    already neutralises formulas in XLSX; in CSV such values get a leading apostrophe.
    The CSV starts with a byte-order mark for Excel.
    """

    def stream_csv(self, queryset: QuerySet[Any]) -> Iterator[bytes]:
        # The CSV streams after the view has returned and Wagtail has left the admin's
        # language: keep that language for the headings and labels.
        return _with_byte_order_mark(translation.get_language(), super().stream_csv(queryset))

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        return safe_csv_value(value) if export_format == self.FORMAT_CSV else value


def _with_byte_order_mark(language: str | None, rows: Iterator[bytes]) -> Iterator[bytes]:
    with translation.override(language):
        # A byte-order mark, so that spreadsheets read æ, ø and å as UTF-8.
        yield "\ufeff".encode()
        yield from rows


class AuditedCreateView(generic.CreateView):
    """Records ``<model>.created`` with the filled-in fields, in the saving transaction."""

    def save_instance(self) -> models.Model:
        instance = super().save_instance()
        audit.record(
            instance,
            f"{audit_name(self.model)}.created",
            by=self.request.user,
            data={"changed": audit.changed_values(self.form, instance)},
        )
        return instance


class AuditedCopyView(CopyViewMixin, AuditedCreateView):
    pass


class AuditedEditView(generic.EditView):
    """Records ``<model>.updated`` with the changed fields, in the saving transaction."""

    def save_instance(self) -> models.Model:
        instance = super().save_instance()
        audit.record(
            instance,
            f"{audit_name(self.model)}.updated",
            by=self.request.user,
            data={"changed": audit.changed_values(self.form, instance)},
        )
        return instance


class AuditedDeleteView(generic.DeleteView):
    """Records ``<model>.deleted`` with the object's last values, in the deleting transaction."""

    def delete_action(self) -> None:
        with transaction.atomic():
            # Recorded first: the instance has no primary key once it is deleted.
            audit.record(
                self.object,
                f"{audit_name(self.model)}.deleted",
                by=self.request.user,
                data={"deleted": field_values(self.object)},
            )
            super().delete_action()

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            # Django's own check first: Wagtail's reference index may not know every use, and
            # refuses with a bare "no access" when it does.
            Collector(using=router.db_for_write(self.model)).collect([self.object])
            return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            # Nothing was deleted (any audit entry was rolled back with the deletion).
            used_by = (
                error.protected_objects
                if isinstance(error, ProtectedError)
                else error.restricted_objects
            )
            blocking = sorted({str(obj) for obj in used_by})
            messages.error(
                self.request,
                gettext(
                    "“%(object)s” cannot be deleted while other records use it, such as: %(uses)s."
                )
                % {"object": self.object, "uses": "; ".join(blocking[:3])},
            )
            if self.edit_url_name:
                return redirect(self.edit_url_name, quote(self.object.pk))
            return redirect(self.index_url_name)


class AuditedModelViewSet(ModelViewSet):
    """A model viewset whose every create, edit, copy and delete writes an audit entry."""

    index_view_class = SafeExportIndexView
    add_view_class = AuditedCreateView
    edit_view_class = AuditedEditView
    copy_view_class = AuditedCopyView
    delete_view_class = AuditedDeleteView


# --- The audit log, read-only -------------------------------------------------------------


def _action_choices() -> list[tuple[str, str]]:
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return [(action, action) for action in actions]


def _logged_content_types(request: Any) -> QuerySet[ContentType]:
    return ContentType.objects.filter(pk__in=AuditEntry.objects.values("content_type"))


class AuditEntryFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("action"), choices=_action_choices)
    created_at = django_filters.DateFromToRangeFilter(label=_("date"), widget=DateRangePickerWidget)
    content_type = ContentTypeFilter(label=_("object type"), queryset=_logged_content_types)

    class Meta:
        model = AuditEntry
        fields = ["action", "created_at", "content_type"]


class AuditEntryIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[AuditEntry]:
        return super().get_base_queryset().select_related("actor", "content_type")


class AuditEntryInspectView(generic.InspectView):
    """One entry, with its time in Oslo time (as in the list) and its details readable."""

    object: AuditEntry

    def get_created_at_display_value(self) -> str:
        return date_format(timezone.localtime(self.object.created_at), "DATETIME_FORMAT")

    def get_data_display_value(self) -> str:
        return json.dumps(self.object.data, ensure_ascii=False, indent=2, sort_keys=True)


class ReadOnlyModelViewSet(ModelViewSet):
    """A listing, with search, filters, export and inspect, and no way to change anything."""

    copy_view_enabled = False
    inspect_view_enabled = True

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def get_urlpatterns(self) -> list[URLPattern]:
        # Only the read-only views: no add, edit, copy, delete, history or usage.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


class AuditEntryViewSet(ReadOnlyModelViewSet):
    """The audit log for the secretariat: list, search, filter and inspect; never change."""

    model = AuditEntry
    icon = "history"
    name = "audit_log"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "actor",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "data",
    ]
    index_view_class = AuditEntryIndexView
    inspect_view_class = AuditEntryInspectView
    filterset_class = AuditEntryFilterSet
    search_fields = ["object_repr", "object_id"]
    ordering = "-created_at"
    list_per_page = 50
    list_display = [
        "created_at",
        Column("actor", label=_("by")),
        "action",
        Column("object_repr", label=_("object")),
        Column("content_type", label=_("object type")),
    ]


class SecretariatMenuItem(MenuItem):
    """A back-office menu entry shown to the secretariat only."""

    def is_shown(self, request: Any) -> bool:
        return is_secretariat(request.user)
