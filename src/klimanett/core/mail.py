"""E-mails the platform sends in the organisations' name: written in bokmål, the network's
language, from a subject and a body template, with a reply to the person who sent them."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from klimanett.core.models import User


def bokmaal_email(
    *, template_prefix: str, context: dict[str, Any], to: list[str], by: User | None
) -> EmailMessage:
    """An e-mail from `<template_prefix>_subject.txt` and `<template_prefix>_body.txt`."""
    with translation.override("nb"):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    reply_to = [by.email] if by is not None and by.email else None
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=to, reply_to=reply_to)
