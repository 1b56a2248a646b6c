"""Self-service export and deletion of one's own personal data (GDPR art. 15, 17 and 20).

Apps that keep personal data about a user register a provider that returns it as plain data
(anything ``json.dumps`` takes: a dict, a list of dicts...), so that the export is complete
without ``core`` knowing the apps that build on it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from klimanett.core import audit, roles
from klimanett.core.models import AuditEntry, User

PersonalDataProvider = Callable[[User], object]
_providers: dict[str, PersonalDataProvider] = {}


def register_provider(name: str, provider: PersonalDataProvider) -> None:
    _providers[name] = provider


def export_personal_data(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "user": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "activity": [
            {
                "time": entry.created_at.isoformat(),
                "action": entry.action,
                "object": entry.object_repr,
            }
            for entry in AuditEntry.objects.filter(actor=user).order_by("created_at")
        ],
    }
    for name, provider in sorted(_providers.items()):
        data[name] = provider(user)
    return data


@transaction.atomic
def delete_user(*, user: User) -> None:
    """Delete the account and everything linked to it; audit entries keep no trace of the person."""
    audit.record(None, "user.deleted", by=None, data={"user_id": user.pk})
    user.delete()


def inactive_users(*, days: int) -> QuerySet[User]:
    """Accounts unused for ``days`` days, except the secretariat's and superusers'."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return (
        User.objects.filter(is_superuser=False)
        .exclude(groups__name=roles.SECRETARIAT)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )


def purge_inactive_users(*, days: int) -> int:
    """Delete unused accounts (retention limit); returns how many were deleted."""
    count = 0
    for user in inactive_users(days=days):
        delete_user(user=user)
        count += 1
    return count
