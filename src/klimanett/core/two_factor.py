"""TOTP devices for two-factor login: find or start a user's device, draw its QR code."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import AnonymousUser
from django_otp.middleware import is_verified as otp_is_verified
from django_otp.plugins.otp_totp.models import TOTPDevice

from klimanett.core.models import User


def is_verified(user: User | AnonymousUser) -> bool:
    """Whether the user gave a TOTP code in this session.

    The same check as the ``user.is_verified()`` that django-otp's ``OTPMiddleware`` attaches to
    ``request.user``, which the type checker cannot see.
    """
    return bool(otp_is_verified(user))


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device a user is setting up; one is made on the first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


def secret_for_manual_entry(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_code_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")
