"""The feed reader: RSS 2.0 and Atom feeds bring new items into the secretariat's review queue.

``fetch_feed`` downloads one feed (timeout, size cap, a deadline for the whole download, at
most five redirects, only public addresses (``web.check_address``), conditional GET with the
stored ETag and Last-Modified), parses it with feedparser and stores the new items in one
transaction: a feed that cannot be read leaves a readable message on ``Feed.last_error`` and
changes nothing else. An item whose link is already in the library (a published resource's
link) or came through another feed is stored as a duplicate; the same link twice from one
feed is stored once. Links are compared normalised (``normalise_url``).

``accept_item`` turns an item into a published resource; ``reject_item`` sets it aside. Both
lock the item and refuse one that is already decided.
"""

from __future__ import annotations

import calendar
import datetime
import html
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
import requests
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

from klimanett.core import audit
from klimanett.core.models import User
from klimanett.events.models import Theme
from klimanett.library import web
from klimanett.library.models import Feed, FeedItem, Resource, Sector
from klimanett.library.services import create_resource

MAX_FEED_BYTES = 5 * 1024 * 1024
SUMMARY_CHARS = 2000
TITLE_CHARS = 500
URL_CHARS = 1000

# Query parameters that only say where a click came from.
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "_hs")
_TRACKING_NAMES = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "yclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "ref_src",
    "wt.mc_id",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}


class FeedError(Exception):
    """The feed could not be read; the message is for the secretariat."""


class AlreadyDecided(Exception):
    """The item was accepted or rejected before (perhaps in another tab)."""


@dataclass(frozen=True)
class FetchResult:
    feed: Feed
    new: int = 0
    duplicates: int = 0
    not_modified: bool = False
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def describe(self) -> str:
        """One line for the back office and the fetch_feeds command, in the active language."""
        if self.error:
            return gettext("“%(feed)s” could not be fetched: %(error)s") % {
                "feed": self.feed.name,
                "error": self.error,
            }
        if self.not_modified:
            return gettext("“%(feed)s” has not changed since it was last fetched.") % {
                "feed": self.feed.name
            }
        return gettext(
            "“%(feed)s” fetched: %(new)s new item(s) to review, "
            "%(duplicates)s already in the library."
        ) % {"feed": self.feed.name, "new": self.new, "duplicates": self.duplicates}


# --- Links compared -------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """The link in a form that says whether two links are the same page: scheme and host in
    lower case, no default port, no fragment, no tracking parameters (utm_* and the like), the
    other parameters sorted, no trailing slash."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))[:URL_CHARS]


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def resource_for_url(url: str) -> Resource | None:
    """The published resource whose link is the same page as ``url``, if any."""
    return _resources_by_url().get(normalise_url(url))


def _resources_by_url() -> dict[str, Resource]:
    """Published resources by normalised link (the first by pk for each). A suggested or
    rejected resource is not in the library, so its link does not make a feed item a
    duplicate."""
    found: dict[str, Resource] = {}
    published = Resource.objects.published().exclude(url="").order_by("pk")
    for resource in published.only("pk", "url", "title", "slug"):
        found.setdefault(normalise_url(resource.url), resource)
    return found


# --- Fetching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Download:
    body: bytes
    url: str
    content_type: str
    etag: str
    modified: str


def _download(feed: Feed, *, timeout: float, max_bytes: int) -> _Download | None:
    """The feed's bytes, or None when the server says it has not changed (304)."""
    headers = {
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
    }
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.modified:
        headers["If-Modified-Since"] = feed.modified
    deadline = time.monotonic() + 3 * timeout
    too_large = gettext("The feed is larger than %(size)s MB and was not read.") % {
        "size": f"{max_bytes / (1024 * 1024):g}"
    }
    too_slow = gettext("The server sent the feed too slowly (over %(seconds)s seconds).") % {
        "seconds": f"{3 * timeout:g}"
    }
    try:
        with (
            web.session() as session,
            web.request(
                session, "GET", feed.url, headers=headers, timeout=timeout, stream=True
            ) as response,
        ):
            if response.status_code == 304:
                return None
            if response.status_code >= 400:
                raise FeedError(web.describe_status(response))
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(too_large)
            chunks: list[bytes] = []
            size = 0
            # Small pieces, each what one read from the network gave, and the deadline checked
            # after every one: a server dripping bytes slowly is cut off near the deadline
            # (at most one read timeout after it).
            for chunk in web.body_chunks(response):
                size += len(chunk)
                if size > max_bytes:
                    raise FeedError(too_large)
                if time.monotonic() > deadline:
                    raise FeedError(too_slow)
                chunks.append(chunk)
            return _Download(
                body=b"".join(chunks),
                url=response.url,
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag", "")[:300],
                modified=response.headers.get("Last-Modified", "")[:100],
            )
    except requests.RequestException as error:
        raise FeedError(web.describe_error(error, timeout=timeout)) from error


