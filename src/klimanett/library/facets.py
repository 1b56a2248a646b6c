"""Faceted browsing of the published library: what the visitor chose, and each facet's values
with the number of resources they would give.

A facet's counts are taken over the resources that match the search and every *other* facet
(within a facet the chosen values are alternatives, so its own choice does not narrow its
counts). Each facet is one grouped query, so a page costs the same number of queries whether
the library has ten resources or ten thousand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Value, When
from django.http import QueryDict
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from klimanett.events.models import Theme
from klimanett.library.models import YEAR_VALIDATORS, Resource, ResourceQuerySet, Sector

MAX_QUERY_LENGTH = 200
MAX_SEARCH_HITS = 500
_NOT_A_WORD = re.compile(r"[^\w\s-]|_")
_MIN_YEAR = YEAR_VALIDATORS[0].limit_value
_MAX_YEAR = YEAR_VALIDATORS[1].limit_value

# The facets in the order they are shown: (parameter, heading).
FACETS = ("theme", "sector", "kind", "year", "language", "audience")
SORTS = ("relevance", "newest", "title")
CHOICES: dict[str, list[tuple[str, Any]]] = {
    "kind": Resource.Kind.choices,
    "language": Resource.Language.choices,
    "audience": Resource.Audience.choices,
}


def search_words(text: str) -> str:
    """The words of what the visitor typed: letters, digits, hyphens and spaces only (quotes,
    brackets and stars are operators, or errors, to the full-text engines)."""
    return " ".join(_NOT_A_WORD.sub(" ", text).split())[:MAX_QUERY_LENGTH]


@dataclass
class Choice:
    """What the visitor asked for; ``ignored`` lists the values that meant nothing."""

    query: str = ""
    sort: str = "newest"
    chosen: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in FACETS})
    ignored: list[str] = field(default_factory=list)
    # Names of the themes and sectors by slug, read once with the choice.
    names: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def any_facet(self) -> bool:
        return any(self.chosen.values())

    def querystring(self, *, without_page: bool = True) -> str:
        params = QueryDict(mutable=True)
        if self.query:
            params["q"] = self.query
        for name in FACETS:
            params.setlist(name, self.chosen[name])
        if self.sort != default_sort(self.query):
            params["sort"] = self.sort
        return params.urlencode()


def default_sort(query: str) -> str:
    return "relevance" if query else "newest"


def _valid_year(text: str) -> bool:
    # ASCII digits only: str.isdigit() is also true for "²" and other digits int() refuses.
    return re.fullmatch(r"[0-9]{4}", text) is not None and _MIN_YEAR <= int(text) <= _MAX_YEAR


def parse(params: QueryDict) -> Choice:
    """The visitor's choice from the query string; unknown values are left out and named."""
    choice = Choice(query=search_words(params.get("q", "")))
    choice.names = {
        "theme": dict(Theme.objects.values_list("slug", "name")),
        "sector": dict(Sector.objects.values_list("slug", "name")),
    }
    known: dict[str, set[str] | dict[str, str]] = {
        **choice.names,
        "kind": set(Resource.Kind.values),
        "language": set(Resource.Language.values),
        "audience": set(Resource.Audience.values),
    }
    for name in FACETS:
        for value in dict.fromkeys(v.strip() for v in params.getlist(name)):
            if not value:
                continue
            valid = _valid_year(value) if name == "year" else value in known[name]
            if valid:
                choice.chosen[name].append(value)
            else:
                choice.ignored.append(f"{name}={value[:50]}")
    sort = params.get("sort", "")
    choice.sort = default_sort(choice.query)
    if sort in SORTS and (sort != "relevance" or choice.query):
        choice.sort = sort
    elif sort:
        choice.ignored.append(f"sort={sort[:50]}")
    return choice


def search_hits(query: str) -> list[int]:
    """The primary keys of the published resources found for ``query``, best first."""
    published = Resource.objects.published()
    results = get_search_backend().search(query, published)[:MAX_SEARCH_HITS]
    return [resource.pk for resource in results]


