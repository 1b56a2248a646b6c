"""Reads of the library for other apps' pages."""

from __future__ import annotations

from collections import defaultdict

from klimanett.library.models import Resource


def resources_by_template() -> dict[str, list[Resource]]:
    """The published resources that back measure templates, by template key (one query).

    Read in Python, not with a JSON ``contains`` lookup, which SQLite does not have; the
    resources that back a template are few."""
    found: dict[str, list[Resource]] = defaultdict(list)
    backing = Resource.objects.published().exclude(measure_templates=[]).order_by("-year", "title")
    for resource in backing:
        keys = resource.measure_templates if isinstance(resource.measure_templates, list) else []
        for key in dict.fromkeys(keys):
            if isinstance(key, str):
                found[key].append(resource)
    return dict(found)
