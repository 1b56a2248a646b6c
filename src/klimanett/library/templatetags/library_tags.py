"""Template tags that show the library on other apps' pages, so those apps need not import it.

``{% load library_tags %}{% backing_resources template_key %}`` lists the published resources
that back a measure template (climateplans' template library): read once per page however many
templates it shows.
"""

from __future__ import annotations

from typing import Any

from django import template

from klimanett.library.selectors import resources_by_template

register = template.Library()

_CACHE_KEY = "library_tags.resources_by_template"


@register.inclusion_tag("library/includes/backing_resources.html", takes_context=True)
def backing_resources(context: template.Context, template_key: str) -> dict[str, Any]:
    cache = context.render_context
    if _CACHE_KEY not in cache:
        cache[_CACHE_KEY] = resources_by_template()
    return {"resources": cache[_CACHE_KEY].get(template_key, []), "key": template_key}
