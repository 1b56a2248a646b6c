"""Roles: the secretariat and editors are groups; partner contacts are linked to organisations.

The secretariat runs the network in the back office and may see every organisation's data.
Editors manage the public pages; writers write pages that an editor (or the secretariat)
approves before they go live. Partner contacts see and edit their own organisations only
(see ``klimanett.partners.access``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q

SECRETARIAT = "Secretariat"
EDITORS = "Editors"  # the group Wagtail creates
WRITERS = "Writers"  # may write and change pages and submit them for approval, not publish
EDITORIAL_WORKFLOW = "Editorial approval"
EDITORIAL_TASK = "Approval by the editors or the secretariat"

# Apps whose models the secretariat manages in full.
_SECRETARIAT_APPS = ("partners", "core", "municipalities")
_EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _group_names(user: Any) -> set[str]:
    cached = getattr(user, "_klimanett_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.pk else set()
        user._klimanett_groups = cached
    return cached


def is_secretariat(user: Any) -> bool:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return bool(user.is_superuser or SECRETARIAT in _group_names(user))


class SecretariatOnlyMixin:
    """For class-based views of the secretariat's alone: anyone else gets 403."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def is_editor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or EDITORS in _group_names(user))


def requires_two_factor(user: Any) -> bool:
    """Secretariat accounts, which see every organisation's data, must log in with TOTP."""
    return is_secretariat(user)


def ensure_role_groups() -> None:
    """Create the role groups with their permissions; safe to run any number of times."""
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT)
    editors, _ = Group.objects.get_or_create(name=EDITORS)

    editor_q = Q(pk__in=[])
    for app_label, codename in _EDITOR_PERMISSIONS:
        editor_q |= Q(content_type__app_label=app_label, codename=codename)
    editors.permissions.add(*Permission.objects.filter(editor_q))
    secretariat.permissions.set(
        Permission.objects.filter(editor_q | Q(content_type__app_label__in=_SECRETARIAT_APPS))
    )
    _grant_page_permissions(editors)
    _grant_page_permissions(secretariat)

    writers, _ = Group.objects.get_or_create(name=WRITERS)
    writers.permissions.add(*Permission.objects.filter(editor_q))
    _grant_page_permissions(writers, codenames=("add_page", "change_page"))
    ensure_editorial_workflow(approvers=[editors, secretariat])


_PUBLISHER_CODENAMES = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def _grant_page_permissions(
    group: Group, codenames: tuple[str, ...] = _PUBLISHER_CODENAMES
) -> None:
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in codenames:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def ensure_editorial_workflow(*, approvers: list[Group]) -> None:
    """The "Editorial approval" workflow for every page: a writer's page goes live when an editor
    or the secretariat approves it (those who may publish can still publish at once).

    Assigned to the root of the page tree, so it covers the home page and every page under it
    (it replaces Wagtail's default "Moderators approval" there); idempotent.
    """
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    root = Page.get_first_root_node()
    if root is None:
        return
    task = GroupApprovalTask.objects.filter(name=EDITORIAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=EDITORIAL_TASK)
    task.groups.add(*approvers)
    workflow, _ = Workflow.objects.get_or_create(name=EDITORIAL_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def ensure_role_groups_after_migrate(**kwargs: Any) -> None:
    ensure_role_groups()
