"""The library tests: a local web server for feeds and links (never the internet)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.library.feed_server import FeedServer, running_feed_server


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with running_feed_server() as server:
        yield server
