"""Who may see and change targets and measures: the organisation's contacts and the
secretariat (404 for anyone else, as for the organisation itself)."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from klimanett.climateplans.models import Measure, Target
from klimanett.core.roles import is_secretariat

M = TypeVar("M", Target, Measure)


def _for_user(request: HttpRequest, queryset: QuerySet[M], organisation_path: str) -> QuerySet[M]:
    if is_secretariat(request.user):
        return queryset
    if not request.user.is_authenticated:
        return queryset.none()
    return queryset.filter(**{f"{organisation_path}__contacts__user": request.user})


def get_target_for_user(request: HttpRequest, pk: int) -> Target:
    targets = _for_user(request, Target.objects.select_related("organisation"), "organisation")
    try:
        return targets.get(pk=pk)
    except Target.DoesNotExist as error:
        raise Http404 from error


def get_measure_for_user(request: HttpRequest, pk: int) -> Measure:
    measures = _for_user(
        request, Measure.objects.select_related("plan__organisation"), "plan__organisation"
    )
    try:
        return measures.get(pk=pk)
    except Measure.DoesNotExist as error:
        raise Http404 from error
