"""The link checker against a local web server: which answers make a link dead."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from klimanett.core.models import AuditEntry
from klimanett.library.links import check_links
from klimanett.library.models import Resource
from tests.builders import make_resource

pytestmark = pytest.mark.django_db

OK = Resource.LinkStatus.OK
DEAD = Resource.LinkStatus.DEAD
TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def checked(feed_server, path):
    resource = make_resource(url=feed_server.url(path))
    check_links(resources=[resource], timeout=TIMEOUT)
    resource.refresh_from_db()
    return resource


@pytest.mark.parametrize(
    "path",
    ["/data/rss.xml", "/redirect-to/data/rss.xml", "/no-head", "/status/401", "/status/429"],
)
def test_a_working_link_is_marked_ok(feed_server, path):
    resource = checked(feed_server, path)

    assert resource.link_status == OK
    assert resource.link_error == ""
    assert resource.link_checked_at is not None


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/status/404", "not there any more (the server answered 404)"),
        ("/status/410", "not there any more (the server answered 410)"),
        ("/status/500", "answered with an error: 500"),
        ("/status/503", "answered with an error: 503"),
        ("/loop/a", "more than 5 times"),
        ("/slow", "did not answer within 0.5 seconds"),
    ],
)
def test_a_dead_link_is_marked_dead_with_the_reason(feed_server, path, message):
    resource = checked(feed_server, path)

    assert resource.link_status == DEAD
    assert message in resource.link_error
    assert AuditEntry.objects.filter(action="resource.link_dead", object_id=str(resource.pk))


def test_a_server_that_is_not_there_makes_the_link_dead(feed_server):
    url = feed_server.url("/data/rss.xml")
    feed_server.shutdown()
    feed_server.server_close()
    resource = make_resource(url=url)

    check_links(resources=[resource], timeout=TIMEOUT)

    resource.refresh_from_db()
    assert resource.link_status == DEAD
    assert "Could not connect" in resource.link_error


def test_head_refused_is_asked_again_with_get(feed_server):
    checked(feed_server, "/no-head")

    assert [seen.method for seen in feed_server.requests] == ["HEAD", "GET"]


def test_a_link_that_works_again_is_marked_ok(feed_server):
    resource = make_resource(
        url=feed_server.url("/data/rss.xml"), link_status=DEAD, link_error="Gone"
    )

    check_links(resources=[resource], timeout=TIMEOUT)

    resource.refresh_from_db()
    assert (resource.link_status, resource.link_error) == (OK, "")


def test_by_default_only_published_resources_with_links_are_checked(feed_server):
    published = make_resource(url=feed_server.url("/data/rss.xml"))
    suggested = make_resource(url=feed_server.url("/status/404"), status=Resource.Status.SUGGESTED)
    file_only = make_resource(url="", file=ContentFile(b"%PDF-1.4\n", name="rapport.pdf"))

    report = check_links(timeout=TIMEOUT)

    assert report.ok == [published] and report.dead == []
    for resource in (suggested, file_only):
        resource.refresh_from_db()
        assert resource.link_status == Resource.LinkStatus.UNCHECKED


def test_the_command_lists_the_dead_links(feed_server, capsys):
    make_resource(title="Borte", url=feed_server.url("/status/404"))
    make_resource(title="Her", url=feed_server.url("/data/rss.xml"))

    call_command("check_links", timeout=TIMEOUT)

    out = capsys.readouterr().out
    assert "Dead: Borte" in out
    assert "Checked 2 link(s): 1 work, 1 dead." in out


def test_the_secretariat_checks_a_dead_link_again(verified_client, sekretariat, feed_server):
    resource = make_resource(url=feed_server.url("/data/rss.xml"), link_status=DEAD)
    client = verified_client(sekretariat)

    response = client.post(reverse("library_dead_links:check", args=[resource.pk]))

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.link_status == OK
