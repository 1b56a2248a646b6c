"""The target guide in the partner area: 1. where the emissions come from, 2. the proposed
target, 3. the measures that would reach it; it ends with a saved target and a draft action
plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from klimanett.climateplans import guide, services
from klimanett.climateplans.guide_forms import GuideMeasuresForm, GuideTargetForm
from klimanett.climateplans.models import Target
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners.access import get_organisation_for_user


def _title(scopes: str, reduction: Decimal, target_year: int) -> str:
    return _("Cut %(scopes)s by %(percent)s %% by %(year)s") % {
        "scopes": str(Target.Scopes(scopes).label).lower(),
        "percent": formats.localize(reduction),
        "year": target_year,
    }


@login_required
def target_guide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    this_year = timezone.localdate().year
    proposal = guide.propose(organisation, this_year=this_year)
    context: dict[str, Any] = {"organisation": organisation, "proposal": proposal, "step": 1}
    if proposal is None:
        return render(request, "climateplans/target_guide.html", context)
    initial = {
        "scopes": proposal.scopes,
        "target_year": proposal.target_year,
        "reduction_percent": proposal.reduction_percent,
    }
    if request.method != "POST":
        if request.GET.get("steg") == "2":
            context |= {
                "step": 2,
                "form": GuideTargetForm(initial=initial, base_year=proposal.base_year),
            }
            context["chosen"] = guide.measure_up(
                proposal,
                scopes=proposal.scopes,
                target_year=proposal.target_year,
                reduction=proposal.reduction_percent,
            )
        return render(request, "climateplans/target_guide.html", context)

    form = GuideTargetForm(request.POST, base_year=proposal.base_year)
    if not form.is_valid():
        context |= {"step": 2, "form": form}
        return render(request, "climateplans/target_guide.html", context)
    terms = form.cleaned_data
    chosen = guide.measure_up(
        proposal,
        scopes=terms["scopes"],
        target_year=terms["target_year"],
        reduction=terms["reduction_percent"],
    )
    offered = proposal.offered(terms["scopes"])
    measures = GuideMeasuresForm(
        request.POST if "save" in request.POST else None,
        suggestions=offered,
        initial={"measures": [s.key for s in proposal.preticked(terms["scopes"])]},
    )
    ticked = set(measures["measures"].value() or ())
    context |= {
        "step": 3,
        "form": form,
        "measures_form": measures,
        "chosen": chosen,
        "offered": offered,
        "against": guide.MeasuresAgainstTarget(
            chosen=chosen, measures_tonnes=guide.tonnes_of(s for s in offered if s.key in ticked)
        ),
    }
    if "save" not in request.POST or not measures.is_valid():
        return render(request, "climateplans/target_guide.html", context)
    try:
        target, added = services.complete_target_guide(
            organisation=organisation,
            title=_title(terms["scopes"], terms["reduction_percent"], terms["target_year"]),
            scopes=terms["scopes"],
            base_year=proposal.base_year,
            target_year=terms["target_year"],
            reduction_percent=terms["reduction_percent"],
            suggestions=guide.chosen_suggestions(proposal, measures.cleaned_data["measures"]),
            start_year=this_year + 1,
            by=request.user,
            figures=proposal.figures,
        )
    except ValidationError as refused:
        for field, errors in refused.message_dict.items():
            if field == "measures":
                measures.add_error("measures", errors)
            else:
                form.add_error(field if field in form.fields else None, errors)
        if form.errors:
            context["step"] = 2
        return render(request, "climateplans/target_guide.html", context)
    messages.success(
        request,
        _("Your target is saved, with %(count)s measures in your action plan.")
        % {"count": len(added)},
    )
    return redirect("climateplans:target_detail", target.pk)
