"""What every endpoint of the API shares: one shape of error body, pagination, rate limits, and
ETags with conditional GET for the public lists.

Errors are ``api.schemas.Error``: ``{"detail": "<what went wrong, in the reader's language>",
"errors": {"<field>": ["<message>", …]}}`` (`errors` is ``{}`` when no field is at fault),
whatever raised them: a 404, a 400 or 422 of bad input, a 401 without a valid token, a 403 of a
session's write without its CSRF token, a 429 over the rate limit (with ``Retry-After``); what
ninja never sees (an unknown path, a method a path does not take, HEAD) is brought into line by
``api.middleware``.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Annotated, Any, TypeVar, overload

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.pagination import PageNumberPagination
from ninja.throttling import AnonRateThrottle, AuthRateThrottle, BaseThrottle
from pydantic import StringConstraints
from wagtail.models import APIToken

from klimanett.api.schemas import Error
from klimanett.core.page_cache import mark_cacheable

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

# Text that reaches a database query: PostgreSQL's text fields cannot hold NUL characters (a
# ``%00`` in a filter would be a 500 there), so it is refused as invalid input, and the OpenAPI
# document says so (``pattern``).
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]


MAX_PAGE = 100_000


T = TypeVar("T")


class Rows(Sequence[T]):
    """The rows of a queryset, made only for the part asked for: the API's pagination takes
    one page (and the database counts the rest), a download iterates them all in one query,
    `CHUNK` at a time. Each item is made by `make`, or a chunk at once by `make_page` (for
    rows that need a query or a computation shared by the chunk). A queryset's prefetches
    apply to each page or chunk taken."""

    CHUNK = 500  # items a download reads at a time

    def __init__(
        self,
        queryset: QuerySet[Any],
        make: Callable[[Any], T] | None = None,
        *,
        make_page: Callable[[list[Any]], list[T]] | None = None,
    ) -> None:
        if (make is None) == (make_page is None):
            raise TypeError("Rows needs one of make and make_page.")
        self.queryset = queryset
        self.make = make
        self._make_page = make_page

    def make_page(self, items: list[Any]) -> list[T]:
        if self._make_page is not None:
            return self._make_page(items)
        assert self.make is not None
        return [self.make(item) for item in items]

    def __len__(self) -> int:
        return self.queryset.count()

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return self.make_page(list(self.queryset[index]))
        return self.make_page([self.queryset[index]])[0]

    def __iter__(self) -> Iterator[T]:
        # One query, read `CHUNK` rows at a time (prefetches applied per chunk): a download sees
        # one consistent result, however long it takes.
        chunk: list[Any] = []
        for item in self.queryset.iterator(chunk_size=self.CHUNK):
            chunk.append(item)
            if len(chunk) == self.CHUNK:
                yield from self.make_page(chunk)
                chunk = []
        if chunk:
            yield from self.make_page(chunk)


class Pages(PageNumberPagination):
    """``?page=1&page_size=50`` (at most 500: more is refused with 422); the body is
    ``{"items": […], "count": n}``. The page number is bounded, so that its offset fits the
    databases' integers."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)


class TokenRateThrottle(AuthRateThrottle):
    """Per token (by its id, not its name), per user in a session, per address otherwise."""

    def get_cache_key(self, request: HttpRequest) -> str:
        token = getattr(request, "auth", None)
        if isinstance(token, APIToken):
            ident = f"token-{token.pk}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = str(self.get_ident(request))
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttles() -> list[BaseThrottle]:
    """Per address for anonymous clients, per token (or session) for the rest."""
    return [
        AnonRateThrottle(settings.API_RATE_ANONYMOUS),
        TokenRateThrottle(settings.API_RATE_AUTHENTICATED),
    ]


def _field_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """pydantic's errors by field: the location after where it was sent (body, query…)."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ())][1:] or ["request"]
        fields.setdefault(".".join(location), []).append(str(error.get("msg", "")))
    return fields


def refused(errors: dict[str, list[str]]) -> Status:
    """422: a write refused for the fields named in `errors`, nothing saved."""
    return Status(
        422,
        Error(detail=_("Nothing was saved. Correct the fields named in errors."), errors=errors),
    )


def form_errors(form: BaseForm) -> dict[str, list[str]]:
    """A Django form's errors by field (``__all__`` for those of the whole form)."""
    return {field: [str(e) for e in messages] for field, messages in form.errors.items()}


def service_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError by field, or under ``__all__``."""
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


def error_body(detail: str, errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The one shape of every error's body (``schemas.Error``)."""
    return {"detail": detail, "errors": errors or {}}


def install_error_handlers(api: NinjaAPI) -> None:
    def error(
        request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
    ) -> HttpResponse:
        return api.create_response(request, error_body(detail, errors), status=status)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        detail = (
            _("The request was not valid: see errors.")
            if request.method in ("GET", "HEAD")
            else _("The request was not valid: see errors. Nothing was saved.")
        )
        return error(request, 422, detail, errors=_field_errors(exc.errors))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error(
            request, 401, _("A valid API token is needed: Authorization: Bearer wagtail_…")
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = error(request, 429, _("Too many requests: wait and try again."))
        if exc.wait is not None:
            response["Retry-After"] = str(math.ceil(exc.wait))
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error(request, 404, _("Not found."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja raises these itself, in English: a session's write without its CSRF token
        # (403) and a body that is not JSON (400).
        if exc.status_code == 403:
            detail = _(
                "A write in a logged-in session needs its CSRF token (X-CSRFToken); a script "
                "uses an API token instead."
            )
        elif exc.status_code == 400:
            detail = _("The request body is not valid JSON. Nothing was saved.")
        else:
            detail = str(exc)
        return error(request, exc.status_code, detail)


def public_read(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """For public, read-only endpoints, whose body is the same for everyone (use it with
    ninja's ``decorate_view``): an ETag from the body of a successful GET, 304 Not Modified
    when the client already has it (``If-None-Match``), and the response may be kept by the
    public page cache (``core.page_cache``) for anonymous clients."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        mark_cacheable(request)
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not isinstance(response, HttpResponse):
            return response
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        matches = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
        if "*" in matches or etag in matches or f"W/{etag}" in matches:
            not_modified = HttpResponse(status=304)
            for header in ("ETag", "Vary", "Cache-Control"):
                if header in response:
                    not_modified[header] = response[header]
            return not_modified
        return response

    return wrapped
