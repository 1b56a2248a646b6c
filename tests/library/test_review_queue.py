"""The secretariat's feeds and review queue in the back office: only the secretariat gets in;
accepting publishes a resource and marks the item, rejecting sets it aside, and an item
already decided cannot be decided again."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from klimanett.core.models import AuditEntry
from klimanett.events.models import Theme
from klimanett.library.models import Feed, FeedItem, Resource, Sector
from tests.builders import make_feed, make_feed_item, make_resource

pytestmark = pytest.mark.django_db

QUEUE = "library_review:index"


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def feed():
    return make_feed(name="Miljønytt", publisher="Miljødirektoratet")


@pytest.fixture
def item(feed):
    return make_feed_item(
        feed,
        title="Veileder for klimaregnskap",
        url="https://miljo.example.org/veileder",
        summary="En praktisk veileder.",
    )


@pytest.fixture
def theme():
    return Theme.objects.create(name="Energi", slug="energi")


def accept_data(**overrides):
    data = {
        "title": "Veileder for klimaregnskap i kommunene",
        "url": "https://miljo.example.org/veileder",
        "summary": "Slik setter kommunen opp sitt første klimaregnskap.",
        "publisher": "Miljødirektoratet",
        "year": "2025",
        "language": Resource.Language.NB,
        "kind": Resource.Kind.GUIDE,
        "audience": Resource.Audience.MUNICIPALITIES,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", ["anonymous", "alice", "editor"])
def test_only_the_secretariat_reaches_the_queue_the_feeds_and_the_dead_links(
    client, request, persona, item, feed
):
    if persona == "editor":
        from django.contrib.auth.models import Group

        from klimanett.core import roles
        from tests.builders import make_user

        roles.ensure_role_groups()
        user = make_user(email="redaktor@fylke.example.no")
        user.groups.add(Group.objects.get(name=roles.EDITORS))
        client.force_login(user)
    elif persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse(QUEUE),
        reverse("library_review:accept", args=[item.pk]),
        reverse("library_feeds:index"),
        reverse("library_feeds:add"),
        reverse("library_feeds:edit", args=[feed.pk]),
        reverse("library_dead_links:index"),
    ):
        assert client.get(url).status_code in (302, 403), url
    for url in (
        reverse("library_review:accept", args=[item.pk]),
        reverse("library_review:reject", args=[item.pk]),
        reverse("library_feeds:fetch", args=[feed.pk]),
    ):
        assert client.post(url, accept_data()).status_code in (302, 403), url
    item.refresh_from_db()
    assert item.status == FeedItem.Status.NEW
    assert not Resource.objects.exists()


def test_the_queue_shows_new_items_newest_first_feed_errors_and_duplicates(admin_client, feed):
    import datetime

    make_feed_item(feed, title="Eldre sak", published_on=datetime.date(2025, 1, 1))
    make_feed_item(feed, title="Nyere sak", published_on=datetime.date(2025, 3, 1))
    resource = make_resource(title="Rapporten vi har")
    make_feed_item(feed, title="Samme rapport", status=FeedItem.Status.DUPLICATE, resource=resource)
    make_feed(name="Ødelagt strøm", last_error="The server answered with an error: 500.")

    response = admin_client.get(reverse(QUEUE))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ødelagt strøm" in html and "answered with an error: 500" in html
    assert html.index("Nyere sak") < html.index("Eldre sak")
    assert "2 new items to review" in html
    assert "Samme rapport" in html and "Rapporten vi har" in html


def test_the_accept_form_is_prefilled_from_the_item_and_the_feed(admin_client, item):
    response = admin_client.get(reverse("library_review:accept", args=[item.pk]))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Veileder for klimaregnskap"
    assert form.initial["url"] == "https://miljo.example.org/veileder"
    assert form.initial["summary"] == "En praktisk veileder."
    assert form.initial["publisher"] == "Miljødirektoratet"
    assert form.initial["year"] == 2025


def test_accepting_publishes_a_resource_with_the_chosen_themes_and_marks_the_item(
    admin_client, item, theme, sekretariat
):
    sector = Sector.objects.create(name="Offentlig sektor", slug="offentlig")
    Theme.objects.create(name="Transport", slug="transport")

    response = admin_client.post(
        reverse("library_review:accept", args=[item.pk]),
        accept_data(themes=[theme.pk], sectors=[sector.pk]),
    )

    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.PUBLISHED
    assert resource.published_at is not None
    assert resource.title == "Veileder for klimaregnskap i kommunene"
    assert list(resource.themes.all()) == [theme]
    assert list(resource.sectors.all()) == [sector]
    item.refresh_from_db()
    assert item.status == FeedItem.Status.ACCEPTED
    assert item.resource == resource
    assert item.decided_by == sekretariat
    assert AuditEntry.objects.filter(action="feed_item.accepted", object_id=str(item.pk)).exists()
    assert AuditEntry.objects.filter(action="resource.published").exists()


def test_accepting_makes_the_same_link_from_other_feeds_a_duplicate(admin_client, item):
    other = make_feed_item(make_feed(), url="https://miljo.example.org/veileder/?utm_source=x")

    admin_client.post(reverse("library_review:accept", args=[item.pk]), accept_data())

    other.refresh_from_db()
    assert other.status == FeedItem.Status.DUPLICATE
    assert other.resource == Resource.objects.get()


def test_an_invalid_accept_form_shows_the_errors_and_changes_nothing(admin_client, item):
    response = admin_client.post(
        reverse("library_review:accept", args=[item.pk]), accept_data(summary="", year="1800")
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"summary", "year"}
    assert not Resource.objects.exists()
    item.refresh_from_db()
    assert item.status == FeedItem.Status.NEW


def test_rejecting_sets_the_item_aside_with_one_post(admin_client, item, sekretariat):
    response = admin_client.post(reverse("library_review:reject", args=[item.pk]))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == FeedItem.Status.REJECTED
    assert item.decided_by == sekretariat
    assert AuditEntry.objects.filter(action="feed_item.rejected", object_id=str(item.pk)).exists()
    queue = admin_client.get(reverse(QUEUE)).content.decode()
    assert "Nothing new to review." in queue
    assert f'id="item-{item.pk}"' not in queue


def test_reject_needs_a_post(admin_client, item):
    assert admin_client.get(reverse("library_review:reject", args=[item.pk])).status_code == 405


def test_reject_is_protected_against_cross_site_requests(verified_client, sekretariat, item):
    client = verified_client(sekretariat)
    client.handler.enforce_csrf_checks = True

    assert client.post(reverse("library_review:reject", args=[item.pk])).status_code == 403
    item.refresh_from_db()
    assert item.status == FeedItem.Status.NEW


@pytest.mark.parametrize("status", [FeedItem.Status.ACCEPTED, FeedItem.Status.REJECTED])
def test_a_forged_post_on_a_decided_item_is_refused(admin_client, item, status):
    FeedItem.objects.filter(pk=item.pk).update(status=status)

    accept = admin_client.post(
        reverse("library_review:accept", args=[item.pk]), accept_data(), follow=True
    )
    reject = admin_client.post(reverse("library_review:reject", args=[item.pk]), follow=True)

    assert "already decided" in accept.content.decode()
    assert "already decided" in reject.content.decode()
    assert not Resource.objects.exists()
    item.refresh_from_db()
    assert item.status == status


def test_a_duplicate_can_be_set_aside_but_not_accepted(admin_client, item):
    FeedItem.objects.filter(pk=item.pk).update(status=FeedItem.Status.DUPLICATE)

    admin_client.post(reverse("library_review:accept", args=[item.pk]), accept_data())
    assert not Resource.objects.exists()

    admin_client.post(reverse("library_review:reject", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == FeedItem.Status.REJECTED


def test_the_secretariat_adds_a_feed_and_fetches_it_now(admin_client, feed_server):
    response = admin_client.post(
        reverse("library_feeds:add"),
        {
            "name": "Miljønytt",
            "url": feed_server.url("/data/rss.xml"),
            "publisher": "Miljødirektoratet",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    feed = Feed.objects.get()
    assert AuditEntry.objects.filter(action="feed.created").exists()
    listing = admin_client.get(reverse("library_feeds:index")).content.decode()
    fetch_url = reverse("library_feeds:fetch", args=[feed.pk])
    assert re.search(
        rf'action="{fetch_url}">\s*<input type="hidden" name="csrfmiddlewaretoken" value="\w+"',
        listing,
    ), "the fetch button's form carries the CSRF token"

    response = admin_client.post(reverse("library_feeds:fetch", args=[feed.pk]), follow=True)

    assert "3 new item(s) to review" in response.content.decode()
    assert feed.items.filter(status=FeedItem.Status.NEW).count() == 3


def test_fetch_now_shows_a_feed_error(admin_client, feed_server):
    feed = make_feed(name="Borte", url=feed_server.url("/status/404"))

    response = admin_client.post(reverse("library_feeds:fetch", args=[feed.pk]), follow=True)

    assert "“Borte” could not be fetched" in response.content.decode()
    feed.refresh_from_db()
    assert "404" in feed.last_error


def test_dead_links_are_listed_for_the_secretariat(admin_client):
    make_resource(title="Borte rapport", link_status=Resource.LinkStatus.DEAD, link_error="404")
    make_resource(title="Fin rapport", link_status=Resource.LinkStatus.OK)

    html = admin_client.get(reverse("library_dead_links:index")).content.decode()

    assert "Borte rapport" in html
    assert "Fin rapport" not in html
