"""Playwright in Debian's Chromium against pytest-django's live server, with axe-core checks.

One browser per test session (per xdist worker), a fresh context and page per test.

Every browser test runs on a transactional database, which is flushed after each test: that
also removes the rows the migrations load (municipalities, commitments, Wagtail's root page
and site, content types). ``serialized_rollback`` restores them before each test from a copy
taken when the test database was made.

One catch: between two sync calls Playwright leaves its event loop marked as running in the
test's thread, and Django then keeps database connections per async context instead of per
thread. Test code (and pytest-django's set-up of the next test) then gets a fresh connection
object, to the same test database, but without the serialized copy, so nothing would be
restored. ``_serialized_copy_on_every_connection`` makes the copy visible on every connection
object, and ``browser`` closes the extra connections before it stops.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# Generous for busy CI machines; a passing run waits far less.
expect.set_options(timeout=10_000)


@contextmanager
def _async_unsafe_allowed() -> Iterator[None]:
    """Let Django's ORM run in the test's thread while Playwright's event loop is marked as
    running there (safe: the loop only drives the browser).

    Set only while browser tests run, not at import: the variable would otherwise stay in the
    whole test process, and ``manage.py check --deploy`` in a subprocess warns about it.
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="module", autouse=True)
def _allow_async_unsafe_in_browser_tests() -> Iterator[None]:
    # Module scope: set before, and undone after, pytest-django's per-test database set-up
    # and flush, which also run while the loop is marked as running.
    with _async_unsafe_allowed():
        yield


@pytest.fixture(scope="session")
def _serialized_copy_on_every_connection(
    django_db_setup: None, django_db_blocker
) -> Iterator[None]:
    connection = connections[DEFAULT_DB_ALIAS]
    contents = getattr(connection, "_test_serialized_contents", None)
    assert contents, "the test database was made without a serialized copy"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(type(connection), "_test_serialized_contents", contents, raising=False)
        yield


@pytest.fixture(scope="session")
def browser(_serialized_copy_on_every_connection: None) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        # The connections opened while Playwright's loop was marked as running (see above).
        with _async_unsafe_allowed():
            connections.close_all()
        browser.close()


@pytest.fixture(autouse=True)
def _migrated_rows_restored(django_db_serialized_rollback: None) -> None:
    """Restore the data migrations' rows before each browser test (see the module docstring)."""


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def check_a11y(axe: Axe):
    """Run axe-core on the page as it is now; fail on serious or critical violations."""

    def check(page: Page) -> None:
        violations = axe.run(page).response["violations"]
        report = "\n".join(
            f"{violation['id']} ({violation['impact']}): "
            + "; ".join(", ".join(node["target"]) for node in violation["nodes"])
            for violation in violations
        )
        if report:
            # Shown with -s or when the test fails; moderate and minor findings do not fail.
            print(f"axe on {page.url}:\n{report}")
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"serious or critical axe violations on {page.url}:\n{report}"

    return check
