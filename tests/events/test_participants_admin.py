"""The secretariat's participant list with its exports, name badges, check-in on the day and the
message to everyone registered; nobody else reaches any of it."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from klimanett.core import roles
from klimanett.core.models import AuditEntry
from klimanett.events.models import Registration
from tests.builders import make_event, make_registration, make_user

pytestmark = pytest.mark.django_db

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING
CANCELLED = Registration.Status.CANCELLED


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


@pytest.fixture
def event(organisation_a):
    event = make_event(title="Klimafrokost", slug="klimafrokost", capacity=2)
    start = timezone.now() - datetime.timedelta(days=3)
    people = [
        ("Kari Nordmann", "kari@alfa.example.no", CONFIRMED, "Alfa Klimaservice AS", "Vegetar", ""),
        ("Ola Hansen", "ola@beta.example.no", CONFIRMED, '=HYPERLINK("http://x")', "", "Rullestol"),
        ("Per Venter", "per@example.no", WAITING, "Gamma AS", "", ""),
        ("Anne Venter", "anne@example.no", WAITING, "Delta AS", "", ""),
        ("Siri Avmeldt", "siri@example.no", CANCELLED, "Epsilon AS", "", ""),
    ]
    for minutes, (name, email, status, org, diet, access) in enumerate(people):
        registration = make_registration(
            event,
            name=name,
            email=email,
            status=status,
            organisation_name=org,
            dietary_needs=diet,
            accessibility_needs=access,
        )
        Registration.objects.filter(pk=registration.pk).update(
            registered_at=start + datetime.timedelta(minutes=minutes)
        )
    return event


def url(name, event, *args):
    return reverse(name, args=[event.pk, *args])


def test_participant_list_shows_confirmed_waiting_in_order_and_cancelled(admin_client, event):
    response = admin_client.get(url("event_participants", event))

    assert response.status_code == 200
    groups = {status: [r.name for r in regs] for status, _, regs in response.context["groups"]}
    assert groups == {
        CONFIRMED: ["Kari Nordmann", "Ola Hansen"],
        WAITING: ["Per Venter", "Anne Venter"],
        CANCELLED: ["Siri Avmeldt"],
    }
    page = response.content.decode()
    assert "Vegetar" in page and "Rullestol" in page and "kari@alfa.example.no" in page
    assert "0 of 2 confirmed participants are checked in." in page


def test_csv_export_has_every_registration_and_no_formula(admin_client, event):
    response = admin_client.get(url("event_participants_export", event, "csv"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="deltakere-klimafrokost.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:5] == ["Status", "Place on the waiting list", "Name", "E-mail", "Organisation"]
    assert [row[2] for row in rows[1:]] == [
        "Kari Nordmann",
        "Ola Hansen",
        "Per Venter",
        "Anne Venter",
        "Siri Avmeldt",
    ]
    assert [row[1] for row in rows[1:]] == ["", "", "1", "2", ""]
    assert rows[1][5] == "Vegetar" and rows[2][6] == "Rullestol"
    assert rows[2][4] == '\'=HYPERLINK("http://x")'


def test_xlsx_export_keeps_formula_like_text_as_text(admin_client, event):
    response = admin_client.get(url("event_participants_export", event, "xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Name"
    assert rows[2][2] == "Ola Hansen"
    cell = sheet.cell(row=3, column=5)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_unknown_export_format_is_not_found(admin_client, event):
    assert admin_client.get(url("event_participants_export", event, "pdf")).status_code == 404


def test_name_badges_pdf_has_a_badge_for_each_confirmed_participant(admin_client, event):
    for n in range(9):
        make_registration(event, name=f"Ekstra {n}", organisation_name="Zeta AS")

    response = admin_client.get(url("event_badges", event))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2  # 11 badges, 8 on a page
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Kari Nordmann" in text and "Alfa Klimaservice AS" in text
    assert "Klimafrokost" in text
    assert "Per Venter" not in text and "Siri Avmeldt" not in text


def test_check_in_and_undo_keep_the_search_and_update_the_counts(admin_client, event):
    kari = Registration.objects.get(name="Kari Nordmann")
    check_in = url("event_check_in", event)

    page = admin_client.get(check_in, {"q": "alfa"})
    assert [r.name for r in page.context["registrations"]] == ["Kari Nordmann"]
    assert "0 of 2 checked in" in page.content.decode()

    response = admin_client.post(
        check_in, {"registration": kari.pk, "action": "check_in", "q": "alfa"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{check_in}?q=alfa#registration-{kari.pk}"
    kari.refresh_from_db()
    assert kari.checked_in_at is not None
    assert "1 of 2 checked in" in admin_client.get(check_in).content.decode()
    assert AuditEntry.objects.filter(action="registration.checked_in").count() == 1

    admin_client.post(check_in, {"registration": kari.pk, "action": "undo"})
    kari.refresh_from_db()
    assert kari.checked_in_at is None
    assert AuditEntry.objects.filter(action="registration.check_in_undone").count() == 1


def test_someone_on_the_waiting_list_cannot_be_checked_in(admin_client, event):
    per = Registration.objects.get(name="Per Venter")

    admin_client.post(url("event_check_in", event), {"registration": per.pk, "action": "check_in"})

    per.refresh_from_db()
    assert per.checked_in_at is None


def test_a_registration_of_another_event_cannot_be_checked_in_here(admin_client, event):
    other = make_registration(make_event())

    response = admin_client.post(
        url("event_check_in", event), {"registration": other.pk, "action": "check_in"}
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.checked_in_at is None


def test_message_is_confirmed_with_the_count_then_sent_one_email_each(admin_client, event):
    message = url("event_message", event)
    data = {"subject": "Endret rom", "text": "Vi er i sal 2.", "include_waiting": ""}

    preview = admin_client.post(message, data)
    assert preview.status_code == 200
    assert preview.context["count"] == 2
    assert "will be e-mailed to 2 participants" in preview.content.decode()
    assert mail.outbox == []

    sent = admin_client.post(message, {**data, "confirm": "1"})

    assert sent.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["kari@alfa.example.no", "ola@beta.example.no"]
    assert all(len(m.to) == 1 and m.subject == "Endret rom" for m in mail.outbox)
    assert "Vi er i sal 2." in mail.outbox[0].body
    assert mail.outbox[0].reply_to == ["sekretariat@fylke.example.no"]
    entry = AuditEntry.objects.get(action="event.message_sent")
    assert entry.data["recipients"] == 2 and entry.object_id == str(event.pk)


def test_message_can_also_go_to_the_waiting_list(admin_client, event):
    data = {"subject": "Info", "text": "Hei", "include_waiting": "on", "confirm": "1"}

    admin_client.post(url("event_message", event), data)

    assert len(mail.outbox) == 4
    assert "siri@example.no" not in [m.to[0] for m in mail.outbox]


def test_message_without_subject_is_refused_and_nothing_is_sent(admin_client, event):
    response = admin_client.post(
        url("event_message", event), {"subject": "", "text": "Hei", "confirm": "1"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["subject"]
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["alice", "editor", "anonymous"])
def test_nobody_but_the_secretariat_reaches_participants_check_in_badges_or_messages(
    request, client, event, persona
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    kari = Registration.objects.get(name="Kari Nordmann")

    for address in (
        url("event_participants", event),
        url("event_participants_export", event, "csv"),
        url("event_participants_export", event, "xlsx"),
        url("event_badges", event),
        url("event_check_in", event),
        url("event_message", event),
        reverse("events_attendance"),
    ):
        response = client.get(address)
        assert response.status_code in (302, 403), address
        assert b"Kari Nordmann" not in response.content
    posts = [
        (url("event_check_in", event), {"registration": kari.pk, "action": "check_in"}),
        (url("event_message", event), {"subject": "S", "text": "T", "confirm": "1"}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code in (302, 403), address
    kari.refresh_from_db()
    assert kari.checked_in_at is None
    assert mail.outbox == []
