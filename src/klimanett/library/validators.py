"""Checks on files uploaded to the knowledge library (when a resource has no link)."""

from __future__ import annotations

from django.conf import settings
from django.core.files import File

from klimanett.core.documents import validate_document


def resource_max_bytes() -> int:
    return int(settings.LIBRARY_FILE_MAX_BYTES)


def validate_resource_file(upload: File) -> None:
    """A PDF, PPTX, DOCX or XLSX file within the size limit whose content matches its name."""
    validate_document(upload, max_bytes=resource_max_bytes())
