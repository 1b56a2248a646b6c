"""Partner endpoints: the public directory, and each contact's own organisations."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.security import django_auth

from klimanett.api.schemas import Error, OrganisationOut, OrganisationPatch, PublicPartner
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners import selectors, services
from klimanett.partners.access import get_organisation_for_user
from klimanett.partners.forms import OrganisationForm
from klimanett.partners.models import Organisation

router = Router(tags=["partners"])


def _public(organisation: Organisation) -> PublicPartner:
    return PublicPartner(
        slug=organisation.slug,
        name=organisation.name,
        kind=organisation.kind,
        sector=organisation.sector,
        municipality_number=organisation.municipality.number,
        municipality=organisation.municipality.name,
        website=organisation.website,
        description=organisation.description,
    )


@router.get(
    "/partners",
    response=list[PublicPartner],
    summary="The public partner directory",
    description=(
        "Active members with a public profile, by name. Filter with municipality (number, "
        "e.g. 4003), sector (NACE section letter), kind, and q (part of the name)."
    ),
)
def list_partners(
    request: HttpRequest, municipality: str = "", sector: str = "", kind: str = "", q: str = ""
) -> list[PublicPartner]:
    organisations = selectors.directory(
        municipality=municipality, sector=sector, kind=kind, query=q
    )
    return [_public(o) for o in organisations]


@router.get(
    "/partners/{slug}", response={200: PublicPartner, 404: Error}, summary="One public profile"
)
def get_partner(request: HttpRequest, slug: str) -> Status:
    organisation = selectors.public_profile(slug)
    if organisation is None:
        return Status(404, Error(detail=_("No public partner has this address.")))
    return Status(200, _public(organisation))


@router.get(
    "/me/organisations",
    response=list[OrganisationOut],
    auth=django_auth,
    summary="The organisations you are a contact person for",
)
def my_organisations(request: AuthenticatedHttpRequest) -> list[Organisation]:
    # With django_auth, ninja's request.auth is request.user, once it is logged in.
    return list(selectors.organisations_of(request.user))


@router.get(
    "/organisations/{pk}",
    response=OrganisationOut,
    auth=django_auth,
    summary="One of your organisations",
    description="404 unless you are its contact person or the secretariat.",
)
def get_organisation(request: AuthenticatedHttpRequest, pk: int) -> Organisation:
    return get_organisation_for_user(request, pk)


@router.patch(
    "/organisations/{pk}",
    response={200: OrganisationOut, 422: Error},
    auth=django_auth,
    summary="Change one of your organisations",
    description=(
        "Send only the fields to change. Invalid input gives 422 with the errors per field, "
        "and nothing is saved. Every change is written to the audit log."
    ),
)
def patch_organisation(
    request: AuthenticatedHttpRequest, pk: int, payload: OrganisationPatch
) -> Status:
    organisation = get_organisation_for_user(request, pk)
    changes = payload.dict(exclude_unset=True)
    data = {
        field: getattr(organisation, field)
        for field in OrganisationForm.Meta.fields
        if field != "logo"
    }
    data["municipality"] = organisation.municipality_id
    data.update(changes)
    form = OrganisationForm(data=data, instance=organisation)
    if not form.is_valid():
        return Status(
            422,
            Error(
                detail=_("Nothing was saved. Correct the fields named in errors."),
                errors={k: [str(e) for e in v] for k, v in form.errors.items()},
            ),
        )
    return Status(200, services.update_organisation(form=form, by=request.user))
