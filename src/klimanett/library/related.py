"""Related resources: the published resources that share the most themes, then sectors, with
a resource; newest first among equals. The ranking is a pure function over plain values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from klimanett.library.models import Resource

MAX_RELATED = 5


@dataclass(frozen=True)
class Candidate:
    pk: int
    year: int
    title: str
    themes: frozenset[int]
    sectors: frozenset[int]


def rank_related(
    *,
    themes: frozenset[int],
    sectors: frozenset[int],
    candidates: list[Candidate],
    limit: int = MAX_RELATED,
) -> list[int]:
    """The keys of the best ``limit`` candidates: more shared themes first, then more shared
    sectors, then the newest, then by title; a candidate sharing nothing is never related."""
    scored = [
        (len(themes & c.themes), len(sectors & c.sectors), c.year, c.title, c.pk)
        for c in candidates
    ]
    kept = [s for s in scored if s[0] or s[1]]
    kept.sort(key=lambda s: (-s[0], -s[1], -s[2], s[3], s[4]))
    return [s[4] for s in kept[:limit]]


def related_resources(resource: Resource) -> list[Resource]:
    """Up to five published resources related to ``resource`` (four queries)."""
    themes_through = Resource.themes.through.objects
    sectors_through = Resource.sectors.through.objects
    own_themes = frozenset(
        themes_through.filter(resource=resource).values_list("theme_id", flat=True)
    )
    own_sectors = frozenset(
        sectors_through.filter(resource=resource).values_list("sector_id", flat=True)
    )
    if not own_themes and not own_sectors:
        return []
    others = Resource.objects.published().exclude(pk=resource.pk)
    theme_rows = themes_through.filter(resource__in=others, theme_id__in=own_themes)
    sector_rows = sectors_through.filter(resource__in=others, sector_id__in=own_sectors)
    shared: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for pk, theme in theme_rows.values_list("resource_id", "theme_id"):
        shared[pk][0].add(theme)
    for pk, sector in sector_rows.values_list("resource_id", "sector_id"):
        shared[pk][1].add(sector)
    facts = others.filter(
        Q(pk__in=theme_rows.values("resource_id")) | Q(pk__in=sector_rows.values("resource_id"))
    ).values_list("pk", "year", "title")
    candidates = [
        Candidate(pk, year, title, frozenset(shared[pk][0]), frozenset(shared[pk][1]))
        for pk, year, title in facts
    ]
    best = rank_related(themes=own_themes, sectors=own_sectors, candidates=candidates)
    found = Resource.objects.in_bulk(best)
    return [found[pk] for pk in best]