def _filter(resources: ResourceQuerySet, name: str, values: list[str]) -> ResourceQuerySet:
    if not values:
        return resources
    if name == "theme":
        themes = Resource.themes.through.objects.filter(theme__slug__in=values)
        return resources.filter(pk__in=themes.values("resource_id"))
    if name == "sector":
        sectors = Resource.sectors.through.objects.filter(sector__slug__in=values)
        return resources.filter(pk__in=sectors.values("resource_id"))
    if name == "year":
        return resources.filter(year__in=[int(value) for value in values])
    return resources.filter(**{f"{name}__in": values})


def matching(choice: Choice, hits: list[int] | None, *, skip: str = "") -> ResourceQuerySet:
    """Published resources matching the search hits and every facet but ``skip``."""
    resources = Resource.objects.published()
    if hits is not None:
        resources = resources.filter(pk__in=hits)
    for name in FACETS:
        if name != skip:
            resources = _filter(resources, name, choice.chosen[name])
    return resources


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    chosen: bool


@dataclass(frozen=True)
class Facet:
    name: str
    legend: str
    values: list[FacetValue]


def _counts(choice: Choice, hits: list[int] | None, name: str) -> list[tuple[str, str, int]]:
    """(value, label, count) of one facet over the resources the other facets allow."""
    resources = matching(choice, hits, skip=name)
    if name in ("theme", "sector"):
        through = (Resource.themes if name == "theme" else Resource.sectors).through
        rows = (
            through.objects.filter(resource__in=resources)
            .values(f"{name}__slug", f"{name}__name")
            .annotate(n=Count("resource_id", distinct=True))
            .order_by(f"{name}__name")
        )
        return [(row[f"{name}__slug"], row[f"{name}__name"], row["n"]) for row in rows]
    grouped = resources.order_by().values(name).annotate(n=Count("pk"))
    found = {str(row[name]): row["n"] for row in grouped}
    if name == "year":
        return [(year, year, found[year]) for year in sorted(found, reverse=True)]
    field_choices = CHOICES[name]
    return [
        (str(value), str(label), found[str(value)])
        for value, label in field_choices
        if str(value) in found
    ]


def facets(choice: Choice, hits: list[int] | None) -> list[Facet]:
    """Every facet with the values that give resources, and the chosen ones even at nought."""
    legends = {
        "theme": _("Theme"),
        "sector": _("Sector"),
        "kind": _("Type"),
        "year": _("Year"),
        "language": _("Language"),
        "audience": _("Suits"),
    }
    shown = []
    for name in FACETS:
        chosen = choice.chosen[name]
        rows = _counts(choice, hits, name)
        values = [FacetValue(value, label, n, value in chosen) for value, label, n in rows]
        missing = [value for value in chosen if value not in {row[0] for row in rows}]
        values += [FacetValue(value, _label(choice, name, value), 0, True) for value in missing]
        shown.append(Facet(name, legends[name], values))
    return shown


def _label(choice: Choice, name: str, value: str) -> str:
    """The label of a chosen value that no matching resource has."""
    if name in choice.names:
        return choice.names[name].get(value, value)
    if name == "year":
        return value
    return str(dict(CHOICES[name]).get(value, value))


def ordered(resources: ResourceQuerySet, choice: Choice, hits: list[int] | None) -> Any:
    """The resources in the chosen order: by relevance (the search's order), newest year
    first, or by title."""
    if choice.sort == "relevance" and hits:
        rank = Case(
            *[When(pk=pk, then=Value(position)) for position, pk in enumerate(hits)],
            output_field=IntegerField(),
        )
        return resources.annotate(rank=rank).order_by("rank")
    if choice.sort == "title":
        return resources.order_by("title", "pk")
    return resources.order_by("-year", "-published_at", "title", "pk")
