"""The secretariat's result page for an award round: the score table per nominee and juror,
the choice of the winner with the citation, and publishing. For the secretariat alone."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from klimanett.awards import selectors, services
from klimanett.awards.forms import WinnerForm
from klimanett.awards.models import CRITERIA, AwardRound
from klimanett.core.roles import SecretariatOnlyMixin, is_secretariat


class RoundResultView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    page_title = _("Scores and winner")
    header_icon = "pick"
    template_name = "awards/admin/result.html"
    award_round: AwardRound

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_secretariat(request.user):
            raise PermissionDenied
        self.award_round = get_object_or_404(AwardRound, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.award_round.display_title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("award_rounds:index"), "label": gettext("Award rounds")},
            {
                "url": reverse("award_rounds:edit", args=[self.award_round.pk]),
                "label": self.award_round.display_title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def _render(self, form: WinnerForm, status: int = 200) -> HttpResponse:
        result = selectors.round_result(self.award_round)
        response = self.render_to_response(
            self.get_context_data(
                award_round=self.award_round,
                phase=self.award_round.phase_label(),
                result=result,
                criteria=CRITERIA,
                form=form,
                may_choose=self.award_round.phase()
                in (AwardRound.Phase.JUDGING, AwardRound.Phase.DECIDED),
            )
        )
        response.status_code = status
        return response

    def _form(self, data: Any = None) -> WinnerForm:
        award_round = self.award_round
        initial = None
        if award_round.winner_id:
            initial = {"winner": award_round.winner_id, "citation": award_round.citation}
        else:
            leaders = selectors.round_result(award_round).leaders
            if len(leaders) == 1:  # normally the highest total; a tie is for the secretariat
                initial = {"winner": leaders[0]}
        return WinnerForm(data, initial=initial, nominees=selectors.nominees_of(award_round))

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(self._form())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user: Any = request.user
        action = request.POST.get("action")
        try:
            if action == "publish":
                services.publish_winner(award_round=self.award_round, by=user)
                messages.success(request, gettext("The winner is published on the award page."))
            elif action == "withdraw":
                services.withdraw_publication(award_round=self.award_round, by=user)
                messages.success(request, gettext("The winner is no longer shown on the site."))
            else:
                form = self._form(request.POST)
                if not form.is_valid():
                    messages.error(request, gettext("The winner is not saved."))
                    return self._render(form, status=400)
                services.choose_winner(
                    award_round=self.award_round,
                    winner=form.cleaned_data["winner"],
                    citation=form.cleaned_data["citation"],
                    by=user,
                )
                messages.success(
                    request,
                    gettext("%(winner)s is chosen. Publish to show the winner on the site.")
                    % {"winner": form.cleaned_data["winner"].name},
                )
        except services.AwardRefused as refused:
            messages.error(request, refused.message)
            return self._render(self._form(request.POST or None), status=400)
        return HttpResponseRedirect(reverse("award_result", args=[self.award_round.pk]))


def award_admin_urls() -> list[URLPattern]:
    return [
        path(
            "arets-klimapartner/runder/<int:pk>/resultat/",
            RoundResultView.as_view(),
            name="award_result",
        )
    ]
