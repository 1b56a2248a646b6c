"""The audit log: every change to a partner's data records who, when and what."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet

from klimanett.core.models import AuditEntry, User


def record(
    obj: models.Model | None, action: str, *, by: User | None, data: dict[str, Any] | None = None
) -> AuditEntry:
    actor = by if by is not None and by.is_authenticated else None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:250] if obj is not None else "",
        data=data or {},
    )


def changed_values(form: Any, instance: models.Model) -> dict[str, str]:
    """What a saved form changed, as readable text (files by their stored name)."""
    changes = {}
    for name in form.changed_data:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if isinstance(field, models.FileField):
            value = getattr(instance, name)
            changes[name] = value.name if value else ""
            continue
        value = form.cleaned_data.get(name)
        if isinstance(value, QuerySet | list | tuple | set):
            changes[name] = ", ".join(str(item) for item in value)
        else:
            changes[name] = "" if value is None else str(value)
    return changes


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The object's history, oldest first, with who did each step."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
