"""Partner endpoints: the public directory, and each contact's own organisations."""

from collections.abc import Sequence

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from klimanett.api import public_data
from klimanett.api.conventions import Pages, Text, form_errors, public_read, refused
from klimanett.api.public_data import PartnerOrdering  # a real type: paginate reads it
from klimanett.api.schemas import Error, OrganisationOut, OrganisationPatch, PublicPartner
from klimanett.api.tokens import OWN_DATA_AUTH, get_own
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners import selectors, services
from klimanett.partners.forms import OrganisationForm
from klimanett.partners.models import Organisation

router = Router(tags=["partners"])


def _own(request: HttpRequest, pk: int) -> Organisation:
    organisations = Organisation.objects.select_related("municipality")
    return get_own(request, organisations.prefetch_related("memberships"), pk, via="pk")


@router.get(
    "/partners",
    response=list[PublicPartner],
    summary="The public partner directory",
    description=(
        "Active members with a public profile, by name. Filter with municipality (number, "
        "e.g. 4003), sector (NACE section letter), kind, and q (part of the name). ordering: "
        "name, -name, municipality, -municipality. Open data under the Norwegian licence for "
        "open government data (NLOD 2.0)."
    ),
)
@paginate(Pages)
@decorate_view(public_read)
def list_partners(
    request: HttpRequest,
    municipality: Text = "",
    sector: Text = "",
    kind: Text = "",
    q: Text = "",
    ordering: PartnerOrdering = "name",
) -> Sequence[PublicPartner]:
    return public_data.partner_rows(
        municipality=municipality, sector=sector, kind=kind, q=q, ordering=ordering
    )


@router.get(
    "/partners/{slug}", response={200: PublicPartner, 404: Error}, summary="One public profile"
)
@decorate_view(public_read)
def get_partner(request: HttpRequest, slug: Text) -> Status:
    organisation = selectors.public_profile(slug)
    if organisation is None:
        return Status(404, Error(detail=_("No public partner has this address.")))
    return Status(200, public_data.partner_row(organisation))


@router.get(
    "/me/organisations",
    response={200: list[OrganisationOut], 401: Error},
    auth=OWN_DATA_AUTH,
    summary="The organisations you are a contact person for",
)
def my_organisations(request: AuthenticatedHttpRequest) -> list[Organisation]:
    return list(selectors.organisations_of(request.user))


@router.get(
    "/organisations/{pk}",
    response={200: OrganisationOut, 401: Error, 404: Error},
    auth=OWN_DATA_AUTH,
    summary="One of your organisations",
    description="404 unless you are its contact person or the secretariat.",
)
def get_organisation(request: AuthenticatedHttpRequest, pk: int) -> Organisation:
    return _own(request, pk)


@router.patch(
    "/organisations/{pk}",
    response={200: OrganisationOut, 401: Error, 404: Error, 422: Error},
    auth=OWN_DATA_AUTH,
    summary="Change one of your organisations",
    description=(
        "Send only the fields to change. Invalid input gives 422 with the errors per field, "
        "and nothing is saved. Every change is written to the audit log."
    ),
)
def patch_organisation(
    request: AuthenticatedHttpRequest, pk: int, payload: OrganisationPatch
) -> Status:
    organisation = _own(request, pk)
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
        return refused(form_errors(form))
    return Status(200, services.update_organisation(form=form, by=request.user))
