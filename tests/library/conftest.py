"""The library tests: a local web server for feeds and links (never the internet).

The server is on 127.0.0.1, an address the feed reader and link checker refuse by default:
``feed_server`` comes with ``LIBRARY_FETCH_ALLOW_PRIVATE_ADDRESSES`` on, ``local_server``
without it (to see the refusal)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from klimanett.library import web
from tests.library.feed_server import FeedServer, running_feed_server


@pytest.fixture
def local_server() -> Iterator[FeedServer]:
    """The local server, with the default settings: its address is refused."""
    with running_feed_server() as server:
        yield server


@pytest.fixture
def feed_server(local_server: FeedServer, settings) -> FeedServer:
    """The local server, with fetching from private and local addresses allowed."""
    settings.LIBRARY_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    return local_server


@pytest.fixture
def counts_as_public(monkeypatch) -> Callable[[str], None]:
    """``counts_as_public(url)`` lets exactly that address past the address check as if it were
    on the public internet (a stand-in for an outside site); every other address, such as the
    one it redirects to, is checked as usual."""
    allowed: set[str] = set()
    check = web.check_address

    def check_unless_allowed(url: str) -> None:
        if url not in allowed:
            check(url)

    monkeypatch.setattr(web, "check_address", check_unless_allowed)
    return allowed.add
