"""Who may see and change a climate account: the organisation's contacts and the secretariat."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from klimanett.accounting.models import ClimateAccount
from klimanett.core.roles import is_secretariat


def get_account_for_user(request: HttpRequest, pk: int) -> ClimateAccount:
    """The account if the user acts for its organisation or is the secretariat; 404 otherwise."""
    accounts = ClimateAccount.objects.select_related("organisation")
    if not is_secretariat(request.user):
        if not request.user.is_authenticated:
            raise Http404
        accounts = accounts.filter(organisation__contacts__user=request.user)
    try:
        return accounts.get(pk=pk)
    except ClimateAccount.DoesNotExist as error:
        raise Http404 from error
