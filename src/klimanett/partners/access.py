"""Who may see and change an organisation's non-public data: its contacts and the secretariat."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from klimanett.core.roles import is_secretariat
from klimanett.partners.models import Certification, Organisation


def get_organisation_for_user(request: HttpRequest, pk: int) -> Organisation:
    """The organisation if the user may see and change it; 404 otherwise.

    Its contacts and the secretariat may both see and change an organisation's data.
    A 404 rather than a 403 tells an outsider nothing about which organisations exist.
    """
    queryset = Organisation.objects.select_related("municipality").prefetch_related("memberships")
    if not is_secretariat(request.user):
        if not request.user.is_authenticated:
            raise Http404
        queryset = queryset.for_contact(request.user)
    try:
        return queryset.get(pk=pk)
    except Organisation.DoesNotExist as error:
        raise Http404 from error


def get_certification_of(organisation: Organisation, pk: int) -> Certification:
    """A certificate of an organisation already checked with ``get_organisation_for_user``."""
    try:
        return organisation.certifications.get(pk=pk)
    except Certification.DoesNotExist as error:
        raise Http404 from error
