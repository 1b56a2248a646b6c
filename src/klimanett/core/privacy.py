"""Self-service export and deletion of one's own personal data (GDPR art. 15, 17 and 20).

Apps that keep personal data about a user register a provider that returns it as plain data
(anything ``json.dumps`` takes: a dict, a list of dicts...), so that the export is complete
without ``core`` knowing the apps that build on it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import ModelLogEntry

from klimanett.core import audit, roles
from klimanett.core.models import AuditEntry, User

PersonalDataProvider = Callable[[User], object]
PersonalDataEraser = Callable[[User], None]
_providers: dict[str, PersonalDataProvider] = {}
_erasers: dict[str, PersonalDataEraser] = {}
DELETED_PERSON = "[slettet person]"


_retention_exemptions: list[Q] = []


def register_provider(name: str, provider: PersonalDataProvider) -> None:
    _providers[name] = provider


def register_eraser(name: str, eraser: PersonalDataEraser) -> None:
    """Apps that keep personal data about a person outside the user's own rows (found by the
    e-mail address, say) erase or anonymise it when the user is deleted."""
    _erasers[name] = eraser


def exempt_from_retention(condition: Q) -> None:
    """Users matching the condition are never deleted for being inactive."""
    _retention_exemptions.append(condition)


def _exempt_from_retention() -> Q:
    condition = Q(pk__in=[])
    for exemption in _retention_exemptions:
        condition |= exemption
    return condition


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
    """Delete the account and everything linked to it; audit entries keep no trace of the person.

    Entries the person made lose their author (the foreign key is nulled); entries about the
    person, such as their account or their role as contact person, have the name and address
    replaced. The log keeps what was done, not to whom.
    """
    for _name, eraser in sorted(_erasers.items()):
        eraser(user)
    _scrub_audit_entries_about(user)
    audit.record(None, "user.deleted", by=None, data={"user_id": user.pk})
    user.delete()


def _scrub_audit_entries_about(user: User) -> None:
    traces = [t for t in (user.get_full_name(), user.email) if t]
    mentions = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    for trace in traces:
        mentions |= Q(object_repr__contains=trace)
    for entry in AuditEntry.objects.filter(mentions):
        entry.object_repr = _scrub(entry.object_repr, traces)
        entry.data = json.loads(_scrub(json.dumps(entry.data, ensure_ascii=False), traces))
        entry.save(update_fields=["object_repr", "data"])
    # Wagtail's own log of changes to the account.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(label=DELETED_PERSON, data={})


def _scrub(text: str, traces: list[str]) -> str:
    for trace in traces:
        text = text.replace(trace, DELETED_PERSON)
    return text


def inactive_users(*, days: int) -> QuerySet[User]:
    """Accounts unused for ``days`` days, except the secretariat's, superusers' and main contacts'.

    Apps may exempt more accounts (partners keeps organisations' main contacts, the network's
    way to reach them) with ``exempt_from_retention``.
    """
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return (
        User.objects.filter(is_superuser=False)
        .exclude(groups__name=roles.SECRETARIAT)
        .exclude(_exempt_from_retention())
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )


def purge_inactive_users(*, days: int) -> int:
    """Delete unused accounts (retention limit); returns how many were deleted."""
    count = 0
    for user in inactive_users(days=days):
        delete_user(user=user)
        count += 1
    return count
