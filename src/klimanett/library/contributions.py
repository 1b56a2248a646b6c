"""Partners suggest resources for the library; the secretariat publishes or rejects them.

A contact person suggests a resource on behalf of one of their organisations (``suggest``): it
is saved as *suggested*, the secretariat gets an e-mail, and the organisation's contacts follow
its status in the partner area. The secretariat decides in the back office (``decide``): the
summary may be edited first, the decision goes through ``services.decide_suggestion`` (audited),
and the person who suggested it gets an e-mail in the language they used when suggesting.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from klimanett.core import audit, roles
from klimanett.core.models import User
from klimanett.events.models import Theme
from klimanett.library import services
from klimanett.library.models import Resource
from klimanett.partners.models import Organisation

SUGGESTED = "resource.suggested"


class NotASuggestion(Exception):
    """The resource is not waiting for a decision (already published or rejected)."""


def suggestions_of(organisation: Organisation) -> QuerySet[Resource]:
    """The resources suggested on behalf of the organisation, newest first."""
    return (
        Resource.objects.filter(suggested_for=organisation)
        .select_related("suggested_by")
        .order_by("-created_at", "-pk")
    )


def pending_suggestions() -> QuerySet[Resource]:
    """Suggestions waiting for the secretariat, oldest first."""
    return (
        Resource.objects.filter(status=Resource.Status.SUGGESTED)
        .select_related("suggested_by", "suggested_for")
        .prefetch_related("themes")
        .order_by("created_at", "pk")
    )


def _language(value: str | None) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    code = (value or "")[:2]
    return code if code in languages else settings.LANGUAGE_CODE


@transaction.atomic
def suggest(
    *,
    organisation: Organisation,
    by: User,
    themes: Iterable[Theme] = (),
    interface_language: str | None = None,
    **fields: Any,
) -> Resource:
    """Save a suggested resource (validated, file checked) for the organisation; the secretariat
    gets an e-mail once it is saved. ``interface_language`` is the suggester's language, which
    their decision e-mail is written in. ``fields`` are Resource's own fields."""
    resource = Resource(
        status=Resource.Status.SUGGESTED,
        suggested_by=by,
        suggested_for=organisation,
        **fields,
    )
    resource.slug = services.resource_slug(resource.title)
    resource.full_clean()
    resource.save()
    resource.themes.set(themes)
    audit.record(
        resource,
        SUGGESTED,
        by=by,
        data={
            "title": resource.title,
            "organisation": organisation.pk,
            "language": _language(interface_language or translation.get_language()),
        },
    )
    pk = resource.pk
    transaction.on_commit(lambda: _secretariat_email(pk).send(fail_silently=False))
    return resource


@transaction.atomic
def decide(
    *,
    resource: Resource,
    publish: bool,
    by: User,
    summary: str | None = None,
    message: str = "",
) -> Resource:
    """Publish or reject a suggestion; a changed ``summary`` is saved (and audited) first. The
    person who suggested it gets an e-mail with the decision and the secretariat's ``message``.
    Raises ``NotASuggestion`` when it was decided already."""
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.status != Resource.Status.SUGGESTED:
        raise NotASuggestion
    if summary is not None and summary.strip() and summary.strip() != locked.summary:
        locked.summary = summary.strip()
        locked.full_clean(exclude=["file"])  # the file was checked when it was uploaded
        locked.save(update_fields=["summary", "updated_at"])
        audit.record(
            locked, "resource.updated", by=by, data={"changed": {"summary": locked.summary}}
        )
    services.decide_suggestion(resource=locked, publish=publish, by=by)
    pk, text = locked.pk, message.strip()
    if locked.suggested_by_id:
        transaction.on_commit(lambda: _decision_email(pk, text).send(fail_silently=False))
    resource.status, resource.summary = locked.status, locked.summary
    resource.published_at = locked.published_at
    return locked


# E-mails ----------------------------------------------------------------------------------


def suggestion_language(resource: Resource) -> str:
    """The language the suggester used (kept in the audit entry of the suggestion)."""
    entry = audit.entries_for(resource).filter(action=SUGGESTED).last()
    return _language(entry.data.get("language") if entry else None)


def public_url(resource: Resource) -> str:
    """The resource's public page, once the public library pages are there."""
    if resource.status != Resource.Status.PUBLISHED:
        return ""
    try:
        return settings.SITE_URL + resource.get_absolute_url()
    except NoReverseMatch:
        return ""


def _render(template_prefix: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body


def _secretariat_email(pk: int) -> EmailMessage:
    """To the secretariat, in bokmål: a new suggestion to look at."""
    resource = Resource.objects.select_related("suggested_by", "suggested_for").get(pk=pk)
    context = {
        "resource": resource,
        "review_url": settings.SITE_URL + reverse("library_suggestions:review", args=[pk]),
    }
    subject, body = _render("library/emails/suggestion_received", context, "nb")
    recipients = sorted(
        User.objects.filter(groups__name=roles.SECRETARIAT, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return EmailMessage(subject=subject, body=body, to=recipients)


def _decision_email(pk: int, message: str) -> EmailMessage:
    resource = Resource.objects.select_related("suggested_by", "suggested_for").get(pk=pk)
    assert resource.suggested_by is not None
    context = {
        "resource": resource,
        "published": resource.status == Resource.Status.PUBLISHED,
        "message": message,
        "resource_url": public_url(resource),
        "name": resource.suggested_by.get_full_name() or resource.suggested_by.email,
        "suggestions_url": settings.SITE_URL
        + reverse("library_partner:suggestions", args=[resource.suggested_for_id])
        if resource.suggested_for_id
        else "",
    }
    subject, body = _render(
        "library/emails/suggestion_decided", context, suggestion_language(resource)
    )
    return EmailMessage(subject=subject, body=body, to=[resource.suggested_by.email])
