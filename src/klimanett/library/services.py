"""Writes to the library: resources created, published and decided, audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.search import index

from klimanett.core import audit
from klimanett.core.models import User
from klimanett.events.models import Theme
from klimanett.library.models import Resource, Sector
from klimanett.partners.models import unique_slug


def resource_slug(title: str) -> str:
    others = Resource.objects.all()
    return unique_slug(title, taken=lambda slug: others.filter(slug=slug).exists())


@transaction.atomic
def create_resource(
    *,
    by: User | None,
    status: str = Resource.Status.PUBLISHED,
    themes: Iterable[Theme] = (),
    sectors: Iterable[Sector] = (),
    **fields: Any,
) -> Resource:
    """Save a new resource (validated) with its themes and sectors; published ones get their
    publication time. ``fields`` are Resource's own fields."""
    resource = Resource(status=status, **fields)
    if not resource.slug:
        resource.slug = resource_slug(resource.title)
    if status == Resource.Status.PUBLISHED:
        resource.published_at = timezone.now()
    resource.full_clean()
    resource.save()
    resource.themes.set(themes)
    resource.sectors.set(sectors)
    # Indexed again with its themes: the save above indexed it before they were set.
    index.insert_or_update_object(resource)
    audit.record(resource, f"resource.{status}", by=by, data={"title": resource.title})
    return resource


@transaction.atomic
def decide_suggestion(*, resource: Resource, publish: bool, by: User) -> Resource:
    """The secretariat publishes or rejects a resource a partner suggested."""
    resource.status = Resource.Status.PUBLISHED if publish else Resource.Status.REJECTED
    if publish:
        resource.published_at = timezone.now()
    resource.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(resource, f"resource.{resource.status}", by=by)
    return resource