_BENIGN_PARSE_PROBLEMS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def _parse(download: _Download) -> Any:
    parsed = feedparser.parse(
        download.body,
        response_headers={
            "content-type": download.content_type,
            "content-location": download.url,
        },
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not parsed.get("version"):
        raise FeedError(
            gettext(
                "What the address gives is not an RSS or Atom feed (perhaps an ordinary web "
                "page): check the feed address."
            )
        )
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, _BENIGN_PARSE_PROBLEMS):
        raise FeedError(
            gettext("The feed is not valid XML, so none of it was read (%(problem)s).")
            % {"problem": str(problem)[:200]}
        )
    return parsed


def fetch_feed(
    *,
    feed: Feed,
    by: User | None = None,
    timeout: float = web.TIMEOUT_SECONDS,
    max_bytes: int = MAX_FEED_BYTES,
) -> FetchResult:
    """Fetch the feed and store its new items (one transaction); a feed that cannot be read
    gets the reason in ``last_error`` and nothing else changes."""
    try:
        download = _download(feed, timeout=timeout, max_bytes=max_bytes)
        parsed = _parse(download) if download is not None else None
    except FeedError as error:
        return _failed(feed, str(error), by=by)

    with transaction.atomic():
        locked = Feed.objects.select_for_update().get(pk=feed.pk)
        new = duplicates = 0
        if download is not None:
            new, duplicates = _store_items(locked, parsed, base_url=download.url)
            locked.etag, locked.modified = download.etag, download.modified
        locked.last_fetched_at = timezone.now()
        locked.last_error = ""
        locked.save(update_fields=["etag", "modified", "last_fetched_at", "last_error"])
        if new or duplicates or feed.last_error:
            audit.record(locked, "feed.fetched", by=by, data={"new": new, "duplicates": duplicates})
    _copy_state(locked, feed)
    return FetchResult(feed=feed, new=new, duplicates=duplicates, not_modified=download is None)


def _failed(feed: Feed, message: str, *, by: User | None) -> FetchResult:
    with transaction.atomic():
        Feed.objects.filter(pk=feed.pk).update(last_error=message, last_fetched_at=timezone.now())
        if message != feed.last_error:
            audit.record(feed, "feed.failed", by=by, data={"error": message})
    feed.refresh_from_db(fields=["last_error", "last_fetched_at"])
    return FetchResult(feed=feed, error=message)


def _copy_state(source: Feed, target: Feed) -> None:
    for name in ("etag", "modified", "last_fetched_at", "last_error"):
        setattr(target, name, getattr(source, name))


def _store_items(feed: Feed, parsed: Any, *, base_url: str) -> tuple[int, int]:
    entries: dict[str, tuple[str, Any]] = {}  # normalised link: (link, entry), first one kept
    for entry in parsed.entries:
        link = _entry_link(entry, base_url=base_url)
        if link:
            entries.setdefault(normalise_url(link), (link, entry))
    stored = _stored_items(list(entries))
    resources = _resources_by_url()
    new = duplicates = 0
    for normalised, (link, entry) in entries.items():
        earlier = stored.get(normalised, [])
        if any(item.feed_id == feed.pk for item in earlier):
            continue  # this feed brought it before
        elsewhere = earlier[0] if earlier else None
        resource_id = resource.pk if (resource := resources.get(normalised)) else None
        if resource_id is None and elsewhere is not None:
            resource_id = elsewhere.resource_id
        is_duplicate = resource_id is not None or elsewhere is not None
        FeedItem.objects.create(
            feed=feed,
            url=link,
            normalised_url=normalised,
            title=_plain_text(entry.get("title", ""), TITLE_CHARS) or link[:TITLE_CHARS],
            summary=_plain_text(entry.get("summary", ""), SUMMARY_CHARS),
            published_on=_entry_date(entry),
            status=FeedItem.Status.DUPLICATE if is_duplicate else FeedItem.Status.NEW,
            resource_id=resource_id,
        )
        if is_duplicate:
            duplicates += 1
        else:
            new += 1
    return new, duplicates


