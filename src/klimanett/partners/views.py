"""The partner area: a contact person's own organisations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.core.roles import is_secretariat
from klimanett.partners import selectors, services
from klimanett.partners.access import get_organisation_for_user
from klimanett.partners.forms import OrganisationForm, commitment_forms

FIRST_REPORTING_YEAR = 2015


@login_required
def my_organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = list(selectors.organisations_of(request.user))
    if len(organisations) == 1 and not is_secretariat(request.user):
        return redirect(organisations[0])
    return render(request, "partners/my_organisations.html", {"organisations": organisations})


@login_required
def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    year = timezone.localdate().year
    context = {
        "organisation": organisation,
        "membership": organisation.current_membership,
        "year": year,
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
    this_year = timezone.localdate().year
    if not FIRST_REPORTING_YEAR <= year <= this_year:
        raise Http404
    forms = commitment_forms(selectors.commitment_rows(organisation, year), request.POST or None)
    if request.method == "POST":
        if all(form.is_valid() for form in forms):
            services.report_commitments(
                organisation=organisation, year=year, forms=forms, by=request.user
            )
            messages.success(request, _("The commitments for %(year)s are saved.") % {"year": year})
            return redirect(organisation)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    context = {
        "organisation": organisation,
        "year": year,
        "forms": forms,
        "years": range(this_year, FIRST_REPORTING_YEAR - 1, -1),
    }
    return render(request, "partners/commitments_edit.html", context)
