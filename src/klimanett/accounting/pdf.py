"""One climate account as a printable PDF report in the reader's language, made with WeasyPrint
from the template ``accounting/account_pdf.html``.

The report never reaches the network: its only outside resources are the Inter font files from
the static files, and the URL fetcher refuses every other address (a partner's note or a
source URL is text or a link in the PDF, never fetched).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from klimanett.accounting.selectors import CATEGORY_NAMES, AccountResult

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

FONT_FILES = {
    400: "vendor/inter/files/inter-latin-400-normal.woff2",
    600: "vendor/inter/files/inter-latin-600-normal.woff2",
}


def local_files_fetcher(paths: Iterable[Path]) -> URLFetcher:
    """A WeasyPrint URL fetcher that reads the given local files and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {path.resolve() for path in paths}

    class LocalFilesOnly(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve()
            if parts.scheme != "file" or path not in allowed:
                raise ValueError(f"the report reads only its own static files, not {url}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/woff2"})

    return LocalFilesOnly(allowed_protocols={"file"})


def _static_path(name: str) -> Path:
    found = finders.find(name)
    if not isinstance(found, str):
        raise ImproperlyConfigured(f"static file {name} is missing: run `make assets`")
    return Path(found)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """A template rendered to a PDF that reads nothing but the bundled Inter font files. The
    template gets `fonts` ((weight, file URL) for its @font-face rules, as in
    ``accounting/includes/pdf_fonts.html``) and `made_at` besides `context`."""
    fonts = {weight: _static_path(name) for weight, name in FONT_FILES.items()}
    html = render_to_string(
        template_name,
        {
            **context,
            "fonts": [(weight, path.as_uri()) for weight, path in fonts.items()],
            "made_at": timezone.localtime(),
        },
    )
    from weasyprint import HTML  # loads Pango: only when a report is made, not with the site

    document = HTML(string=html, url_fetcher=local_files_fetcher(fonts.values()))
    pdf = document.write_pdf()
    assert pdf is not None  # no target given: the PDF is returned
    return pdf


def account_pdf(result: AccountResult) -> bytes:
    """The account as a PDF: organisation, year, status and factor set; totals by scope,
    intensities and the breakdown by category; every line with its factor and source."""
    return render_pdf(
        "accounting/account_pdf.html",
        {
            "result": result,
            "account": result.account,
            "categories": [
                (str(CATEGORY_NAMES.get(category, category)), emissions)
                for category, emissions in sorted(result.by_category.items())
            ],
            "intensities": [
                (_("Employee (full-time equivalent)"), result.intensities.per_employee),
                (_("Million NOK revenue"), result.intensities.per_mnok_revenue),
                (_("m² heated floor area"), result.intensities.per_m2_heated_area),
            ],
        },
    )
