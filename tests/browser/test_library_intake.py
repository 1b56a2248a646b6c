"""The library's intake from outside, end to end (issue 7's done-when): the secretariat adds a
feed (served by a local web server) in the back office, fetches it, accepts an item with a
theme, and an anonymous visitor then finds the new resource on /kunnskap/ by searching and by
the theme facet."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from klimanett.events.models import Theme
from klimanett.library.models import Feed, FeedItem, Resource
from tests.browser.helpers import log_in, screenshot
from tests.builders import make_resource, make_secretariat_user
from tests.library.feed_server import FeedServer, running_feed_server

pytestmark = pytest.mark.browser

TITLE = "Veileder for klimaregnskap i kommuner"


@pytest.fixture
def feed_server(settings) -> Iterator[FeedServer]:
    # The server is on 127.0.0.1, which the feed reader refuses unless told otherwise.
    settings.LIBRARY_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with running_feed_server() as server:
        yield server


def test_secretariat_takes_a_feed_item_into_the_library_and_a_visitor_finds_it(
    page, browser, live_server, feed_server, check_a11y
):
    energy = Theme.objects.create(name="Energi", slug="energi")
    transport = Theme.objects.create(name="Transport", slug="transport")
    make_resource(title="Ladeinfrastruktur for kommuner", themes=[transport])
    secretariat = make_secretariat_user(email="sekretariat@fylke.example.no")
    device = TOTPDevice.objects.create(user=secretariat, name="app", confirmed=True)

    # The secretariat logs in with the second factor.
    log_in(page, secretariat)
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/logg-inn/"))

    # Adds the feed …
    page.goto("/admin/kunnskap/feeder/new/")
    page.fill("#id_name", "Miljønytt")
    page.fill("#id_url", feed_server.url("/data/rss.xml"))
    page.fill("#id_publisher", "Miljødirektoratet")
    page.locator("footer button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/kunnskap/feeder/$"))
    feed = Feed.objects.get()

    # … fetches it now …
    page.locator(f"form[action$='/{feed.pk}/fetch/'] button").click()
    expect(page.locator(".messages")).to_contain_text("3")
    assert feed.items.filter(status=FeedItem.Status.NEW).count() == 3

    # … and accepts an item from the review queue with a theme.
    page.goto("/admin/kunnskap/gjennomgang/")
    item = feed.items.get(title=TITLE)
    expect(page.locator(f"#item-{item.pk}")).to_contain_text("Miljønytt")
    screenshot(page, "library-review-queue")
    page.locator(f"#item-{item.pk} a[href$='/{item.pk}/accept/']").click()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_publisher")).to_have_value("Miljødirektoratet")
    page.fill(
        "#id_summary",
        "Steg for steg: slik setter kommunen opp sitt første klimaregnskap.",
    )
    page.select_option("#id_kind", Resource.Kind.GUIDE)
    page.select_option("#id_audience", Resource.Audience.MUNICIPALITIES)
    page.locator(f"input[name=themes][value='{energy.pk}']").check()
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/kunnskap/gjennomgang/$"))
    resource = Resource.objects.get(title=TITLE)
    assert resource.status == Resource.Status.PUBLISHED
    assert list(resource.themes.all()) == [energy]
    item.refresh_from_db()
    assert item.status == FeedItem.Status.ACCEPTED and item.resource == resource

    # An anonymous visitor finds it by searching …
    visitor_context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    visitor = visitor_context.new_page()
    try:
        visitor.goto("/kunnskap/?q=klimaregnskap")
        expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
        check_a11y(visitor)

        # … and by the theme facet.
        visitor.goto("/kunnskap/")
        expect(visitor.get_by_role("link", name="Ladeinfrastruktur for kommuner")).to_be_visible()
        visitor.locator("input[name=theme][value=energi]").check()
        expect(visitor).to_have_url(re.compile(r"theme=energi"))
        expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
        expect(visitor.get_by_role("link", name="Ladeinfrastruktur for kommuner")).to_have_count(0)
        check_a11y(visitor)

        visitor.get_by_role("link", name=TITLE).click()
        expect(visitor.locator("h1")).to_have_text(TITLE)
        check_a11y(visitor)
    finally:
        visitor_context.close()
