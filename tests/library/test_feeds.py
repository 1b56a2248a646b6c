"""The feed reader against a local web server: items stored once, duplicates caught, and every
kind of bad input leaves a clear message on its feed and nothing else disturbed."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from klimanett.core.models import AuditEntry
from klimanett.library.feeds import (
    accept_item,
    fetch_active_feeds,
    fetch_feed,
    normalise_url,
    resource_for_url,
)
from klimanett.library.models import Feed, FeedItem, Resource
from klimanett.library.web import USER_AGENT
from tests.builders import make_feed, make_feed_item, make_resource, make_secretariat_user

pytestmark = pytest.mark.django_db

NEW = FeedItem.Status.NEW
DUPLICATE = FeedItem.Status.DUPLICATE
TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def rss_feed(feed_server, **overrides):
    return make_feed(name="Miljønytt", url=feed_server.url("/data/rss.xml"), **overrides)


def atom_feed(feed_server, **overrides):
    return make_feed(name="Nordic Notes", url=feed_server.url("/data/atom.xml"), **overrides)


# --- Links compared -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://Example.ORG/Rapport", "https://example.org/Rapport/"),
        ("https://example.org/a?utm_source=x&utm_campaign=y", "https://example.org/a"),
        ("https://example.org/a?b=2&a=1&fbclid=zz", "https://example.org/a?a=1&b=2"),
        ("https://example.org/a#section", "https://example.org/a"),
        ("HTTPS://example.org:443/a", "https://example.org/a"),
    ],
)
def test_links_to_the_same_page_normalise_alike(first, second):
    assert normalise_url(first) == normalise_url(second)


def test_different_pages_and_meaningful_parameters_stay_apart():
    assert normalise_url("https://example.org/a?id=1") != normalise_url(
        "https://example.org/a?id=2"
    )
    assert normalise_url("https://example.org/A") != normalise_url("https://example.org/a")
    assert normalise_url("https://example.org:8443/a") != normalise_url("https://example.org/a")


# --- Fetching -------------------------------------------------------------------------------


def test_an_rss_feed_stores_its_items_as_new_with_plain_text_summaries_and_dates(feed_server):
    feed = rss_feed(feed_server)

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert result.ok and result.new == 3 and result.duplicates == 0
    items = {item.title: item for item in feed.items.all()}
    assert set(items) == {
        "Veileder for klimaregnskap i kommuner",
        "Rapport: Utslipp fra transport i fylket",
        "Verktøy for energikartlegging",
    }  # the javascript: link is not stored
    guide = items["Veileder for klimaregnskap i kommuner"]
    assert guide.status == NEW
    assert guide.summary == "En praktisk veileder om klimaregnskap & utslipp."
    assert guide.published_on == datetime.date(2025, 3, 4)
    assert guide.normalised_url == "https://miljo.example.org/veileder-klimaregnskap"
    feed.refresh_from_db()
    assert feed.last_error == "" and feed.last_fetched_at is not None
    assert feed.etag and feed.modified


def test_an_atom_feed_stores_its_entries_with_html_stripped_from_titles(feed_server):
    feed = atom_feed(feed_server)

    assert fetch_feed(feed=feed, timeout=TIMEOUT).new == 2

    item = feed.items.get(url="https://notes.example.net/heat-pumps")
    assert item.title == "Heat pumps in cold climates"
    assert item.summary == "How heat pumps perform at minus twenty."
    assert item.published_on == datetime.date(2025, 3, 9)  # 22:30 UTC is the 9th in Oslo too


def test_the_request_names_klimanett(feed_server):
    fetch_feed(feed=rss_feed(feed_server), timeout=TIMEOUT)

    assert feed_server.requests[0].headers["User-Agent"] == USER_AGENT


def test_fetching_again_adds_nothing(feed_server):
    feed = rss_feed(feed_server)
    fetch_feed(feed=feed, timeout=TIMEOUT)
    Feed.objects.filter(pk=feed.pk).update(etag="", modified="")  # a server without 304
    feed.refresh_from_db()

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert result.ok and result.new == 0 and result.duplicates == 0
    assert feed.items.count() == 3


def test_a_conditional_get_answered_304_adds_nothing(feed_server):
    feed = rss_feed(feed_server)
    fetch_feed(feed=feed, timeout=TIMEOUT)
    feed.items.all().delete()

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert result.not_modified
    assert feed_server.requests[-1].headers["If-None-Match"] == feed.etag
    assert feed_server.requests[-1].headers["If-Modified-Since"] == feed.modified
    assert not feed.items.exists()
    assert "has not changed" in result.describe()


def test_an_item_already_in_the_library_is_a_duplicate_despite_tracking_parameters(feed_server):
    resource = make_resource(url="https://miljo.example.org/Veileder-klimaregnskap".lower() + "/")
    feed = rss_feed(feed_server)

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert (result.new, result.duplicates) == (2, 1)
    item = feed.items.get(status=DUPLICATE)
    assert item.resource == resource
    assert item.title == "Veileder for klimaregnskap i kommuner"


def test_an_item_that_came_through_another_feed_is_a_duplicate(feed_server):
    fetch_feed(feed=rss_feed(feed_server), timeout=TIMEOUT)
    atom = atom_feed(feed_server)

    result = fetch_feed(feed=atom, timeout=TIMEOUT)

    assert (result.new, result.duplicates) == (1, 1)
    duplicate = atom.items.get(status=DUPLICATE)
    assert duplicate.url.startswith("HTTPS://Miljo.Example.org/veileder-klimaregnskap")
    assert duplicate.resource is None


def test_a_cross_feed_duplicate_points_at_the_resource_the_first_item_became(feed_server):
    rss = rss_feed(feed_server)
    fetch_feed(feed=rss, timeout=TIMEOUT)
    resource = make_resource(url="https://example.org/elsewhere")
    rss.items.filter(title__startswith="Veileder").update(resource=resource)

    atom = atom_feed(feed_server)
    fetch_feed(feed=atom, timeout=TIMEOUT)

    assert atom.items.get(status=DUPLICATE).resource == resource


def test_the_same_link_twice_in_one_feed_is_stored_once(feed_server):
    feed = rss_feed(feed_server)
    make_feed_item(feed, url="https://miljo.example.org/rapport-transport/?utm_medium=x")

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert result.new == 2
    assert feed.items.filter(normalised_url__endswith="rapport-transport").count() == 1


@pytest.mark.parametrize("status", [Resource.Status.SUGGESTED, Resource.Status.REJECTED])
def test_a_resource_not_in_the_library_does_not_make_an_item_a_duplicate(feed_server, status):
    url = "https://miljo.example.org/veileder-klimaregnskap"
    make_resource(url=url, status=status)
    feed = rss_feed(feed_server)

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert (result.new, result.duplicates) == (3, 0)
    item = feed.items.get(normalised_url=url)
    assert item.status == NEW and item.resource is None
    assert resource_for_url(url) is None
    resource = accept_item(item=item, by=make_secretariat_user(), **_resource_fields(item))
    assert resource.status == Resource.Status.PUBLISHED


def _resource_fields(item):
    return {
        "title": item.title,
        "summary": "En veileder.",
        "url": item.url,
        "publisher": "Miljødirektoratet",
        "year": 2025,
        "language": Resource.Language.NB,
        "kind": Resource.Kind.GUIDE,
        "audience": Resource.Audience.BOTH,
    }


def test_earlier_items_are_looked_up_in_one_query_for_the_whole_fetch(feed_server):
    fetch_feed(feed=atom_feed(feed_server), timeout=TIMEOUT)
    feed = rss_feed(feed_server)

    with CaptureQueriesContext(connection) as queries:
        result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert (result.new, result.duplicates) == (2, 1)
    item_lookups = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and '"library_feeditem"' in query["sql"]
    ]
    assert len(item_lookups) == 1


# --- Addresses that are not fetched --------------------------------------------------------

PRIVATE = "points to a private or local network and is not fetched"


def test_a_feed_on_a_local_address_is_refused_without_asking_it(local_server):
    feed = make_feed(url=local_server.url("/data/rss.xml"))

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert PRIVATE in result.error
    feed.refresh_from_db()
    assert PRIVATE in feed.last_error
    assert local_server.requests == []
    assert not feed.items.exists()


def test_a_redirect_from_an_outside_feed_to_a_local_address_is_refused(
    local_server, counts_as_public
):
    url = local_server.url("/redirect-to/data/rss.xml")
    counts_as_public(url)
    feed = make_feed(url=url)

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    assert PRIVATE in result.error
    assert [seen.path for seen in local_server.requests] == ["/redirect-to/data/rss.xml"]
    assert not feed.items.exists()


def test_an_allowed_redirect_is_followed(feed_server):
    feed = make_feed(url=feed_server.url("/redirect-to/data/rss.xml"))

    assert fetch_feed(feed=feed, timeout=TIMEOUT).new == 3
    assert [seen.path for seen in feed_server.requests] == [
        "/redirect-to/data/rss.xml",
        "/data/rss.xml",
    ]


def test_a_server_dripping_the_feed_slowly_is_cut_off_near_the_deadline(feed_server):
    feed = make_feed(url=feed_server.url("/drip"))  # a byte every 0.05 s, for 30 s
    started = time.monotonic()

    result = fetch_feed(feed=feed, timeout=TIMEOUT)

    elapsed = time.monotonic() - started
    assert "too slowly (over 1.5 seconds)" in result.error
    assert 3 * TIMEOUT <= elapsed < 3 * TIMEOUT + TIMEOUT + 1.0


BAD_INPUTS = [
    ("/data/not-a-feed.html", "is not an RSS or Atom feed"),
    ("/data/broken.xml", "not valid XML"),
    ("/loop/a", "more than 5 times"),
    ("/slow", "did not answer within 0.5 seconds"),
    ("/status/404", "not there any more (the server answered 404)"),
    ("/status/500", "answered with an error: 500"),
    ("/huge.xml", "larger than 5 MB"),
    ("/data/missing.xml", "404"),
]


@pytest.mark.parametrize(("path", "message"), BAD_INPUTS)
def test_bad_input_leaves_a_clear_message_and_disturbs_nothing_else(feed_server, path, message):
    good = rss_feed(feed_server)
    fetch_feed(feed=good, timeout=TIMEOUT)
    bad = make_feed(name="Ødelagt", url=feed_server.url(path), etag='"old"')
    kept = make_feed_item(bad, title="Fra før")

    results = {result.feed.pk: result for result in fetch_active_feeds(timeout=TIMEOUT)}

    bad.refresh_from_db()
    assert message in bad.last_error
    assert message in results[bad.pk].describe()
    assert not results[bad.pk].ok
    assert bad.etag == '"old"'
    assert list(bad.items.all()) == [kept]
    assert results[good.pk].ok
    assert good.items.count() == 3
    assert AuditEntry.objects.filter(action="feed.failed", object_id=str(bad.pk)).exists()


def test_the_message_is_in_the_language_of_whoever_fetched(feed_server):
    feed = make_feed(url=feed_server.url("/status/500"))

    with translation.override("nb"):
        fetch_feed(feed=feed, timeout=TIMEOUT)

    feed.refresh_from_db()
    with translation.override("en"):
        english = fetch_feed(feed=make_feed(url=feed_server.url("/status/503")), timeout=TIMEOUT)
    assert feed.last_error  # a text, whichever catalogue is compiled
    assert "503" in english.error


def test_a_good_fetch_clears_an_earlier_error(feed_server):
    feed = rss_feed(feed_server, last_error="Feilet i går")

    assert fetch_feed(feed=feed, timeout=TIMEOUT).ok

    feed.refresh_from_db()
    assert feed.last_error == ""


def test_inactive_feeds_are_not_fetched(feed_server):
    feed = rss_feed(feed_server, is_active=False)

    assert fetch_active_feeds(timeout=TIMEOUT) == []
    assert not feed.items.exists()


def test_the_command_prints_a_line_per_feed(feed_server, capsys):
    rss_feed(feed_server)
    make_feed(name="Borte", url=feed_server.url("/status/404"))

    call_command("fetch_feeds", timeout=TIMEOUT)

    out, err = capsys.readouterr()
    assert "Miljønytt" in out
    assert "Borte" in err
    assert "Fetched 2 feed(s), 1 with errors." in out
