"""Talking to other web sites, for the feed reader and the link checker: one User-Agent, a
timeout on every request, at most five redirects (followed here, one at a time), and readable
messages for what goes wrong.

Only the secretariat adds feeds and publishes resources, but the addresses fetched are not all
ones it chose: a partner suggests a resource's link, and any feed or page can redirect anywhere.
So before each request, the first and every redirect, ``check_address`` makes sure the address
is an ordinary web address (http or https, port 80 or 443) whose host is on the public
internet: never this machine, the county's own network, or a cloud's metadata service
(127.0.0.1, 10.0.0.0/8, 192.168.0.0/16, 169.254.169.254, ::1, fc00::/7 …).
``LIBRARY_FETCH_ALLOW_PRIVATE_ADDRESSES`` turns that check off, for tests and development
against a local server.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext
from requests.utils import requote_uri
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError
from urllib3.exceptions import SSLError as Urllib3SSLError

USER_AGENT = "Klimanett (knowledge library of a regional climate network)"
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 10.0
ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOWED_PORTS = frozenset({80, 443})
CHUNK_BYTES = 8192


class PrivateAddress(requests.RequestException):
    """The host is (or resolves to) an address that is not on the public internet."""


class UnusualPort(requests.RequestException):
    """The address names a port other than 80 or 443."""


def session() -> requests.Session:
    """A session that names Klimanett; close it after use (``with session() as s:``). Fetch
    with ``request``, which checks every address and follows at most ``MAX_REDIRECTS``
    redirects."""
    s = requests.Session()
    s.max_redirects = MAX_REDIRECTS
    s.headers["User-Agent"] = USER_AGENT
    return s


def check_address(url: str) -> None:
    """Raise unless ``url`` is one Klimanett fetches: http or https, and (unless
    ``LIBRARY_FETCH_ALLOW_PRIVATE_ADDRESSES``) a host whose every address is global and port
    80 or 443 (or none)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise requests.exceptions.InvalidURL(str(error)) from error
    scheme = parts.scheme.lower()
    if not scheme:
        raise requests.exceptions.MissingSchema(url)
    if scheme not in ALLOWED_SCHEMES:
        raise requests.exceptions.InvalidSchema(url)
    host = parts.hostname
    if not host:
        raise requests.exceptions.InvalidURL(url)
    if settings.LIBRARY_FETCH_ALLOW_PRIVATE_ADDRESSES:
        return
    # The check resolves the host here and requests resolves it again to connect, so a name
    # server that answers differently the second time (DNS rebinding) can still slip a private
    # address past it. Closing that gap means connecting to the address checked here (with
    # the host name kept for TLS); until then this stops the plain cases: private addresses,
    # names that resolve to them, and redirects to either.
    addresses = _resolve(host, port or 443)
    if not addresses or not all(_is_global(address) for address in addresses):
        raise PrivateAddress(url)
    if port is not None and port not in ALLOWED_PORTS:
        raise UnusualPort(url)


def _resolve(host: str, port: int) -> list[str]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as error:
        raise requests.exceptions.InvalidURL(host) from error
    except OSError as error:  # socket.gaierror: the name is not known
        raise requests.ConnectionError(error) from error
    return [str(sockaddr[0]) for *_, sockaddr in found]


def _is_global(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # without an IPv6 zone
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def request(
    s: requests.Session,
    method: str,
    url: str,
    *,
    timeout: float,
    headers: dict[str, str] | None = None,
    stream: bool = False,
) -> requests.Response:
    """``method`` (GET or HEAD) on ``url``, following at most ``MAX_REDIRECTS`` redirects and
    checking each address (``check_address``) before it is asked; the answer that is not a
    redirect. Raises ``requests.RequestException`` (``describe_error`` says what it means)."""
    for _hop in range(MAX_REDIRECTS + 1):
        check_address(url)
        response = s.request(
            method, url, headers=headers, timeout=timeout, stream=stream, allow_redirects=False
        )
        location = s.get_redirect_target(response)
        if location is None:
            return response
        response.close()
        url = urljoin(response.url, requote_uri(location))
    raise requests.TooManyRedirects(f"Exceeded {MAX_REDIRECTS} redirects.", response=response)


def body_chunks(response: requests.Response, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The body of a streamed answer as it arrives, at most ``size`` bytes at a time. Each
    piece is what one read from the network gave, so a caller that checks a deadline between
    pieces is not held up by a server dripping a byte at a time (``iter_content`` waits for a
    whole chunk)."""
    try:
        while chunk := response.raw.read1(size):
            yield chunk
    except ReadTimeoutError as error:
        raise requests.ConnectionError(error) from error
    except Urllib3SSLError as error:
        raise requests.exceptions.SSLError(error) from error
    except DecodeError as error:
        raise requests.exceptions.ContentDecodingError(error) from error
    except ProtocolError as error:
        raise requests.exceptions.ChunkedEncodingError(error) from error


def describe_error(error: requests.RequestException, *, timeout: float) -> str:
    """What went wrong, in the active language, for someone who is not a programmer."""
    if isinstance(error, PrivateAddress):
        return gettext("The address points to a private or local network and is not fetched.")
    if isinstance(error, UnusualPort):
        return gettext(
            "The address names an unusual port (only 80 and 443 are used) and is not fetched."
        )
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
