"""The core app's part of the Wagtail admin: the audit log, and guards on user management."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from wagtail import hooks

from klimanett.core import page_cache
from klimanett.core.models import User
from klimanett.core.viewsets import AuditEntryViewSet


@hooks.register("register_admin_viewset")
def register_audit_log() -> AuditEntryViewSet:
    return AuditEntryViewSet()


@hooks.register("before_serve_page")
def cache_public_pages(page: Any, request: HttpRequest, args: Any, kwargs: Any) -> None:
    """Pages anyone may see go into the public page cache (served only to anonymous visitors)."""
    if not page.get_view_restrictions().exists():
        page_cache.mark_cacheable(request)


# Wagtail lets anyone who may add or change users tick "Administrator" (is_superuser), so the
# secretariat could make itself superusers or take over a superuser's account
# (wagtail/wagtail#14100). Only superusers may grant or touch superuser status.


def _refuse_superuser_grant(request: HttpRequest) -> None:
    if (
        request.method == "POST"
        and not request.user.is_superuser
        and request.POST.get("is_superuser")
    ):
        raise PermissionDenied


@hooks.register("before_create_user")
def guard_superuser_on_create(request: HttpRequest) -> None:
    _refuse_superuser_grant(request)


@hooks.register("before_edit_user")
def guard_superuser_on_edit(request: HttpRequest, user: User) -> None:
    if user.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    _refuse_superuser_grant(request)


@hooks.register("before_bulk_action")
def guard_superusers_in_bulk_actions(
    request: HttpRequest, action_type: str, objects: list[Any], action_class_instance: Any
) -> None:
    """Bulk actions on users (activate, deactivate, delete, change role) spare superusers."""
    if request.user.is_superuser:
        return
    if any(isinstance(obj, User) and obj.is_superuser for obj in objects):
        raise PermissionDenied
