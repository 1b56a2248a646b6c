"""The monthly digest: double opt-in that reveals nothing, one-click unsubscribe (RFC 8058)
that deletes the address, the digest's content (new since each subscriber's last one), the
``send_digest`` command with its retention of unconfirmed addresses, and the personal-data
export and erasure."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from klimanett.core import privacy
from klimanett.core.models import AuditEntry
from klimanett.library import digest
from klimanett.library.models import Resource, Subscriber
from tests.builders import make_event, make_example_page, make_resource, make_site_pages, make_user

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("digest:subscribe")
SENT = reverse("digest:subscribe_sent")
LINK = re.compile(r"https?://\S+/nyhetsbrev/(?:bekreft|avmeld)/[^/\s]+/")


@pytest.fixture(autouse=True)
def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def confirmed(email: str = "leser@example.no", *, language: str = "nb", **fields) -> Subscriber:
    return Subscriber.objects.create(
        email=email, language=language, confirmed_at=timezone.now(), **fields
    )


def path_of(url: str) -> str:
    return url.removeprefix(settings.SITE_URL)


def subscribe(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(SUBSCRIBE, {"email": email})


# Subscribing (double opt-in)


def test_the_subscribe_page_has_a_labelled_form(client):
    response = client.get(SUBSCRIBE)
    assert response.status_code == 200
    text = response.content.decode()
    assert '<label class="ds-label" for="digest-email">' in text
    assert f'action="{SUBSCRIBE}"' in text


def test_subscribing_sends_a_confirmation_link_and_nothing_more_until_confirmed(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    response = subscribe(client, " Leser@Example.no ", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == SENT
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "leser@example.no"
    assert subscriber.language == "en"
    assert subscriber.confirmed_at is None
    (message,) = mailoutbox
    assert message.to == ["leser@example.no"]
    assert "/nyhetsbrev/bekreft/" in LINK.search(message.body).group(0)
    assert "leser@example.no" not in AuditEntry.objects.get(action="digest.subscribed").object_repr

    make_resource(title="Ny rapport")
    mailoutbox.clear()
    assert digest.send_digests().sent == 0
    assert mailoutbox == []


def test_subscribing_again_says_the_same_and_reveals_nothing(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    confirmed("allerede@example.no")
    fresh = subscribe(client, "ny@example.no", django_capture_on_commit_callbacks)
    again = subscribe(client, "ny@example.no", django_capture_on_commit_callbacks)
    known = subscribe(client, "allerede@example.no", django_capture_on_commit_callbacks)

    assert fresh["Location"] == again["Location"] == known["Location"] == SENT
    assert Subscriber.objects.count() == 2
    # The confirmed address gets nothing; the unconfirmed one gets its link once: asking again
    # within ten minutes sends no second e-mail (the form cannot flood an inbox).
    assert [m.to for m in mailoutbox] == [["ny@example.no"]]
    text = client.get(SENT).content.decode()
    assert "If the address is not subscribed already" in text


def test_asking_again_after_ten_minutes_sends_the_link_again_with_seven_new_days(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    subscribe(client, "ny@example.no", django_capture_on_commit_callbacks)
    Subscriber.objects.update(created_at=timezone.now() - datetime.timedelta(days=6))
    cache.clear()  # as if ten minutes had passed
    subscribe(client, "ny@example.no", django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["ny@example.no"], ["ny@example.no"]]
    subscriber = Subscriber.objects.get()
    assert timezone.now() - subscriber.created_at < datetime.timedelta(minutes=1)


def test_an_invalid_address_is_marked_and_nothing_saved(client, mailoutbox):
    response = client.post(SUBSCRIBE, {"email": "ikke-en-adresse"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Enter a valid e-mail address." in text
    assert 'aria-invalid="true"' in text
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_confirming_by_the_link_takes_a_press_of_the_button(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    subscribe(client, "leser@example.no", django_capture_on_commit_callbacks)
    link = path_of(LINK.search(mailoutbox[0].body).group(0))

    page = client.get(link)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert Subscriber.objects.get().confirmed_at is None  # a mail scanner's GET confirms nothing

    done = client.post(link)
    assert done.status_code == 200
    assert "The subscription is confirmed" in done.content.decode()
    assert Subscriber.objects.get().confirmed_at is not None
    assert client.post(link).status_code == 200  # twice is harmless


def test_an_expired_confirmation_link_says_so_and_confirms_nothing(client):
    subscriber = Subscriber.objects.create(email="sen@example.no")
    link = reverse("digest:confirm", args=[digest.confirm_token(subscriber)])
    later = timezone.now() + datetime.timedelta(days=digest.CONFIRM_DAYS, hours=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        for response in (client.get(link), client.post(link)):
            assert response.status_code == 400
            assert "has expired" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_a_forged_or_foreign_confirmation_link_confirms_nothing(client):
    subscriber = Subscriber.objects.create(email="leser@example.no")
    token = digest.confirm_token(subscriber)
    forged = signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt="other")
    for bad in (token[:-3] + "abc", forged, digest.unsubscribe_token(subscriber)):
        response = client.post(reverse("digest:confirm", args=[bad]))
        assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_a_confirmation_link_for_a_deleted_subscription_does_not_work(client):
    subscriber = Subscriber.objects.create(email="leser@example.no")
    link = reverse("digest:confirm", args=[digest.confirm_token(subscriber)])
    subscriber.delete()
    assert client.post(link).status_code == 400
    assert not Subscriber.objects.exists()


# Unsubscribing


def test_one_click_unsubscribe_by_post_without_csrf_deletes_the_subscriber():
    subscriber = confirmed()
    url = reverse("digest:unsubscribe", args=[digest.unsubscribe_token(subscriber)])
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    entry = AuditEntry.objects.get(action="digest.unsubscribed")
    assert entry.data == {"subscriber": subscriber.pk}
    assert "leser@example.no" not in str(entry.data) + entry.object_repr
    # Again: still fine, says nothing new.
    assert mail_program.post(url).status_code == 200


def test_opening_the_unsubscribe_link_only_shows_a_button(client):
    subscriber = confirmed()
    url = reverse("digest:unsubscribe", args=[digest.unsubscribe_token(subscriber)])
    response = client.get(url)
    assert response.status_code == 200
    assert '<form method="post"' in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_a_forged_unsubscribe_link_deletes_nothing(client):
    subscriber = confirmed()
    forged = signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt="x")
    for token in (forged, digest.confirm_token(subscriber), "nonsense"):
        assert client.post(reverse("digest:unsubscribe", args=[token])).status_code == 400
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


# The digest


def test_digest_has_what_is_new_since_the_last_one_with_the_unsubscribe_headers(client, mailoutbox):
    make_site_pages()
    now = timezone.now()
    subscriber = confirmed(language="en", last_sent_at=now - datetime.timedelta(days=30))
    old = make_resource(title="Gammel rapport")
    Resource.objects.filter(pk=old.pk).update(published_at=now - datetime.timedelta(days=40))
    make_resource(title="Ny veileder om transport")
    make_resource(title="Forslag som venter", status=Resource.Status.SUGGESTED)
    make_resource(title="Avvist forslag", status=Resource.Status.REJECTED)
    old_example = make_example_page(title="Gammelt eksempel")
    type(old_example).objects.filter(pk=old_example.pk).update(
        first_published_at=now - datetime.timedelta(days=40)
    )
    make_example_page(title="Solceller på rådhuset")
    make_example_page(title="Utkast til eksempel", live=False)
    make_event(title="Klimafrokost om innkjøp")
    make_event(title="Avlyst møte", status="cancelled")
    make_event(
        title="Møte om et år",
        starts_at=now + datetime.timedelta(days=365),
        ends_at=now + datetime.timedelta(days=365, hours=2),
    )

    result = digest.send_digests()

    assert result.sent == 1 and result.skipped == 0
    (message,) = mailoutbox
    assert message.to == [subscriber.email]
    text = message.body
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    for body in (text, html):
        assert "Ny veileder om transport" in body
        assert "Solceller på rådhuset" in body
        assert "Klimafrokost om innkjøp" in body
        for absent in (
            "Gammel rapport",
            "Forslag som venter",
            "Avvist forslag",
            "Gammelt eksempel",
            "Utkast til eksempel",
            "Avlyst møte",
            "Møte om et år",
        ):
            assert absent not in body
    assert '<html lang="en">' in html
    unsubscribe = digest.unsubscribe_url(subscriber)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text and unsubscribe in html
    subscriber.refresh_from_db()
    assert subscriber.last_sent_at > now

    # The link in the digest unsubscribes at once.
    assert Client(enforce_csrf_checks=True).post(path_of(unsubscribe)).status_code == 200
    assert not Subscriber.objects.exists()


def test_each_subscriber_gets_the_digest_in_their_language(mailoutbox):
    make_resource(title="Ny rapport")
    confirmed("bokmal@example.no", language="nb")
    confirmed("nynorsk@example.no", language="nn")
    digest.send_digests()
    languages = {
        m.to[0]: re.search(r'<html lang="(\w+)">', m.alternatives[0][0]).group(1)
        for m in mailoutbox
    }
    assert languages == {"bokmal@example.no": "nb", "nynorsk@example.no": "nn"}


def test_nothing_new_means_no_digest_and_the_next_one_covers_it_all(mailoutbox):
    now = timezone.now()
    subscriber = confirmed(last_sent_at=now - datetime.timedelta(days=1))
    old = make_resource(title="Forrige måneds rapport")
    Resource.objects.filter(pk=old.pk).update(published_at=now - datetime.timedelta(days=20))
    event = make_event(title="Gammelt kjent møte")
    type(event).objects.filter(pk=event.pk).update(created_at=now - datetime.timedelta(days=20))

    result = digest.send_digests(now=now)

    assert result.sent == 0 and result.skipped == 1
    assert mailoutbox == []
    subscriber.refresh_from_db()
    assert subscriber.last_sent_at == now - datetime.timedelta(days=1)


def test_a_newly_announced_event_alone_is_news(mailoutbox):
    confirmed(last_sent_at=timezone.now() - datetime.timedelta(days=30))
    make_event(title="Nytt arrangement")
    assert digest.send_digests().sent == 1
    assert "Nytt arrangement" in mailoutbox[0].body


def test_a_new_subscriber_gets_about_the_last_month(mailoutbox):
    now = timezone.now()
    confirmed()
    recent = make_resource(title="Fra forrige uke")
    Resource.objects.filter(pk=recent.pk).update(published_at=now - datetime.timedelta(days=7))
    old = make_resource(title="Fra i fjor")
    Resource.objects.filter(pk=old.pk).update(published_at=now - datetime.timedelta(days=365))
    digest.send_digests(now=now)
    assert "Fra forrige uke" in mailoutbox[0].body
    assert "Fra i fjor" not in mailoutbox[0].body


# The command and retention


def test_dry_run_sends_and_records_nothing(mailoutbox):
    subscriber = confirmed()
    stale = Subscriber.objects.create(email="glemt@example.no")
    Subscriber.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    make_resource(title="Ny rapport")
    call_command("send_digest", "--dry-run")
    assert mailoutbox == []
    subscriber.refresh_from_db()
    assert subscriber.last_sent_at is None
    assert Subscriber.objects.count() == 2


def test_the_command_deletes_unconfirmed_addresses_after_seven_days_and_sends(mailoutbox):
    now = timezone.now()
    confirmed("leser@example.no")
    old_confirmed = confirmed("trofast@example.no")
    stale = Subscriber.objects.create(email="glemt@example.no")
    waiting = Subscriber.objects.create(email="venter@example.no")
    Subscriber.objects.filter(pk__in=[stale.pk, old_confirmed.pk]).update(
        created_at=now - datetime.timedelta(days=8)
    )
    Subscriber.objects.filter(pk=waiting.pk).update(created_at=now - datetime.timedelta(days=6))
    make_resource(title="Ny rapport")

    call_command("send_digest")

    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "leser@example.no",
        "trofast@example.no",
        "venter@example.no",
    }
    assert sorted(m.to[0] for m in mailoutbox) == ["leser@example.no", "trofast@example.no"]


def test_purge_only_sends_nothing(mailoutbox):
    stale = Subscriber.objects.create(email="glemt@example.no")
    Subscriber.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    confirmed()
    make_resource(title="Ny rapport")
    call_command("send_digest", "--purge-only")
    assert mailoutbox == []
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["leser@example.no"]


# Personal data


def test_a_users_export_and_deletion_include_their_subscription():
    user = make_user(email="kari@example.no")
    confirmed("kari@example.no", language="nn")
    confirmed("andre@example.no")

    data = privacy.export_personal_data(user)
    assert data["digest_subscription"]["email"] == "kari@example.no"
    assert data["digest_subscription"]["language"] == "nn"

    privacy.delete_user(user=user)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["andre@example.no"]


def test_a_user_without_a_subscription_exports_none():
    user = make_user(email="ingen@example.no")
    assert privacy.export_personal_data(user)["digest_subscription"] is None
