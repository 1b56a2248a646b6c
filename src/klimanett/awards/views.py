"""The partner area's award pages: nominate during the window, and the jury's scoring."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimanett.awards import selectors, services
from klimanett.awards.access import get_juror_for_user, get_nominee_for_juror
from klimanett.awards.forms import NominationForm, ScoreForm
from klimanett.awards.models import CRITERIA, AwardRound, nominable
from klimanett.core.http import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The nomination form while a round is open, and the nominations the user's
    organisations have made. For contacts of active members (403 for anyone else)."""
    own = selectors.nominating_organisations_for(request.user)
    if not own.exists():
        raise PermissionDenied
    today = timezone.localdate()
    award_round = selectors.open_round(today)
    form = NominationForm(request.POST or None, own_organisations=own, nominees=nominable())
    status = 200
    if request.method == "POST":
        if award_round is None:
            form.is_valid()
            form.add_error(None, _("Nominations are not open."))
            status = 400
        elif form.is_valid():
            try:
                nomination = services.nominate(
                    award_round=award_round,
                    nominee=form.cleaned_data["nominee"],
                    nominating_organisation=form.cleaned_data["nominating_organisation"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                    today=today,
                )
            except services.AwardRefused as refused:
                form.add_error(refused.field, refused.message)
                status = 400
            else:
                messages.success(
                    request,
                    _("Thank you! %(nominee)s is nominated for %(award)s.")
                    % {"nominee": nomination.nominee.name, "award": award_round.display_title},
                )
                return redirect("awards:nominate")
        else:
            status = 400
        if status == 400:
            messages.error(request, _("The nomination is not saved. Correct what is marked below."))
    upcoming = (
        None
        if award_round
        else AwardRound.objects.filter(nomination_opens__gt=today).order_by("year").first()
    )
    context = {
        "award_round": award_round,
        "upcoming": upcoming,
        "form": form,
        "criteria": CRITERIA,
        "nominations": selectors.nominations_of(request.user),
    }
    return render(request, "awards/nominate.html", context, status=status)


@login_required
def jury(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The juror's list of nominees with the reasons; conflicts are shown, never scored."""
    juror = get_juror_for_user(request, year)
    context = {
        "juror": juror,
        "award_round": juror.round,
        "entries": selectors.jury_list(juror),
        "scoring_open": juror.round.is_open_for_scoring(),
        "criteria": CRITERIA,
    }
    return render(request, "awards/jury.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def score_nominee(request: AuthenticatedHttpRequest, year: int, nominee: int) -> HttpResponse:
    juror = get_juror_for_user(request, year)
    organisation = get_nominee_for_juror(juror, nominee)  # 403 for the juror's own
    existing = juror.scores.filter(nominee=organisation).first()
    initial = (
        {
            "direct_cuts": existing.direct_cuts,
            "long_term": existing.long_term,
            "example": existing.example,
            "comment": existing.comment,
        }
        if existing
        else None
    )
    form = ScoreForm(request.POST or None, initial=initial)
    scoring_open = juror.round.is_open_for_scoring()
    status = 200
    if request.method == "POST":
        if not scoring_open:
            form.is_valid()
            form.add_error(None, _("Scoring for this round is not open."))
            status = 400
        elif form.is_valid():
            try:
                services.score_nominee(
                    juror=juror, nominee=organisation, by=request.user, **form.cleaned_data
                )
            except services.AwardRefused as refused:
                form.add_error(None, refused.message)
                status = 400
            else:
                messages.success(
                    request,
                    _("Your score for %(nominee)s is saved.") % {"nominee": organisation.name},
                )
                return redirect("awards:jury", year)
        else:
            status = 400
        if status == 400:
            messages.error(request, _("The score is not saved. Correct what is marked below."))
    context = {
        "juror": juror,
        "award_round": juror.round,
        "nominee": organisation,
        "nominations": juror.round.nominations.filter(nominee=organisation).select_related(
            "nominating_organisation"
        ),
        "form": form,
        "scoring_open": scoring_open,
    }
    return render(request, "awards/score.html", context, status=status)
