"""The partner area: a contact person's own organisations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.core.roles import is_editor, is_secretariat
from klimanett.partners import selectors, services
from klimanett.partners.access import get_certification_of, get_organisation_for_user
from klimanett.partners.forms import CertificationForm, OrganisationForm, commitment_forms


@login_required
def my_organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = list(selectors.organisations_of(request.user))
    if len(organisations) == 1 and not is_secretariat(request.user):
        return redirect(organisations[0])
    if not organisations and (is_secretariat(request.user) or is_editor(request.user)):
        # The secretariat and editors work in the back office.
        return redirect("wagtailadmin_home")
    return render(request, "partners/my_organisations.html", {"organisations": organisations})


def _chosen_year(raw: str | None, years: list[int]) -> int:
    """The year asked for in the address, if the organisation reports for it; else the latest."""
    try:
        year = int(raw or "")
    except ValueError:
        return years[0]
    return year if year in years else years[0]


@login_required
def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    years = selectors.reporting_years(organisation)
    year = _chosen_year(request.GET.get("year"), years)
    context = {
        "organisation": organisation,
        "membership": organisation.current_membership,
        "year": year,
        "years": years,
        "commitment_rows": selectors.commitment_rows(organisation, year),
        "contacts": selectors.contacts_of(organisation),
        "certifications": selectors.certifications_of(organisation),
    }
    return render(request, "partners/organisation_detail.html", context)


@login_required
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST":
        if form.is_valid():
            services.update_organisation(form=form, by=request.user)
            messages.success(request, _("The changes are saved."))
            return redirect(organisation)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    return render(
        request, "partners/organisation_edit.html", {"organisation": organisation, "form": form}
    )


@login_required
def commitments_edit(request: AuthenticatedHttpRequest, pk: int, year: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    years = selectors.reporting_years(organisation)
    if year not in years:
        raise Http404
    forms = commitment_forms(selectors.commitment_rows(organisation, year), request.POST or None)
    if request.method == "POST":
        if all(form.is_valid() for form in forms):
            services.report_commitments(
                organisation=organisation, year=year, forms=forms, by=request.user
            )
            messages.success(request, _("The commitments for %(year)s are saved.") % {"year": year})
            return redirect(f"{organisation.get_absolute_url()}?year={year}")
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    context = {
        "organisation": organisation,
        "year": year,
        "forms": forms,
        "years": years,
    }
    return render(request, "partners/commitments_edit.html", context)


@login_required
def certification_edit(
    request: AuthenticatedHttpRequest, pk: int, certification_pk: int | None = None
) -> HttpResponse:
    """Add a certificate (or a plan for one), or change one the organisation has."""
    organisation = get_organisation_for_user(request, pk)
    certification = (
        get_certification_of(organisation, certification_pk)
        if certification_pk is not None
        else None
    )
    form = CertificationForm(
        request.POST or None, instance=certification, organisation=organisation
    )
    if request.method == "POST":
        if form.is_valid():
            services.save_certification(form=form, by=request.user)
            messages.success(request, _("The certification is saved."))
            return redirect(organisation)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    context = {"organisation": organisation, "form": form, "certification": certification}
    return render(request, "partners/certification_edit.html", context)


@login_required
@require_POST
def certification_delete(
    request: AuthenticatedHttpRequest, pk: int, certification_pk: int
) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    certification = get_certification_of(organisation, certification_pk)
    services.delete_certification(certification=certification, by=request.user)
    messages.success(request, _("The certification is deleted."))
    return redirect(organisation)
