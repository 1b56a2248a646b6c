"""The audit log: every change to a partner's data records who, when and what."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

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


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


def changed_fields(form_changed: list[str], cleaned: dict[str, Any]) -> dict[str, str]:
    """A readable record of the fields a form changed (files by name only)."""
    return {name: str(cleaned.get(name, "")) for name in form_changed}
