"""The climate budget of a target in the partner area: the page, and its XLSX and PDF exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from klimanett.climateplans import budget_exports
from klimanett.climateplans.access import get_target_for_user
from klimanett.climateplans.budget import climate_budget as budget_of
from klimanett.core.http import AuthenticatedHttpRequest

_FORMATS = {
    "xlsx": (
        budget_exports.budget_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pdf": (budget_exports.budget_pdf, "application/pdf"),
}


@login_required
def climate_budget(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = get_target_for_user(request, pk)
    return render(
        request, "climateplans/climate_budget.html", {"target": target, "budget": budget_of(target)}
    )


@login_required
def climate_budget_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The budget as XLSX or PDF; 404 for a target without a budget (not absolute emissions)."""
    if fmt not in _FORMATS:
        raise Http404
    target = get_target_for_user(request, pk)
    budget = budget_of(target)
    if budget is None:
        raise Http404
    build, content_type = _FORMATS[fmt]
    response = HttpResponse(build(budget), content_type=content_type)
    filename = f"klimabudsjett-{target.organisation.slug}-{target.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
