"""Emission factor sets in the Wagtail admin, for the secretariat: every set with the accounts
that use it, the download of each set's file, and the import of a new set (upload, a check
showing what changes against the set it succeeds, then confirmation)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from klimanett.accounting import factor_library
from klimanett.accounting.forms import FactorSetImportForm
from klimanett.accounting.ghg.factors import FACTORSETS_DIR, available_factor_sets
from klimanett.accounting.models import ImportedFactorSet
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.core.roles import SecretariatOnlyMixin, is_secretariat


class SecretariatAdminView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    """A page of the secretariat's in the Wagtail admin."""


class FactorSetListView(SecretariatAdminView):
    page_title = gettext_lazy("Emission factor sets")
    header_icon = "table"
    template_name = "accounting/admin/factor_sets.html"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @property
    def header_buttons(self) -> list[HeaderButton]:
        return [
            HeaderButton(
                _("Import a new set"), url=reverse("factor_set_import"), icon_name="upload"
            )
        ]

    def get(self, request: HttpRequest) -> HttpResponse:
        uses = factor_library.factor_set_uses()
        return self.render_to_response(
            self.get_context_data(uses=uses, newest=uses[-1].version if uses else None)
        )


class FactorSetImportView(SecretariatAdminView):
    page_title = gettext_lazy("Import an emission factor set")
    header_icon = "upload"
    template_name = "accounting/admin/factor_set_import.html"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("factor_sets"), "label": _("Emission factor sets")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(self._form(None))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = self._form(request)
        if not form.is_valid():
            return self._render(form)
        data = form.cleaned_data
        try:
            if "confirm" in request.POST:
                stored = factor_library.import_factor_set(
                    version=data["version"],
                    factors_csv=data["factors_csv"],
                    succeeds=data["succeeds"],
                    notes=data["notes"],
                    by=request.user,
                )
                messages.success(
                    request,
                    _("The factor set %(version)s is imported. New accounts use it.")
                    % {"version": stored.version},
                )
                return HttpResponseRedirect(reverse("factor_sets"))
            preview = factor_library.preview_import(
                version=data["version"], factors_csv=data["factors_csv"], succeeds=data["succeeds"]
            )
        except factor_library.FactorSetImportError as error:
            form.add_error(None, str(error))
            return self._render(form)
        # The checked text goes with the confirmation; a new file is not asked for again.
        confirm = self._form(None, initial={**data, "file": None})
        return self._render(confirm, preview=preview)

    def _form(self, request: HttpRequest | None, **kwargs: Any) -> FactorSetImportForm:
        return FactorSetImportForm(
            request.POST if request else None,
            request.FILES if request else None,
            versions=factor_library.factor_set_versions(),
            **kwargs,
        )

    def _render(self, form: FactorSetImportForm, **context: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form, **context))


def factor_set_csv(request: HttpRequest, version: str) -> HttpResponse:
    """The file of a set, shipped or imported, to start a new set from."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    if version in available_factor_sets():
        text = (FACTORSETS_DIR / f"{version}.csv").read_text(encoding="utf-8")
    else:
        stored = ImportedFactorSet.objects.filter(version=version).first()
        if stored is None:
            raise Http404
        text = stored.factors_csv
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{version}.csv"'
    return response


def factor_set_urls() -> list[URLPattern]:
    return [
        path("utslippsfaktorer/", FactorSetListView.as_view(), name="factor_sets"),
        path("utslippsfaktorer/importer/", FactorSetImportView.as_view(), name="factor_set_import"),
        path("utslippsfaktorer/<str:version>.csv", factor_set_csv, name="factor_set_csv"),
    ]
