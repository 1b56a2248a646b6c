"""The link checker against a local web server: which answers make a link dead."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from klimanett.core.models import AuditEntry
from klimanett.library import web
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


# --- Addresses that are not fetched --------------------------------------------------------

PRIVATE = "points to a private or local network and is not fetched"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.1.2.3:80/admin/",
        "http://localhost/",
        "http://0.0.0.0/",
        "http://10.0.0.5/intranett",
        "http://172.16.0.1/",
        "http://172.31.255.254/",
        "https://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[::1]/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://224.0.0.1/",
    ],
)
def test_a_link_to_a_private_or_local_address_is_dead_without_being_asked(url):
    resource = make_resource(url=url)

    report = check_links(resources=[resource], timeout=TIMEOUT)

    resource.refresh_from_db()
    assert report.dead == [resource]
    assert resource.link_status == DEAD
    assert PRIVATE in resource.link_error


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://93.184.215.14:8080/", "unusual port"),
        ("ftp://93.184.215.14/rapport.pdf", "not a valid web address"),
    ],
)
def test_a_link_with_an_unusual_port_or_scheme_is_dead_without_being_asked(url, message):
    resource = make_resource(url=url)

    check_links(resources=[resource], timeout=TIMEOUT)

    resource.refresh_from_db()
    assert resource.link_status == DEAD
    assert message in resource.link_error


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.215.14/",
        "https://93.184.215.14:443/rapport",
        "http://[2606:4700:4700::1111]:80/",
    ],
)
def test_a_public_address_on_an_ordinary_port_passes_the_check(url):
    web.check_address(url)  # no error; IP literals, so no name server is asked


def test_a_link_on_the_local_server_is_dead_by_default(local_server):
    resource = checked(local_server, "/data/rss.xml")

    assert resource.link_status == DEAD
    assert PRIVATE in resource.link_error
    assert local_server.requests == []


def test_a_link_that_redirects_to_a_local_address_is_dead(local_server, counts_as_public):
    url = local_server.url("/redirect-to/data/rss.xml")
    counts_as_public(url)
    resource = make_resource(url=url)

    check_links(resources=[resource], timeout=TIMEOUT)

    resource.refresh_from_db()
    assert resource.link_status == DEAD
    assert PRIVATE in resource.link_error
    assert [(seen.method, seen.path) for seen in local_server.requests] == [
        ("HEAD", "/redirect-to/data/rss.xml")
    ]
