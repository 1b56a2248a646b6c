"""Talking to other web sites, for the feed reader and the link checker: one User-Agent, a
timeout on every request, at most five redirects, and readable messages for what goes wrong.

Only the secretariat adds feeds and publishes resources, so the addresses fetched here are ones
the secretariat has accepted.
"""

from __future__ import annotations

import requests
from django.utils.translation import gettext
from urllib3.exceptions import ReadTimeoutError

USER_AGENT = "Klimanett (knowledge library of a regional climate network)"
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 10.0


def session() -> requests.Session:
    """A session that names Klimanett and follows at most ``MAX_REDIRECTS`` redirects; close it
    after use (``with session() as s:``)."""
    s = requests.Session()
    s.max_redirects = MAX_REDIRECTS
    s.headers["User-Agent"] = USER_AGENT
    return s


def describe_error(error: requests.RequestException, *, timeout: float) -> str:
    """What went wrong, in the active language, for someone who is not a programmer."""
    # A read timeout while the body streams in comes wrapped in a ConnectionError.
    if isinstance(error, requests.Timeout) or (
        error.args and isinstance(error.args[0], ReadTimeoutError)
    ):
        return gettext("The server did not answer within %(seconds)s seconds.") % {
            "seconds": f"{timeout:g}"
        }
    if isinstance(error, requests.TooManyRedirects):
        return gettext(
            "The address sends us on to another address more than %(count)s times "
            "(perhaps in a loop)."
        ) % {"count": MAX_REDIRECTS}
    if isinstance(error, requests.exceptions.SSLError):
        return gettext("A secure connection (HTTPS) to the server could not be made.")
    if isinstance(error, requests.ConnectionError):
        return gettext("Could not connect to the server (it may be down, or the address wrong).")
    if isinstance(
        error,
        requests.exceptions.MissingSchema
        | requests.exceptions.InvalidSchema
        | requests.exceptions.InvalidURL,
    ):
        return gettext("The address is not a valid web address.")
    return gettext("The address could not be read (%(error)s).") % {"error": type(error).__name__}


def describe_status(response: requests.Response) -> str:
    """An HTTP error answer, such as "The server answered 404 (Not Found)."."""
    if response.status_code in (404, 410):
        return gettext("The page is not there any more (the server answered %(status)s).") % {
            "status": response.status_code
        }
    return gettext("The server answered with an error: %(status)s %(reason)s.") % {
        "status": response.status_code,
        "reason": response.reason or "",
    }
