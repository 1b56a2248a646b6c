import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klimanett.core import page_cache
from klimanett.partners.models import Organisation
from klimanett.site.models import HomePage
from tests.builders import make_membership, make_organisation, make_site_pages

NONCE = re.compile(r'nonce="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def site(db):
    make_site_pages()
    organisation = make_organisation(
        name="Grenland Sol AS", public_profile=True, description="Solceller på lagertaket."
    )
    make_membership(organisation)
    return organisation


def get(client: Client, path: str, **extra):
    """The response and the number of SQL queries it took (0: served from the page cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    return response, len(queries)


def test_second_anonymous_visit_is_served_from_the_cache_with_a_fresh_nonce(site):
    first, first_queries = get(Client(), "/")
    second, second_queries = get(Client(), "/")

    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    first_nonce = NONCE.search(first.content.decode()).group(1)
    second_nonce = NONCE.search(second.content.decode()).group(1)
    assert first_nonce != second_nonce
    assert f"'nonce-{second_nonce}'" in second["Content-Security-Policy"]
    assert set(NONCE.findall(second.content.decode())) == {second_nonce}
    assert NONCE.sub("", CSRF.sub("", first.content.decode())) == NONCE.sub(
        "", CSRF.sub("", second.content.decode())
    )


def test_the_language_form_of_a_cached_page_posts_with_a_valid_csrf_token(site):
    get(Client(), "/")  # fills the cache
    client = Client(enforce_csrf_checks=True)
    response, queries = get(client, "/")
    assert queries == 0
    assert "csrftoken" in response.cookies
    token = CSRF.search(response.content.decode()).group(1)

    posted = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )

    assert posted.status_code == 302
    assert posted.cookies["klimanett_language"].value == "en"
    english = client.get("/").content.decode()
    assert '<html lang="en"' in english


def test_each_language_has_its_own_cached_page(site):
    get(Client(), "/")
    english = Client()
    english.cookies["klimanett_language"] = "en"
    response, _ = get(english, "/")
    assert '<html lang="en"' in response.content.decode()


def test_logged_in_users_never_get_or_leave_cached_pages(site, alice):
    get(Client(), "/")  # an anonymous visit fills the cache
    client = Client()
    client.force_login(alice)

    response, queries = get(client, "/")

    assert queries > 0
    assert "Logg ut" in response.content.decode()
    assert "Logg ut" not in Client().get("/").content.decode()


def test_a_request_with_a_session_cookie_is_not_served_from_the_cache(site):
    get(Client(), "/")
    client = Client()
    client.cookies["sessionid"] = "no-such-session"
    _, queries = get(client, "/")
    assert queries > 0


def test_a_request_with_messages_is_not_served_from_the_cache(site):
    get(Client(), "/")
    client = Client()
    client.cookies["messages"] = "anything"
    _, queries = get(client, "/")
    assert queries > 0


def test_a_changed_organisation_description_is_visible_on_the_next_request(site):
    path = f"/partnere/{site.slug}/"
    get(Client(), path)
    site.description = "Nå også varmepumpe."
    site.save()
    response, queries = get(Client(), path)
    assert queries > 0
    assert "Nå også varmepumpe." in response.content.decode()


def test_a_queryset_update_is_visible_on_the_next_request(site):
    get(Client(), "/partnere/")
    Organisation.objects.filter(pk=site.pk).update(name="Grenland Solkraft AS")
    assert "Grenland Solkraft AS" in Client().get("/partnere/").content.decode()


def test_a_published_page_change_is_visible_on_the_next_request(site):
    get(Client(), "/")
    home = HomePage.objects.get()
    home.title = "Velkommen til klimanettverket"
    home.save_revision().publish()
    assert "Velkommen til klimanettverket" in Client().get("/").content.decode()


def test_a_saved_draft_changes_nothing_for_visitors_but_is_not_served_stale_later(site):
    get(Client(), "/")
    home = HomePage.objects.get()
    home.title = "Utkast til ny tittel"
    home.save_revision()
    assert "Utkast til ny tittel" not in Client().get("/").content.decode()


def test_error_responses_are_not_cached(site):
    get(Client(), "/finnes-ikke/")
    response, queries = get(Client(), "/finnes-ikke/")
    assert response.status_code == 404
    assert queries > 0


def test_pages_that_did_not_opt_in_are_not_cached(site):
    get(Client(), "/logg-inn/")
    _, queries = get(Client(), "/logg-inn/")
    assert queries > 0


def test_htmx_fragments_and_full_pages_are_cached_apart(site):
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "partner-results"}
    fragment = Client().get("/partnere/", **htmx).content.decode()
    full = Client().get("/partnere/").content.decode()
    assert "<html" not in fragment
    assert "<html" in full
    assert "<html" not in Client().get("/partnere/", **htmx).content.decode()


def test_a_write_inside_a_transaction_invalidates_at_once_and_again_on_commit(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    organisation = make_organisation(name="Grenland Sol AS")
    bumps: list[str] = []
    monkeypatch.setattr(page_cache, "bump_generation", lambda: bumps.append("bump"))

    # The test runs inside a transaction that is never committed: the callbacks registered
    # for the commit are captured and run when the block ends, as a commit would run them.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(description="Ny tekst.")
        assert bumps == ["bump"]
        Organisation.objects.filter(pk=organisation.pk).update(description="Nyere tekst.")
        assert bumps == ["bump", "bump"]
        bumps.append("commit")

    assert bumps == ["bump", "bump", "commit", "bump"]


def test_a_missing_generation_is_replaced_by_a_fresh_random_one(db):
    old = page_cache.current_generation()
    cache.delete(page_cache.GENERATION_KEY)
    new = page_cache.current_generation()
    assert new != old
    assert page_cache.current_generation() == new


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('INSERT INTO "partners_organisation" ("name") VALUES (%s)', True),
        ('UPDATE "wagtailcore_page" SET "title" = %s', True),
        ('DELETE FROM "events_event" WHERE "id" = %s', True),
        ('SELECT "id" FROM "partners_organisation"', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', False),
        ('INSERT INTO "django_tasks_database_dbtaskresult" ("id") VALUES (%s)', False),
    ],
)
def test_writes_to_content_tables_count_and_sessions_throttling_and_tasks_do_not(sql, writes):
    assert page_cache.writes_content(sql) is writes


def test_a_hit_whose_etag_the_client_has_is_answered_304_without_the_body(site):
    first, _ = get(Client(), "/api/v1/partners")  # fills the cache
    etag = first["ETag"]
    assert first.status_code == 200 and etag

    hit, queries = get(Client(), "/api/v1/partners", HTTP_IF_NONE_MATCH=f'"other", W/{etag}')
    assert queries == 0  # from the cache, not from the view's own 304
    assert hit.status_code == 304
    assert hit.content == b""
    assert hit["ETag"] == etag
    assert hit["Vary"] == first["Vary"]  # the stored headers go with the 304

    stale, queries = get(Client(), "/api/v1/partners", HTTP_IF_NONE_MATCH='"other"')
    assert queries == 0
    assert stale.status_code == 200
    assert stale.content == first.content
    assert stale["ETag"] == etag


def test_a_cached_page_without_an_etag_ignores_if_none_match(site):
    get(Client(), "/")
    response, queries = get(Client(), "/", HTTP_IF_NONE_MATCH="*")
    assert queries == 0
    assert response.status_code == 200
    assert b"<html" in response.content
