"""The secretariat's import of the municipal emission statistics in the Wagtail admin: the
upload, the report of refused lines, and the imports so far."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.core.roles import SecretariatOnlyMixin
from klimanett.region.forms import EmissionUploadForm
from klimanett.region.models import EmissionImport
from klimanett.region.services import ImportRefused, describe_refusal, import_statistics


class EmissionImportView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Import municipal emission statistics")
    header_icon = "upload"
    template_name = "region/admin/emission_import.html"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self._render(EmissionUploadForm())

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = EmissionUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(form)
        try:
            record = import_statistics(file=form.cleaned_data["file"], by=request.user)
        except ImportRefused as refused:
            return self._render(
                EmissionUploadForm(),
                refused=refused.record,
                refusals=[describe_refusal(r) for r in refused.refusals],
            )
        messages.success(
            request,
            _(
                "%(file)s is imported: %(rows)s rows for %(municipalities)s municipalities "
                "(years %(years)s)."
            )
            % {
                "file": record.file_name,
                "rows": record.rows_imported,
                "municipalities": len(record.municipalities),
                "years": ", ".join(str(year) for year in record.years),
            },
        )
        return HttpResponseRedirect(reverse("emission_import"))

    def _render(self, form: EmissionUploadForm, **context: Any) -> HttpResponse:
        imports = EmissionImport.objects.select_related("imported_by")[:20]
        return self.render_to_response(self.get_context_data(form=form, imports=imports, **context))


def emission_import_urls() -> list[URLPattern]:
    return [
        path("utslippsstatistikk/importer/", EmissionImportView.as_view(), name="emission_import"),
    ]