_IN_BATCH = 500


def _stored_items(normalised_urls: list[str]) -> dict[str, list[FeedItem]]:
    """The items already stored (from any feed) for these links, oldest first: one query per
    ``_IN_BATCH`` links, not one per entry."""
    found: dict[str, list[FeedItem]] = {}
    for start in range(0, len(normalised_urls), _IN_BATCH):
        batch = normalised_urls[start : start + _IN_BATCH]
        items = (
            FeedItem.objects.filter(normalised_url__in=batch)
            .only("pk", "feed_id", "normalised_url", "resource_id")
            .order_by("pk")
        )
        for item in items:
            found.setdefault(item.normalised_url, []).append(item)
    return found


def _entry_link(entry: Any, *, base_url: str) -> str:
    link = (entry.get("link") or "").strip()
    if not link:
        identifier = (entry.get("id") or "").strip()
        link = identifier if identifier.startswith(("http://", "https://")) else ""
    if not link:
        return ""
    link = urljoin(base_url, link)
    # Only web pages: never javascript:, data: or file: links into the back office.
    if urlsplit(link).scheme not in ("http", "https") or len(link) > URL_CHARS:
        return ""
    return link


_SPACES = re.compile(r"\s+")


def _plain_text(value: str, limit: int) -> str:
    """Text without HTML, entities decoded, white space collapsed, cut at a word near
    ``limit`` with an ellipsis."""
    text = _SPACES.sub(" ", html.unescape(strip_tags(value or ""))).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def _entry_date(entry: Any) -> datetime.date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                moment = datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)
            except (TypeError, ValueError, OverflowError, OSError):
                continue
            day = timezone.localtime(moment).date()
            if 1950 <= day.year <= 2100:
                return day
    return None


def fetch_active_feeds(*, timeout: float = web.TIMEOUT_SECONDS) -> list[FetchResult]:
    """Fetch every active feed, each on its own: one that fails does not stop the others."""
    return [fetch_feed(feed=feed, timeout=timeout) for feed in Feed.objects.filter(is_active=True)]


# --- Decisions ------------------------------------------------------------------------------


def _lock_undecided(item: FeedItem, *, allowed: Iterable[str]) -> FeedItem:
    locked = FeedItem.objects.select_for_update().select_related("feed").get(pk=item.pk)
    if locked.status not in allowed:
        raise AlreadyDecided
    return locked


@transaction.atomic
def accept_item(
    *,
    item: FeedItem,
    by: User,
    themes: Iterable[Theme] = (),
    sectors: Iterable[Sector] = (),
    **fields: Any,
) -> Resource:
    """Publish the item as a resource (``fields`` are Resource's own fields, rewritten by the
    secretariat) and mark it accepted; other undecided items with the same link become
    duplicates of the new resource."""
    locked = _lock_undecided(item, allowed=[FeedItem.Status.NEW])
    resource = create_resource(
        by=by, status=Resource.Status.PUBLISHED, themes=themes, sectors=sectors, **fields
    )
    now = timezone.now()
    locked.status = FeedItem.Status.ACCEPTED
    locked.resource = resource
    locked.decided_by = by
    locked.decided_at = now
    locked.save(update_fields=["status", "resource", "decided_by", "decided_at"])
    FeedItem.objects.filter(
        normalised_url__in={locked.normalised_url, normalise_url(resource.url)},
        status__in=[FeedItem.Status.NEW, FeedItem.Status.DUPLICATE],
        resource__isnull=True,
    ).exclude(pk=locked.pk).update(status=FeedItem.Status.DUPLICATE, resource=resource)
    audit.record(
        locked,
        "feed_item.accepted",
        by=by,
        data={"resource": resource.pk, "title": resource.title, "feed": locked.feed.name},
    )
    _copy_decision(locked, item)
    return resource


@transaction.atomic
def reject_item(*, item: FeedItem, by: User) -> FeedItem:
    """Set the item (new, or a duplicate) aside; it stays stored so the feed does not bring it
    back."""
    locked = _lock_undecided(item, allowed=[FeedItem.Status.NEW, FeedItem.Status.DUPLICATE])
    locked.status = FeedItem.Status.REJECTED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(locked, "feed_item.rejected", by=by, data={"feed": locked.feed.name})
    _copy_decision(locked, item)
    return item


def _copy_decision(source: FeedItem, target: FeedItem) -> None:
    for name in ("status", "resource_id", "decided_by_id", "decided_at"):
        setattr(target, name, getattr(source, name))
