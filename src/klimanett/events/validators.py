"""Checks on the material the secretariat uploads after an event: slides and documents as PDF,
PowerPoint, Word or Excel within a size limit. Recordings (MP4 and the like) are given as links:
video files are too large to keep here."""

from __future__ import annotations

from django.conf import settings
from django.core.files import File

from klimanett.core.documents import validate_document

DEFAULT_MATERIAL_MAX_BYTES = 50 * 1024 * 1024


def material_max_bytes() -> int:
    return int(getattr(settings, "EVENT_MATERIAL_MAX_BYTES", DEFAULT_MATERIAL_MAX_BYTES))


def validate_material_file(upload: File) -> None:
    """A PDF, PPTX, DOCX or XLSX file within the size limit whose content matches its name."""
    validate_document(upload, max_bytes=material_max_bytes())
