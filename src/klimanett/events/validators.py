"""Checks on the material the secretariat uploads after an event: slides and documents as PDF,
PowerPoint, Word or Excel within a size limit. Recordings (MP4 and the like) are given as links:
video files are too large to keep here."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Extension → the folder an Office Open XML file of that kind holds (None: a PDF).
MATERIAL_TYPES: dict[str, str | None] = {
    "pdf": None,
    "pptx": "ppt/",
    "docx": "word/",
    "xlsx": "xl/",
}
DEFAULT_MATERIAL_MAX_BYTES = 50 * 1024 * 1024


def material_max_bytes() -> int:
    return int(getattr(settings, "EVENT_MATERIAL_MAX_BYTES", DEFAULT_MATERIAL_MAX_BYTES))


def validate_material_file(upload: File) -> None:
    """A PDF, PPTX, DOCX or XLSX file within the size limit whose content matches its name."""
    limit = material_max_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in MATERIAL_TYPES:
        raise ValidationError(
            _(
                "Upload a PDF, PowerPoint (.pptx), Word (.docx) or Excel (.xlsx) file. "
                "Give recordings such as MP4 videos as a link."
            ),
            code="wrong_type",
        )
    if not _content_matches(upload, MATERIAL_TYPES[extension]):
        raise ValidationError(
            _("The file's content is not a %(kind)s file, whatever its name says."),
            code="content_mismatch",
            params={"kind": extension.upper()},
        )


def _content_matches(upload: File, office_folder: str | None) -> bool:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        if office_folder is None:
            return upload.read(5) == b"%PDF-"
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        return "[Content_Types].xml" in names and any(n.startswith(office_folder) for n in names)
    finally:
        upload.seek(position)
