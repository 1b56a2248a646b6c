"""Links to the award's pages from the partner area: nominate while a round is open, and the
jury's page for jurors of a round not yet decided."""

from __future__ import annotations

from typing import Any

from django import template

from klimanett.awards import selectors
from klimanett.awards.models import AwardRound

register = template.Library()


@register.inclusion_tag("awards/includes/links.html", takes_context=True)
def award_links(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    award_round = selectors.open_round()
    may_nominate = award_round is not None and selectors.nominating_organisations_for(user).exists()
    juries = [
        juror
        for juror in selectors.juries_of(user)
        if juror.round.phase() not in (AwardRound.Phase.DECIDED, AwardRound.Phase.PUBLISHED)
    ]
    return {"award_round": award_round if may_nominate else None, "juries": juries}
