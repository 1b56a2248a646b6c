"""Read-side queries for the partner registry."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from klimanett.partners.models import (
    Certification,
    Commitment,
    CommitmentStatus,
    Contact,
    Organisation,
)


def directory(
    *, municipality: str = "", sector: str = "", kind: str = "", query: str = ""
) -> QuerySet[Organisation]:
    """The public partner directory, filtered."""
    organisations = (
        Organisation.objects.in_directory().select_related("municipality").order_by("name")
    )
    if municipality:
        organisations = organisations.filter(municipality__number=municipality)
    if sector:
        organisations = organisations.filter(sector=sector)
    if kind:
        organisations = organisations.filter(kind=kind)
    if query:
        organisations = organisations.name_contains(query)
    return organisations


def public_profile(slug: str) -> Organisation | None:
    return (
        Organisation.objects.in_directory()
        .select_related("municipality")
        .prefetch_related("memberships", "certifications")
        .filter(slug=slug)
        .first()
    )


def organisations_of(user: Any) -> QuerySet[Organisation]:
    return (
        Organisation.objects.for_contact(user)
        .select_related("municipality")
        .prefetch_related("memberships")
        .order_by("name")
    )


def commitment_rows(
    organisation: Organisation, year: int
) -> list[tuple[Commitment, CommitmentStatus | None]]:
    """Every active commitment with the organisation's status for the year (None: not reported)."""
    statuses = {
        status.commitment_id: status
        for status in CommitmentStatus.objects.filter(organisation=organisation, year=year)
    }
    return [(c, statuses.get(c.pk)) for c in Commitment.objects.filter(is_active=True)]


def contacts_of(organisation: Organisation) -> QuerySet[Contact]:
    return organisation.contacts.select_related("user")


def certifications_of(organisation: Organisation) -> QuerySet[Certification]:
    return organisation.certifications.all()


def personal_data_of(user: Any) -> list[dict[str, Any]]:
    """The user's roles as contact person, for the personal data export."""
    return [
        {
            "organisation": contact.organisation.name,
            "position": contact.title,
            "main_contact": contact.is_primary,
        }
        for contact in Contact.objects.filter(user=user).select_related("organisation")
    ]


def reporting_years(organisation: Organisation) -> list[int]:
    """The years the organisation reports commitments for, newest first: from the year its
    first agreement was signed up to this year (this year alone before any agreement)."""
    this_year = timezone.localdate().year
    signed = [m.agreement_date.year for m in organisation.memberships.all() if m.agreement_date]
    first = min([*signed, this_year])
    return list(range(this_year, first - 1, -1))


def reminder_addresses(contacts: list[Contact]) -> list[str]:
    """Where a reminder to an organisation goes: its main contact, or all its contacts when it
    has none (the contacts given: active users, with their users loaded)."""
    chosen = [contact for contact in contacts if contact.is_primary] or contacts
    return sorted({contact.user.email for contact in chosen if contact.user.email})
