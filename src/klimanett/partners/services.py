"""Writes to the partner registry: transactional and audited."""

from __future__ import annotations

from django.db import transaction

from klimanett.core import audit
from klimanett.core.models import User
from klimanett.partners.forms import CertificationForm, CommitmentStatusForm, OrganisationForm
from klimanett.partners.models import Certification, CommitmentStatus, Organisation


@transaction.atomic
def update_organisation(*, form: OrganisationForm, by: User) -> Organisation:
    """Save a valid organisation form and record which fields changed."""
    organisation = form.save()
    audit.record(
        organisation,
        "organisation.updated",
        by=by,
        data={"changed": audit.changed_values(form, organisation)},
    )
    return organisation


@transaction.atomic
def report_commitments(
    *, organisation: Organisation, year: int, forms: list[CommitmentStatusForm], by: User
) -> list[CommitmentStatus]:
    """Save the year's status of every commitment at once; all or nothing."""
    saved = []
    for form in forms:
        status = form.save(commit=False)
        status.organisation = organisation
        status.commitment = form.commitment
        status.year = year
        status.updated_by = by
        status.full_clean()
        status.save()
        saved.append(status)
    audit.record(
        organisation,
        "commitments.reported",
        by=by,
        data={"year": year, "statuses": {s.commitment.code: s.status for s in saved}},
    )
    return saved


@transaction.atomic
def save_certification(*, form: CertificationForm, by: User) -> Certification:
    """Save a new or changed certificate of the form's organisation."""
    created = form.instance.pk is None
    certification = form.save()
    audit.record(
        certification,
        "certification.created" if created else "certification.updated",
        by=by,
        data={"changed": audit.changed_values(form, certification)},
    )
    return certification


@transaction.atomic
def delete_certification(*, certification: Certification, by: User) -> None:
    audit.record(
        certification,
        "certification.deleted",
        by=by,
        data={"organisation": certification.organisation_id, "scheme": certification.scheme_name},
    )
    certification.delete()
