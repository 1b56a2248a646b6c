"""The link checker: does each published resource's link still work?

Each link gets a HEAD request (a GET, read no further than the headers, when the server refuses
HEAD), following at most five redirects. An answer below 400 means the link works; 404, 410,
a server error (5xx), no connection, a timeout, too many redirects or an address (first or
after a redirect) on a private or local network (``web.check_address``) make it dead, with the
reason in ``link_error``. Other answers (401, 403, 429 …) say the server will not show the
page to a robot, not that it is gone, so the link counts as working. Resources with only an
uploaded file are not checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import requests
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from klimanett.core import audit
from klimanett.library import web
from klimanett.library.models import Resource

# HEAD refused: the same question again with GET.
_HEAD_REFUSED = {403, 405, 501}


@dataclass
class LinkReport:
    ok: list[Resource] = field(default_factory=list)
    dead: list[Resource] = field(default_factory=list)
    skipped: int = 0


def published_links() -> QuerySet[Resource]:
    """The resources the weekly check looks at: published, with a link."""
    return Resource.objects.published().exclude(url="").order_by("pk")


def link_problem(session: requests.Session, url: str, *, timeout: float) -> str:
    """Why the link is dead, or "" when it works."""
    try:
        with web.request(session, "HEAD", url, timeout=timeout) as response:
            if response.status_code not in _HEAD_REFUSED:
                return _problem_in(response)
        with web.request(session, "GET", url, timeout=timeout, stream=True) as response:
            return _problem_in(response)
    except requests.RequestException as error:
        return web.describe_error(error, timeout=timeout)


def _problem_in(response: requests.Response) -> str:
    status = response.status_code
    if status in (404, 410) or status >= 500:
        return web.describe_status(response)
    return ""


def check_links(
    *, resources: Iterable[Resource] | None = None, timeout: float = web.TIMEOUT_SECONDS
) -> LinkReport:
    """Check the links (by default every published resource's) and store the result on each
    resource: ``link_status``, ``link_error`` and ``link_checked_at``."""
    report = LinkReport()
    with web.session() as session:
        for resource in published_links() if resources is None else resources:
            if not resource.url:
                report.skipped += 1
                continue
            problem = link_problem(session, resource.url, timeout=timeout)
            _store(resource, problem)
            (report.dead if problem else report.ok).append(resource)
    return report


@transaction.atomic
def _store(resource: Resource, problem: str) -> None:
    was_dead = resource.link_status == Resource.LinkStatus.DEAD
    resource.link_status = Resource.LinkStatus.DEAD if problem else Resource.LinkStatus.OK
    resource.link_error = problem[:300]
    resource.link_checked_at = timezone.now()
    # An update, not save(): the check must not overwrite an edit made meanwhile.
    Resource.objects.filter(pk=resource.pk).update(
        link_status=resource.link_status,
        link_error=resource.link_error,
        link_checked_at=resource.link_checked_at,
    )
    if problem and not was_dead:
        audit.record(resource, "resource.link_dead", by=None, data={"error": resource.link_error})
    elif was_dead and not problem:
        audit.record(resource, "resource.link_works", by=None)
