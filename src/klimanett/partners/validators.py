"""Checks on partner input: organisation numbers and logo files."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from stdnum.no import orgnr

LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]


def normalise_org_number(value: str) -> str:
    return orgnr.compact(value or "")


def validate_org_number(value: str) -> None:
    """A Norwegian organisation number: nine digits with a valid MOD11 check digit."""
    number = normalise_org_number(value)
    if not number.isdigit() or len(number) != 9:
        raise ValidationError(
            _("An organisation number has nine digits, for example 923 609 016."), code="format"
        )
    if not orgnr.is_valid(number):
        raise ValidationError(
            _("%(number)s is not a valid organisation number: the check digit does not match."),
            code="checksum",
            params={"number": orgnr.format(number)},
        )


def validate_logo(upload: File) -> None:
    """A logo is a PNG, JPEG or WebP image within the size limit (SVG may carry scripts)."""
    limit = settings.LOGO_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The logo is %(size)s; the largest allowed is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    try:
        position = upload.tell() if hasattr(upload, "tell") else 0
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
        upload.seek(position)
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("The file is not an image we can read. Upload a PNG, JPEG or WebP file."),
            code="not_image",
        ) from error
    if image_format not in LOGO_FORMATS:
        raise ValidationError(_("Logos must be PNG, JPEG or WebP images."), code="wrong_type")


_MOD11_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def org_number_check_digit(body: str) -> str | None:
    """The MOD11 check digit for eight digits, or None where no digit can make them valid."""
    remainder = sum(int(d) * w for d, w in zip(body, _MOD11_WEIGHTS, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else str(check)
