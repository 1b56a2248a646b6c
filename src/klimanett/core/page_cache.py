"""A cache of public pages for anonymous visitors, invalidated by any write to the content.

Views opt in: Wagtail pages without view restrictions are marked by a ``before_serve_page``
hook (``core/wagtail_hooks.py``), other views with :func:`cache_public_page`. A page is served
from the cache only to a GET or HEAD request without a session cookie and without messages, and
stored only when it was a plain 200 response that set no cookie.

Invalidation: every cached page is keyed on a *generation* kept in the cache. A database
execute wrapper (installed on each new connection, see ``core/apps.py``) replaces the generation
after every INSERT, UPDATE or DELETE on a content table, at once and again when the transaction
commits, so a render that read the old data while the transaction was open cannot be stored
under the generation the next visitor uses. A change is therefore visible to the next visitor;
``PAGE_CACHE_SECONDS`` bounds what changes with time alone (for example "upcoming" lists).

Per-request values are not shared: on store the CSP nonce and the CSRF tokens in the page are
replaced with placeholders, and on a hit they are filled with this request's nonce (so the CSP
header carries it) and a fresh token from ``get_token`` (which also sets the CSRF cookie).

Conditional GET: a hit whose stored response has an ``ETag`` (the API's public lists,
``api.conventions.public_read``) is answered ``304 Not Modified`` without the body when the
request's ``If-None-Match`` names it, as the view would have.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.utils.http import parse_etags

logger = logging.getLogger(__name__)

GENERATION_KEY = "klimanett:page-cache:generation"
_MARK = "_klimanett_page_cache"
_NONCE_PLACEHOLDER = b"\x00klimanett-csp-nonce\x00"
_CSRF_PLACEHOLDER = b"\x00klimanett-csrf-token\x00"
_CANDIDATE_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_HTMX_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_TARGET",
    "HTTP_HX_TRIGGER",
    "HTTP_HX_TRIGGER_NAME",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)
# What a 304 Not Modified from the cache carries of the stored response (RFC 9110, 15.4.5).
_NOT_MODIFIED_HEADERS = ("etag", "vary", "cache-control", "expires", "content-location")
# Writes to these tables are not content: sessions, login throttling, the task queue.
_IGNORED_TABLES = ("django_session", "axes_", "django_tasks_")
_WRITE = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|TRUNCATE(?:\s+TABLE)?)"
    r'\s+["`]?(\w+)',
    re.IGNORECASE,
)


# Opting in ------------------------------------------------------------------------------


def mark_cacheable(request: HttpRequest) -> None:
    """Let the page cache keep this request's response (if it is a plain 200 for anyone)."""
    setattr(request, _MARK, True)


def cache_public_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Decorator for function views whose GET response is the same for every anonymous visitor."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        mark_cacheable(request)
        return view(request, *args, **kwargs)

    return wrapped


# The generation ------------------------------------------------------------------------


def current_generation() -> str:
    """The generation pages are stored under; a missing one (evicted, new cache) is made anew."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = secrets.token_hex(8)
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY) or generation
    return str(generation)


def bump_generation() -> None:
    """Make every cached page stale."""
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:  # the cache being down must not break a write to the database
        logger.exception("Could not invalidate the public page cache")


def writes_content(sql: str) -> bool:
    match = _WRITE.match(sql)
    return match is not None and not match.group(1).lower().startswith(_IGNORED_TABLES)


def _invalidate_on_write(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and writes_content(sql):
        connection: BaseDatabaseWrapper = context["connection"]
        bump_generation()
        # run_on_commit holds (savepoint ids, callback, robust) for the open transaction.
        pending = [entry[1] for entry in connection.run_on_commit]
        if connection.in_atomic_block and bump_generation not in pending:
            transaction.on_commit(bump_generation, using=connection.alias)
    return result


def watch_writes(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: invalidate the page cache on this connection's writes.

    Put first in the list, so that a wrapper someone pushes with ``connection.execute_wrapper``
    (which pops the last one on exit) is the one removed.
    """
    if _invalidate_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _invalidate_on_write)


