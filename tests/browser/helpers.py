"""Helpers for the browser tests: logging in through the form, focus checks, screenshots."""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import Locator, Page

from klimanett.core.models import User
from tests.builders import PASSWORD

# /tmp/klimanett-shots on these machines: one full-page screenshot per main page, to look at.
SCREENSHOT_DIR = Path(tempfile.gettempdir()) / "klimanett-shots"

# A focused element shows it with an outline or a box shadow (Designsystemet uses both); for
# radios and checkboxes Designsystemet draws the ring around the field with the label.
HAS_FOCUS_INDICATOR = """el => [el, el.closest(".ds-field")].some(box => {
    if (!box) return false;
    const style = getComputedStyle(box);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "" && style.boxShadow !== "none";
    return outline || shadow;
})"""


def log_in(page: Page, user: User) -> None:
    """Log in through the form, as a person would."""
    page.goto("/logg-inn/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/logg-inn/" not in url or "/logg-inn/totp/" in url)


def focused(page: Page) -> Locator:
    return page.locator("*:focus")


def has_focus_indicator(locator: Locator) -> bool:
    return bool(locator.evaluate(HAS_FOCUS_INDICATOR))


def assert_tab_stops_show_focus(page: Page, *, stops: int) -> list[str]:
    """Press Tab up to ``stops`` times; every element reached must show that it has focus."""
    seen: list[str] = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        element = focused(page)
        if element.count() == 0:
            break
        description = element.evaluate("el => el.outerHTML.slice(0, 120)")
        if description in seen:
            break
        seen.append(description)
        assert has_focus_indicator(element), f"no visible focus on {description}"
    return seen


def assert_descriptions_exist(page: Page) -> None:
    """Every id that an ``aria-describedby`` names is on the page (axe only flags it for review)."""
    missing = page.evaluate("""() => [...document.querySelectorAll("[aria-describedby]")]
        .flatMap(el => el.getAttribute("aria-describedby").split(/\\s+/)
            .filter(id => id && !document.getElementById(id))
            .map(id => `#${el.id || el.tagName} -> #${id}`))""")
    assert not missing, f"aria-describedby names missing elements: {missing}"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)
