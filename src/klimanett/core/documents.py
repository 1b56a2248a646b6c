"""Checks on uploaded documents: PDF, PowerPoint, Word or Excel within a size limit, with
content that matches the file's name (a renamed executable is refused)."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Extension → the folder an Office Open XML file of that kind holds (None: a PDF).
DOCUMENT_TYPES: dict[str, str | None] = {
    "pdf": None,
    "pptx": "ppt/",
    "docx": "word/",
    "xlsx": "xl/",
}


def validate_document(upload: File, *, max_bytes: int) -> None:
    """A PDF, PPTX, DOCX or XLSX file within ``max_bytes`` whose content matches its name."""
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _(
                "Upload a PDF, PowerPoint (.pptx), Word (.docx) or Excel (.xlsx) file. "
                "Give recordings such as MP4 videos as a link."
            ),
            code="wrong_type",
        )
    if not _content_matches(upload, DOCUMENT_TYPES[extension]):
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