# The middleware ------------------------------------------------------------------------


class PublicPageCacheMiddleware:
    """Serve opted-in public pages to anonymous visitors from the cache (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.skip_cookies = (settings.SESSION_COOKIE_NAME, "messages")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not self._anonymous_read(request):
            return self.get_response(request)
        try:
            key = self._key(request)
            entry = cache.get(key)
        except Exception:
            logger.exception("The public page cache is not reachable")
            return self.get_response(request)
        if entry is not None:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if isinstance(response, HttpResponse) and self._may_store(request, response):
            try:
                cache.set(key, self._entry(request, response), timeout)
            except Exception:
                logger.exception("Could not store a page in the public page cache")
        return response

    def _anonymous_read(self, request: HttpRequest) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        cookies = request.COOKIES
        return not any(name in cookies for name in self.skip_cookies) and (
            "HTTP_AUTHORIZATION" not in request.META
        )

    def _key(self, request: HttpRequest) -> str:
        meta = request.META
        varying = "\n".join(
            [
                getattr(request, "LANGUAGE_CODE", ""),
                *(meta.get(header, "") for header in _HTMX_HEADERS),
                request.build_absolute_uri(),
            ]
        )
        digest = hashlib.sha256(varying.encode()).hexdigest()
        return f"klimanett:page:{current_generation()}:{digest}"

    def _may_store(self, request: HttpRequest, response: HttpResponseBase) -> bool:
        if not getattr(request, _MARK, False) or response.status_code != 200:
            return False
        if response.streaming or response.cookies or not isinstance(response, HttpResponse):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        messages = getattr(request, "_messages", None)
        return not getattr(messages, "_queued_messages", None)

    def _entry(self, request: HttpRequest, response: HttpResponse) -> tuple[Any, ...]:
        content = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str) and nonce:
            content = content.replace(nonce.encode(), _NONCE_PLACEHOLDER)
        secret = request.META.get("CSRF_COOKIE")
        if secret:
            content = _replace_csrf_tokens(content, secret)
        headers = [(name, value) for name, value in response.items() if name != "Set-Cookie"]
        return (response.status_code, headers, content)

    def _from_entry(self, request: HttpRequest, entry: tuple[Any, ...]) -> HttpResponse:
        status, headers, content = entry
        if status == 200 and _not_modified(request, headers):
            not_modified = HttpResponseNotModified()
            for name, value in headers:
                if name.lower() in _NOT_MODIFIED_HEADERS:
                    not_modified[name] = value
            return not_modified
        if _NONCE_PLACEHOLDER in content:
            nonce = str(request.csp_nonce)  # type: ignore[attr-defined]  # CSPMiddleware's
            content = content.replace(_NONCE_PLACEHOLDER, nonce.encode())
        if _CSRF_PLACEHOLDER in content:
            content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response


def _not_modified(request: HttpRequest, headers: list[tuple[str, str]]) -> bool:
    """Whether the client's ``If-None-Match`` names the stored ``ETag`` (weak comparison, as
    RFC 9110 asks for it, and ``*``)."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    etag = next((value for name, value in headers if name.lower() == "etag"), None)
    if not if_none_match or not etag:
        return False
    wanted = parse_etags(if_none_match)
    return "*" in wanted or _weak(etag) in {_weak(tag) for tag in wanted}


def _weak(etag: str) -> str:
    return etag.removeprefix("W/")


def _replace_csrf_tokens(content: bytes, secret: str) -> bytes:
    """Replace every masked CSRF token of this request's secret with the placeholder."""
    # Django's private helper, the only way to recognise a masked token of this secret.
    from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]

    def replace(match: re.Match[bytes]) -> bytes:
        token = match.group(0)
        return _CSRF_PLACEHOLDER if _unmask_cipher_token(token.decode()) == secret else token

    return _CANDIDATE_TOKEN.sub(replace, content)
