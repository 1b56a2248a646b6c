"""The API's conventions for what its own handlers never see, for every path under /api/v1/
(its documentation page aside):

- HEAD is answered as GET without the body, as Django's own views do (ninja's operations take
  only the methods they name, and the page cache answers HEAD from a stored GET);
- an error that is not the API's JSON body (405 for a method a path does not take, a 500, the
  404 of a path the API does not have) is given it: ``{"detail": …, "errors": {}}`` in the
  reader's language, with the other headers (Allow, Retry-After, Vary…) and cookies kept.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from klimanett.api.conventions import error_body

API_PATH = "/api/v1/"
DOCS_PATH = "/api/v1/docs"


def _detail(status: int) -> str:
    if status == 404:
        return _("Not found.")
    if status == 405:
        return _("This method is not allowed here: see the Allow header.")
    if status >= 500:
        return _("Something went wrong on our side. Try again later.")
    return _("The request was refused (HTTP %(status)s).") % {"status": status}


def error_response(status: int) -> JsonResponse:
    return JsonResponse(error_body(_detail(status)), status=status)


@csrf_exempt  # a script's write to a mistyped path is a 404, not a refused CSRF check
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any path under /api/v1/ the API does not have (routed last, so no slash is appended)."""
    return error_response(404)


class ApiConventionsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path_info.startswith(API_PATH) or request.path_info == DOCS_PATH:
            return self.get_response(request)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
            plain = response
            response = error_response(plain.status_code)
            for header, value in plain.items():
                if header.lower() not in ("content-type", "content-length"):
                    response[header] = value
            response.cookies = plain.cookies
        if head:
            request.method = "HEAD"
            _without_body(response)
        return response


def _without_body(response: HttpResponseBase) -> None:
    """The response to HEAD: the GET's headers, its length (when known), no body."""
    if isinstance(response, HttpResponse):
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    elif isinstance(response, StreamingHttpResponse):
        response.close()
        response.streaming_content = []
