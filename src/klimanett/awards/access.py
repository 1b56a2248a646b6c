"""Who may see the jury's pages: the jurors of the round alone (404 for everyone else)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from klimanett.awards.models import Juror
from klimanett.awards.selectors import nominees_of
from klimanett.partners.models import Organisation


def get_juror_for_user(request: HttpRequest, year: int) -> Juror:
    """The user's place on the jury of the year's round; 404 for anyone not on it.

    The secretariat manages the jury in the back office and is not a juror unless added."""
    if not request.user.is_authenticated:
        raise Http404
    try:
        return Juror.objects.select_related("round", "user").get(
            round__year=year, user=request.user
        )
    except Juror.DoesNotExist as error:
        raise Http404 from error


def get_nominee_for_juror(juror: Juror, pk: int) -> Organisation:
    """A nominee of the juror's round; 404 if not nominated, 403 for the juror's own."""
    try:
        nominee = nominees_of(juror.round).get(pk=pk)
    except Organisation.DoesNotExist as error:
        raise Http404 from error
    if juror.has_conflict_with(nominee.pk):
        raise PermissionDenied
    return nominee
