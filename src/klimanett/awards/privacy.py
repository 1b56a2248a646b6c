"""What the award keeps about a person, for their personal-data export: the nominations they
made and, as a juror, their scores and comments. Deleting the user leaves a nomination without
its author and removes the juror with their scores."""

from __future__ import annotations

from typing import Any

from klimanett.awards.models import CRITERIA, Juror, Nomination
from klimanett.core.models import User


def personal_data_of(user: User) -> list[dict[str, Any]]:
    nominations = Nomination.objects.filter(nominated_by=user).select_related(
        "round", "nominee", "nominating_organisation"
    )
    jurors = (
        Juror.objects.filter(user=user).select_related("round").prefetch_related("scores__nominee")
    )
    data: list[dict[str, Any]] = [
        {
            "nomination": nomination.round.title,
            "nominee": nomination.nominee.name,
            "on_behalf_of": nomination.nominating_organisation.name,
            "reason": nomination.reason,
        }
        for nomination in nominations
    ]
    data += [
        {
            "juror": juror.round.title,
            "scores": [
                {
                    "nominee": score.nominee.name,
                    **{key: getattr(score, key) for key, _label, _help in CRITERIA},
                    "comment": score.comment,
                }
                for score in juror.scores.all()
            ],
        }
        for juror in jurors
    ]
    return data
