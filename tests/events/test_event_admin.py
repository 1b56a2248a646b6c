"""Events and themes in the back office: the secretariat creates, edits and copies events with
their programme and material; the checks give clear messages; everything is audited; nobody
else reaches any of it."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from klimanett.core import roles
from klimanett.core.models import AuditEntry
from klimanett.events.models import Event, Material, ProgrammeItem, Theme
from tests.builders import make_event, make_registration, make_user

pytestmark = pytest.mark.django_db

EVENTS = reverse("event_admin:index")
ADD = reverse("event_admin:add")
THEMES = reverse("event_themes:index")


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def editor(db):
    roles.ensure_role_groups()
    user = make_user(email="redaktor@fylke.example.no")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


def event_data(*, programme=(), materials=(), **overrides):
    fields = {
        "title": "Klimafrokost om transport",
        "slug": "",
        "type": "network_meeting",
        "status": "published",
        "summary": "Frokost og erfaringer.",
        "description": "",
        "starts_at": "2026-12-01 08:00",
        "ends_at": "2026-12-01 10:00",
        "venue_name": "Skien bibliotek",
        "address": "Kirkegata 8",
        "online_url": "",
        "audience": "everyone",
        "capacity": "40",
        "registration_opens_at": "2026-11-01 09:00",
        "registration_closes_at": "2026-11-30 12:00",
        "partners_only_until": "",
        "programme": inline_formset(list(programme)),
        "materials": inline_formset(list(materials)),
    }
    themes = overrides.pop("themes", [])
    fields.update(overrides)
    data = nested_form_data(fields)
    data["themes"] = themes
    return data


def pptx_bytes() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return output.getvalue()


def test_secretariat_creates_an_event_with_programme_themes_and_a_slug_from_the_title(
    admin_client,
):
    theme = Theme.objects.create(name="Transport", slug="transport")
    data = event_data(
        programme=[
            {"starts_at": "08:00", "title": "Velkommen", "speakers": "Sigrid", "description": ""},
            {"starts_at": "08:15", "title": "Elbusser", "speakers": "Per", "description": ""},
        ],
        themes=[str(theme.pk)],
    )

    response = admin_client.post(ADD, data)

    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert event.slug == "klimafrokost-om-transport"
    assert list(event.themes.all()) == [theme]
    assert [item.title for item in event.programme.order_by("order")] == ["Velkommen", "Elbusser"]
    entry = AuditEntry.objects.get(action="event.created")
    assert entry.actor is not None and entry.object_id == str(event.pk)


def test_an_event_that_ends_before_it_starts_is_refused_with_a_message_on_the_end(admin_client):
    response = admin_client.post(
        ADD, event_data(starts_at="2026-12-01 10:00", ends_at="2026-12-01 08:00")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["The event must end after it starts."]
    assert not Event.objects.exists()


def test_registration_that_closes_before_it_opens_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(
        ADD,
        event_data(
            registration_opens_at="2026-11-20 09:00", registration_closes_at="2026-11-10 09:00"
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["registration_closes_at"] == ["Registration must close after it opens."]
    assert not Event.objects.exists()


def test_material_is_uploaded_as_pptx_and_a_recording_is_given_as_a_link(admin_client):
    event = make_event(title="Klimakurs", slug="klimakurs")
    data = event_data(
        title="Klimakurs",
        slug="klimakurs",
        materials=[
            {"title": "Lysark", "kind": "slides", "url": "", "file": ""},
            {
                "title": "Opptak",
                "kind": "recording",
                "url": "https://video.example.no/opptak.mp4",
                "file": "",
            },
        ],
    )
    data["materials-0-file"] = SimpleUploadedFile(
        "lysark.pptx",
        pptx_bytes(),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )

    response = admin_client.post(reverse("event_admin:edit", args=[event.pk]), data)

    assert response.status_code == 302, response.context["form"].formsets["materials"].errors
    slides, recording = Material.objects.filter(event=event).order_by("pk")
    assert slides.file.name.endswith(".pptx")
    assert recording.url.endswith("opptak.mp4") and not recording.file
    assert AuditEntry.objects.filter(action="event.updated").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("opptak.mp4", b"\x00\x00\x00\x18ftypmp42", "Give recordings such as MP4 videos as a link"),
        ("skript.exe", b"MZ", "Upload a PDF, PowerPoint"),
        ("falsk.pdf", b"<html>not a pdf</html>", "is not a PDF file"),
    ],
)
def test_material_of_a_wrong_type_is_refused_with_a_message(admin_client, name, content, message):
    event = make_event(title="Klimakurs", slug="klimakurs")
    data = event_data(
        title="Klimakurs",
        slug="klimakurs",
        materials=[{"title": "Fil", "kind": "other", "url": "", "file": ""}],
    )
    data["materials-0-file"] = SimpleUploadedFile(name, content)

    response = admin_client.post(reverse("event_admin:edit", args=[event.pk]), data)

    assert response.status_code == 200
    errors = response.context["form"].formsets["materials"].errors[0]["file"]
    assert message in errors[0]
    assert not Material.objects.exists()


def test_material_over_the_size_limit_is_refused(admin_client, settings):
    settings.EVENT_MATERIAL_MAX_BYTES = 10
    event = make_event(title="Klimakurs", slug="klimakurs")
    data = event_data(
        title="Klimakurs",
        slug="klimakurs",
        materials=[{"title": "Fil", "kind": "slides", "url": "", "file": ""}],
    )
    data["materials-0-file"] = SimpleUploadedFile("stor.pdf", b"%PDF-1.7 " + b"x" * 100)

    response = admin_client.post(reverse("event_admin:edit", args=[event.pk]), data)

    assert response.status_code == 200
    errors = response.context["form"].formsets["materials"].errors[0]["file"]
    assert "the largest allowed is 10" in errors[0]


def test_copying_an_event_makes_a_new_draft_with_programme_and_themes_and_a_fresh_slug(
    admin_client,
):
    theme = Theme.objects.create(name="Energi", slug="energi")
    original = make_event(title="Energikurs", slug="energikurs", themes=[theme])
    ProgrammeItem.objects.create(event=original, title="Varmepumper", order=0)
    make_registration(original)
    copy_url = reverse("event_admin:copy", args=[original.pk])

    page = admin_client.get(copy_url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form["title"].value() == "Energikurs"
    assert form.formsets["programme"].forms[0]["title"].value() == "Varmepumper"

    response = admin_client.post(
        copy_url,
        event_data(
            title="Energikurs",
            themes=[str(theme.pk)],
            programme=[
                {"starts_at": "", "title": "Varmepumper", "speakers": "", "description": ""}
            ],
            status="draft",
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    copy = Event.objects.exclude(pk=original.pk).get()
    assert copy.slug == "energikurs-2"
    assert copy.status == Event.Status.DRAFT
    assert [item.title for item in copy.programme.all()] == ["Varmepumper"]
    assert list(copy.themes.all()) == [theme]
    assert original.programme.count() == 1 and original.registrations.count() == 1
    assert AuditEntry.objects.filter(action="event.created", object_id=str(copy.pk)).exists()


def test_secretariat_lists_events_and_manages_themes(admin_client):
    make_event(title="Toppledermøte", slug="toppledermote")

    assert "Toppledermøte" in admin_client.get(EVENTS).content.decode()
    response = admin_client.post(
        reverse("event_themes:add"), {"name": "Innkjøp", "slug": "innkjop"}
    )
    assert response.status_code == 302
    assert Theme.objects.filter(slug="innkjop").exists()
    assert AuditEntry.objects.filter(action="theme.created").exists()
    assert admin_client.get(THEMES).status_code == 200


@pytest.mark.parametrize("persona", ["alice", "editor", "anonymous"])
def test_nobody_but_the_secretariat_reaches_or_changes_events_and_themes(request, client, persona):
    event = make_event(title="Hemmelig", slug="hemmelig")
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    for url in (
        EVENTS,
        ADD,
        reverse("event_admin:edit", args=[event.pk]),
        reverse("event_admin:copy", args=[event.pk]),
        reverse("event_admin:delete", args=[event.pk]),
        THEMES,
        reverse("event_themes:add"),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(ADD, event_data(title="Nytt")).status_code in (302, 403)
    assert client.post(
        reverse("event_admin:edit", args=[event.pk]), event_data(title="Endret")
    ).status_code in (302, 403)
    assert client.post(reverse("event_admin:delete", args=[event.pk])).status_code in (302, 403)
    assert client.post(reverse("event_themes:add"), {"name": "X", "slug": "x"}).status_code in (
        302,
        403,
    )
    event.refresh_from_db()
    assert event.title == "Hemmelig"
    assert Event.objects.count() == 1 and not Theme.objects.exists()


def test_event_pages_render_with_links_to_the_participant_pages(admin_client):
    event = make_event(title="Studietur", slug="studietur", capacity=10)
    make_registration(event)

    listing = admin_client.get(EVENTS).content.decode()
    assert reverse("event_participants", args=[event.pk]) in listing
    assert reverse("event_check_in", args=[event.pk]) in listing
    assert "1 / 10" in listing
    assert admin_client.get(ADD).status_code == 200
    edit = admin_client.get(reverse("event_admin:edit", args=[event.pk]))
    assert edit.status_code == 200
    assert 'data-controller="w-sync"' in edit.content.decode()  # the slug follows the title
    export = admin_client.get(EVENTS, {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode()
    assert "Studietur" in text and "Confirmed" in text
