"""The award's part of the Wagtail admin: for the secretariat alone."""

from __future__ import annotations

from django.urls import URLPattern
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from klimanett.awards.admin_views import award_admin_urls
from klimanett.awards.models import AwardRound, Juror, Nomination
from klimanett.awards.viewsets import AwardViewSetGroup, NominationPolicy, SecretariatPolicy

# Before the viewsets ask for a policy: the secretariat alone manages the award.
register_permission_policy(AwardRound, SecretariatPolicy(AwardRound))
register_permission_policy(Juror, SecretariatPolicy(Juror))
register_permission_policy(Nomination, NominationPolicy(Nomination))


@hooks.register("register_admin_viewset")
def register_award_viewsets() -> AwardViewSetGroup:
    return AwardViewSetGroup()


@hooks.register("register_admin_urls")
def register_award_admin_urls() -> list[URLPattern]:
    return award_admin_urls()
