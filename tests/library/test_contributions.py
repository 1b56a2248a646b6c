"""Partners suggest resources in the partner area: the form with its link or checked file, the
organisation's list of suggestions with their status, who may see what, and the e-mail to the
secretariat."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from klimanett.core.models import AuditEntry
from klimanett.events.models import Theme
from klimanett.library.models import Resource
from tests.builders import make_resource

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def theme(db) -> Theme:
    return Theme.objects.create(name="Transport", slug="transport")


def suggest_url(organisation) -> str:
    return reverse("library_partner:suggest", args=[organisation.pk])


def list_url(organisation) -> str:
    return reverse("library_partner:suggestions", args=[organisation.pk])


def suggestion(**overrides):
    data = {
        "title": "Veileder for fossilfrie byggeplasser",
        "url": "https://example.org/fossilfri-byggeplass",
        "publisher": "Miljødirektoratet",
        "year": "2024",
        "language": "nb",
        "kind": "guide",
        "audience": "both",
        "summary": "Viser steg for steg hvordan vi fikk byggeplassen fossilfri.",
    }
    data.update(overrides)
    return data


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def stored_files() -> list[str]:
    folder = settings.MEDIA_ROOT / "library"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# Who may do what


def test_anonymous_visitor_is_sent_to_log_in(client, organisation_a):
    for url in (list_url(organisation_a), suggest_url(organisation_a)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/logg-inn/" in response["Location"]
    assert client.post(suggest_url(organisation_a), suggestion()).status_code == 302
    assert not Resource.objects.exists()


def test_contact_of_another_organisation_gets_404_and_saves_nothing(client, charlie, alice):
    organisation_a = alice.contacts.get().organisation
    make_resource(
        title="Alfas hemmelige forslag",
        status=Resource.Status.SUGGESTED,
        suggested_by=alice,
        suggested_for=organisation_a,
    )
    client.force_login(charlie)
    assert client.get(list_url(organisation_a)).status_code == 404
    assert client.get(suggest_url(organisation_a)).status_code == 404
    assert client.post(suggest_url(organisation_a), suggestion()).status_code == 404
    assert Resource.objects.count() == 1


def test_contact_of_another_organisation_does_not_see_its_suggestions_in_their_own_list(
    client, alice, charlie, organisation_a, organisation_b
):
    make_resource(
        title="Alfas forslag",
        status=Resource.Status.SUGGESTED,
        suggested_by=alice,
        suggested_for=organisation_a,
    )
    client.force_login(charlie)
    response = client.get(list_url(organisation_b))
    assert response.status_code == 200
    assert "Alfas forslag" not in response.content.decode()
    assert "No suggestions yet." in response.content.decode()


def test_colleague_and_secretariat_see_the_organisations_suggestions_and_their_status(
    client, verified_client, alice, bob, sekretariat, organisation_a
):
    make_resource(
        title="Alfas forslag",
        status=Resource.Status.SUGGESTED,
        suggested_by=alice,
        suggested_for=organisation_a,
    )
    make_resource(
        title="Alfas avviste forslag",
        status=Resource.Status.REJECTED,
        suggested_by=alice,
        suggested_for=organisation_a,
    )
    make_resource(title="Noe sekretariatet la inn")
    client.force_login(bob)
    for logged_in in (client, verified_client(sekretariat)):
        text = logged_in.get(list_url(organisation_a)).content.decode()
        assert "Alfas forslag" in text and "Suggested, awaiting approval" in text
        assert "Alfas avviste forslag" in text and "Rejected" in text
        assert "Noe sekretariatet la inn" not in text


def test_organisation_page_links_to_the_suggestions(client, alice, organisation_a):
    client.force_login(alice)
    response = client.get(reverse("partners:organisation_detail", args=[organisation_a.pk]))
    assert list_url(organisation_a) in response.content.decode()


# Suggesting


def test_contact_suggests_a_link_which_waits_for_the_secretariat(
    client,
    alice,
    sekretariat,
    organisation_a,
    theme,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    client.force_login(alice)
    assert client.get(suggest_url(organisation_a)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(suggest_url(organisation_a), suggestion(themes=[theme.pk]))

    assert response.status_code == 302
    assert response["Location"] == list_url(organisation_a)
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.SUGGESTED
    assert resource.suggested_by == alice
    assert resource.suggested_for == organisation_a
    assert resource.published_at is None
    assert resource.slug == "veileder-for-fossilfrie-byggeplasser"
    assert list(resource.themes.all()) == [theme]
    entry = AuditEntry.objects.get(action="resource.suggested")
    assert entry.actor == alice and entry.data["language"] == "en"
    assert not Resource.objects.published().exists()

    (message,) = mailoutbox
    assert message.to == [sekretariat.email]
    assert "Veileder for fossilfrie byggeplasser" in message.subject
    assert reverse("library_suggestions:review", args=[resource.pk]) in message.body

    listing = client.get(response["Location"]).content.decode()
    assert "Thank you!" in listing
    assert "Veileder for fossilfrie byggeplasser" in listing


def test_contact_suggests_an_uploaded_pdf(client, alice, organisation_a):
    client.force_login(alice)
    upload = SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf")
    response = client.post(suggest_url(organisation_a), suggestion(url="", file=upload))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.url == ""
    assert resource.file.name.startswith("library/rapport")
    assert len(stored_files()) == 1


def test_a_word_file_is_accepted_too(client, alice, organisation_a):
    client.force_login(alice)
    upload = SimpleUploadedFile("veileder.docx", docx_bytes())
    assert (
        client.post(suggest_url(organisation_a), suggestion(url="", file=upload)).status_code == 302
    )
    assert Resource.objects.get().file.name.endswith(".docx")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("film.mp4", b"\x00\x00\x00\x18ftypmp42", "Upload a PDF, PowerPoint (.pptx), Word"),
        ("program.exe", b"MZ\x90\x00", "Upload a PDF, PowerPoint (.pptx), Word"),
        (
            "rapport.pdf",
            b"MZ\x90\x00 not a pdf at all",
            "is not a PDF file, whatever its name says",
        ),
        ("regneark.xlsx", b"just text", "is not a XLSX file, whatever its name says"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_with_a_clear_message_and_nothing_saved(
    client, alice, organisation_a, name, content, message, mailoutbox
):
    client.force_login(alice)
    upload = SimpleUploadedFile(name, content)
    response = client.post(suggest_url(organisation_a), suggestion(url="", file=upload))
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert "Nothing was saved." in text
    assert "Give a link or upload a file." not in text  # one clear message, not two
    assert not Resource.objects.exists()
    assert stored_files() == []
    assert mailoutbox == []


def test_a_file_over_the_size_limit_is_refused_and_nothing_saved(
    client, alice, organisation_a, settings
):
    settings.LIBRARY_FILE_MAX_BYTES = 1024
    client.force_login(alice)
    upload = SimpleUploadedFile("stor.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = client.post(suggest_url(organisation_a), suggestion(url="", file=upload))
    assert response.status_code == 200
    assert "the largest allowed is 1.0" in response.content.decode()
    assert not Resource.objects.exists()
    assert stored_files() == []


def test_a_suggestion_without_link_or_file_says_so(client, alice, organisation_a):
    client.force_login(alice)
    response = client.post(suggest_url(organisation_a), suggestion(url=""))
    assert response.status_code == 200
    assert response.content.decode().count("Give a link or upload a file.") == 1
    assert not Resource.objects.exists()


def test_missing_and_bad_fields_are_marked_and_nothing_saved(client, alice, organisation_a):
    client.force_login(alice)
    response = client.post(
        suggest_url(organisation_a), suggestion(title="", year="1200", kind="poem")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"title", "year", "kind"}
    assert not Resource.objects.exists()


def test_a_partner_cannot_publish_directly_by_posting_a_status(client, alice, organisation_a):
    client.force_login(alice)
    client.post(suggest_url(organisation_a), suggestion(status="published"))
    assert Resource.objects.get().status == Resource.Status.SUGGESTED
