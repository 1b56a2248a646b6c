"""The award in the Wagtail admin, for the secretariat alone: rounds, jurors and nominations.

Every create, edit and delete is audited (``AuditedModelViewSet``). The score table, the choice
of the winner and publishing are on each round's result page (``admin_views``). Nominations are
made by partners in the partner area; the secretariat reads, corrects the reason or deletes.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from klimanett.awards.models import AwardRound, Juror, Nomination
from klimanett.core.roles import is_secretariat
from klimanett.core.viewsets import AuditedModelViewSet, SafeExportIndexView


class SecretariatPolicy(ModelPermissionPolicy):
    """The secretariat may do everything with the model in the back office; nobody else
    anything. ``denied`` lists actions nobody takes here (partners nominate on the site)."""

    denied: tuple[str, ...] = ()

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in self.denied and is_secretariat(user)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet[Any]:
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


class NominationPolicy(SecretariatPolicy):
    denied = ("add",)


class AwardRoundIndexView(SafeExportIndexView):
    def get_base_queryset(self) -> QuerySet[AwardRound]:
        return (
            super()
            .get_base_queryset()
            .select_related("winner")
            .annotate(
                nomination_count=Count("nominations", distinct=True),
                juror_count=Count("jurors", distinct=True),
            )
        )

    def get_list_more_buttons(self, instance: AwardRound) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            Button(
                _("Scores and winner"),
                url=reverse("award_result", args=[instance.pk]),
                icon_name="table",
                priority=11,
            )
        )
        return buttons


def _phase(award_round: AwardRound) -> str:
    return award_round.phase_label()


class AwardRoundViewSet(AuditedModelViewSet):
    model = AwardRound
    name = "award_rounds"
    url_prefix = "arets-klimapartner/runder"
    icon = "pick"
    menu_label = _("Award rounds")
    index_view_class = AwardRoundIndexView
    copy_view_enabled = False
    ordering = "-year"
    search_fields = ["title"]
    list_display = [
        "year",
        "title",
        Column("phase", label=_("Phase"), accessor=_phase),
        "nomination_closes",
        Column("nomination_count", label=_("Nominations")),
        Column("juror_count", label=_("Jurors")),
        "winner",
    ]
    list_export = ["year", "title", "nomination_opens", "nomination_closes", "scoring_closes"]
    export_filename = "arets-klimapartner"
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("title")]),
        FieldPanel("criteria"),
        FieldRowPanel(
            [
                FieldPanel("nomination_opens"),
                FieldPanel("nomination_closes"),
                FieldPanel("scoring_closes"),
            ]
        ),
    ]


class JurorViewSet(AuditedModelViewSet):
    model = Juror
    name = "award_jurors"
    url_prefix = "arets-klimapartner/jury"
    icon = "group"
    menu_label = _("Jury")
    copy_view_enabled = False
    ordering = ["-round__year", "user__first_name"]
    list_filter = ["round"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    list_display = ["user", "round", "organisation"]
    panels = [FieldPanel("round"), FieldPanel("user"), FieldPanel("organisation")]


def _nominee_mark(nomination: Nomination) -> str:
    return gettext("self-nomination") if nomination.is_self_nomination else ""


class NominationViewSet(AuditedModelViewSet):
    model = Nomination
    name = "award_nominations"
    url_prefix = "arets-klimapartner/nominasjoner"
    icon = "doc-full"
    menu_label = _("Nominations")
    copy_view_enabled = False
    inspect_view_enabled = True
    ordering = ["-round__year", "nominee__name"]
    list_filter = ["round"]
    search_fields = ["reason"]
    list_display = [
        "nominee",
        "round",
        "nominating_organisation",
        Column("self", label=_("Self-nomination"), accessor=_nominee_mark),
        "created_at",
    ]
    list_export = ["round", "nominee", "nominating_organisation", "nominated_by", "reason"]
    export_filename = "nominasjoner"
    panels = [FieldPanel("reason")]


class AwardViewSetGroup(ViewSetGroup):
    menu_label = _("Climate partner of the year")
    menu_icon = "pick"
    menu_order = 160
    items = (AwardRoundViewSet, JurorViewSet, NominationViewSet)
