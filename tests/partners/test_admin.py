"""The secretariat's back office for partners in the Wagtail admin."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from klimanett.core import roles
from klimanett.core.models import AuditEntry, User
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import (
    Certification,
    Commitment,
    CommitmentStatus,
    Membership,
    Organisation,
)
from tests.builders import PASSWORD, make_contact, make_membership, make_organisation, make_user

ORGANISATIONS = reverse("organisations:index")


def organisation_form_data(organisation: Organisation, **changes: Any) -> dict[str, Any]:
    """What the admin edit form posts for the organisation as it is, with some changes."""
    data = {
        "name": organisation.name,
        "org_number": organisation.org_number,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "sector": organisation.sector,
        "municipality": organisation.municipality_id,
        "employees": organisation.employees or "",
        "website": organisation.website,
        "description": organisation.description,
    }
    if organisation.public_profile:
        data["public_profile"] = "on"
    data.update(changes)
    return data


def listed_names(response) -> set[str]:
    names = set(Organisation.objects.values_list("name", flat=True))
    page = response.content.decode()
    return {name for name in names if name in page}


def in_admin_language(label: Any) -> str:
    """A label as the admin shows it (the secretariat has no language preference: bokmål)."""
    with translation.override("nb"):
        return str(label)


@pytest.fixture
def admin_client(verified_client, sekretariat):
    return verified_client(sekretariat)


# --- Listing, search and filters --------------------------------------------------------------


def test_secretariat_lists_every_organisation_with_its_membership_status(
    admin_client, organisation_a, organisation_b
):
    make_organisation(name="Gamma Gartneri AS")  # registered, no membership yet

    response = admin_client.get(ORGANISATIONS)

    assert response.status_code == 200
    assert listed_names(response) == {"Alfa Klimaservice AS", "Beta Energi AS", "Gamma Gartneri AS"}
    page = response.content.decode()
    assert organisation_a.org_number in page
    assert in_admin_language(Membership.Status.ACTIVE.label) in page


@pytest.mark.parametrize(
    "viewset",
    [
        "organisations",
        "memberships",
        "contacts",
        "commitments",
        "commitment_statuses",
        "certifications",
    ],
)
def test_secretariat_opens_every_partner_listing_and_its_add_form(
    admin_client, alice, charlie, viewset
):
    assert admin_client.get(reverse(f"{viewset}:index")).status_code == 200
    assert admin_client.get(reverse(f"{viewset}:add")).status_code == 200


def test_secretariat_opens_the_edit_form_of_an_organisation(admin_client, organisation_a):
    response = admin_client.get(reverse("organisations:edit", args=[organisation_a.pk]))

    assert response.status_code == 200
    assert organisation_a.org_number in response.content.decode()


def test_secretariat_finds_an_organisation_by_name(admin_client, organisation_a, organisation_b):
    response = admin_client.get(ORGANISATIONS, {"q": "klimaservice"})

    assert listed_names(response) == {organisation_a.name}


def test_secretariat_finds_an_organisation_by_number_with_or_without_spaces(
    admin_client, organisation_a, organisation_b
):
    number = organisation_b.org_number
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"

    assert listed_names(admin_client.get(ORGANISATIONS, {"q": number})) == {organisation_b.name}
    assert listed_names(admin_client.get(ORGANISATIONS, {"q": spaced})) == {organisation_b.name}


def test_secretariat_filters_organisations_by_municipality(admin_client, organisation_a):
    elsewhere = Municipality.objects.exclude(pk=organisation_a.municipality_id).first()
    other = make_organisation(name="Annenstad Bygg AS", municipality=elsewhere)

    response = admin_client.get(ORGANISATIONS, {"municipality": elsewhere.pk})

    assert listed_names(response) == {other.name}


def test_secretariat_filters_organisations_by_membership_status(admin_client, organisation_a):
    ended = make_organisation(name="Sluttet Sag AS")
    make_membership(ended, status=Membership.Status.ENDED, ended_on=datetime.date(2024, 12, 31))
    rejoined = make_organisation(name="Tilbake Transport AS")
    make_membership(
        rejoined, status=Membership.Status.ENDED, agreement_date=datetime.date(2019, 1, 1)
    )
    make_membership(rejoined, status=Membership.Status.PROSPECT, agreement_date=None)
    make_organisation(name="Uten Avtale AS")

    def filtered(status: str) -> set[str]:
        return listed_names(admin_client.get(ORGANISATIONS, {"membership_status": status}))

    assert filtered("active") == {organisation_a.name}
    assert filtered("ended") == {"Sluttet Sag AS"}
    assert filtered("prospect") == {"Tilbake Transport AS"}
    assert filtered("none") == {"Uten Avtale AS"}


def test_secretariat_filters_organisations_by_membership_type(admin_client, organisation_a):
    collaborator = make_organisation(name="Samarbeid Forskning AS")
    make_membership(collaborator, type=Membership.Type.COLLABORATOR)

    response = admin_client.get(ORGANISATIONS, {"membership_type": "collaborator"})

    assert listed_names(response) == {collaborator.name}


# --- Export -----------------------------------------------------------------------------------


EXPECTED_HEADER = [
    "Name",
    "Organisation number",
    "Kind",
    "Sector (NACE section)",
    "Municipality",
    "Employees",
    "Web site",
    "Membership type",
    "Membership status",
    "Agreement signed",
    "Fee category",
    "Fee paid this year",
    "Main contact",
    "Main contact's e-mail address",
]


@pytest.fixture
def exported_partners(organisation_a, organisation_b, alice, bob, charlie):
    Membership.objects.filter(organisation=organisation_a).update(
        fee_paid_through=timezone.localdate().year
    )
    ended = make_organisation(name="Sluttet Sag AS")
    make_membership(ended, status=Membership.Status.ENDED, ended_on=datetime.date(2024, 12, 31))
    return {"a": organisation_a, "b": organisation_b, "ended": ended}


def test_partner_list_exports_to_csv_with_membership_and_main_contact(
    admin_client, sekretariat, exported_partners
):
    # In English, so that the test does not depend on the state of the catalogues; chosen as
    # the admin language, which must also hold while the CSV streams after the view returned.
    UserProfile.objects.update_or_create(user=sekretariat, defaults={"preferred_language": "en"})
    response = admin_client.get(ORGANISATIONS, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="partnere.csv"'
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # byte-order mark: Excel reads æ, ø, å right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == EXPECTED_HEADER
    by_number = {row[1]: row for row in rows[1:]}
    assert len(by_number) == 3
    alfa = by_number[exported_partners["a"].org_number]
    assert alfa[0] == "Alfa Klimaservice AS"
    assert alfa[7:12] == ["Partner", "Active", "2022-03-01", "10–49 employees", "Yes"]
    assert alfa[12:] == ["Alice Alfa", "alice@alfa.example.no"]
    beta = by_number[exported_partners["b"].org_number]
    assert beta[11:] == ["No", "", ""]  # fee not paid, no main contact
    assert by_number[exported_partners["ended"].org_number][8] == "Ended"


def test_partner_list_exports_to_xlsx_with_the_filtered_organisations(
    admin_client, exported_partners
):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = admin_client.get(ORGANISATIONS, {"export": "xlsx", "membership_status": "active"})

    assert response.status_code == 200
    assert 'filename="partnere.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPECTED_HEADER
    numbers = {row[1]: row for row in rows[1:]}
    assert set(numbers) == {exported_partners["a"].org_number, exported_partners["b"].org_number}
    alfa = numbers[exported_partners["a"].org_number]
    assert alfa[0] == "Alfa Klimaservice AS"
    assert alfa[7:9] == ("Partner", "Active")
    assert alfa[9] == datetime.date(2022, 3, 1)
    assert alfa[13] == "alice@alfa.example.no"


def _organisations_with_members(count: int) -> None:
    for n in range(count):
        organisation = make_organisation(name=f"Bedrift {n:02d} AS")
        make_membership(organisation)
        make_contact(make_user(), organisation, is_primary=True)


def _queries_for(client, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ORGANISATIONS, params)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"export": "csv"}, {"export": "xlsx"}, {"membership_status": "active", "q": "Bedrift"}],
    ids=["listing", "csv", "xlsx", "filtered-listing"],
)
def test_number_of_queries_does_not_grow_with_the_number_of_organisations(admin_client, params):
    _organisations_with_members(3)
    _queries_for(admin_client, params)  # warm caches (content types, site root)
    with_three = _queries_for(admin_client, params)

    _organisations_with_members(7)
    with_ten = _queries_for(admin_client, params)

    assert Organisation.objects.count() == 10
    assert with_ten == with_three


# --- Editing, with the audit log --------------------------------------------------------------


def test_secretariat_edits_an_organisation_and_the_change_is_audited(
    admin_client, sekretariat, organisation_a
):
    url = reverse("organisations:edit", args=[organisation_a.pk])
    data = organisation_form_data(organisation_a, name="Alfa Klima AS", employees=40)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    organisation_a.refresh_from_db()
    assert organisation_a.name == "Alfa Klima AS"
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.actor == sekretariat
    assert entry.object_id == str(organisation_a.pk)
    assert entry.data == {"changed": {"name": "Alfa Klima AS", "employees": "40"}}


def test_an_edit_is_undone_when_its_audit_entry_cannot_be_written(
    admin_client, organisation_a, monkeypatch
):
    def broken_record(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("klimanett.core.audit.record", broken_record)
    url = reverse("organisations:edit", args=[organisation_a.pk])

    with pytest.raises(RuntimeError):
        admin_client.post(url, organisation_form_data(organisation_a, name="Ulogget AS"))

    organisation_a.refresh_from_db()
    assert organisation_a.name == "Alfa Klimaservice AS"


def test_no_deletion_is_logged_when_the_deletion_fails(admin_client, organisation_a, monkeypatch):
    certification = Certification.objects.create(
        organisation=organisation_a, scheme="iso14001", valid_until=datetime.date(2027, 1, 1)
    )

    def broken_delete(self: Certification, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(Certification, "delete", broken_delete)

    with pytest.raises(RuntimeError):
        admin_client.post(reverse("certifications:delete", args=[certification.pk]))

    assert Certification.objects.filter(pk=certification.pk).exists()
    assert not AuditEntry.objects.filter(action="certification.deleted").exists()


def test_invalid_organisation_number_is_rejected_and_nothing_is_saved(admin_client, organisation_a):
    url = reverse("organisations:edit", args=[organisation_a.pk])
    before = organisation_a.org_number
    data = organisation_form_data(organisation_a, name="Nytt Navn AS", org_number="923609017")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "org_number" in response.context["form"].errors
    organisation_a.refresh_from_db()
    assert (organisation_a.name, organisation_a.org_number) == ("Alfa Klimaservice AS", before)
    assert not AuditEntry.objects.exists()


def test_secretariat_registers_an_organisation_and_the_creation_is_audited(
    admin_client, organisation_a
):
    new = Organisation(
        name="Delta Drift AS",
        org_number="923609016",
        kind="company",
        sector="D",
        municipality=organisation_a.municipality,
        employees=12,
    )

    response = admin_client.post(reverse("organisations:add"), organisation_form_data(new))

    assert response.status_code == 302, response.context["form"].errors
    created = Organisation.objects.get(org_number="923609016")
    entry = AuditEntry.objects.get(action="organisation.created")
    assert entry.object_id == str(created.pk)
    assert entry.data["changed"]["name"] == "Delta Drift AS"


def test_organisation_number_written_with_spaces_is_stored_as_nine_digits(
    admin_client, organisation_a
):
    url = reverse("organisations:edit", args=[organisation_a.pk])

    response = admin_client.post(
        url, organisation_form_data(organisation_a, org_number="923 609 016")
    )

    assert response.status_code == 302, response.context["form"].errors
    organisation_a.refresh_from_db()
    assert organisation_a.org_number == "923609016"


def test_organisation_number_of_another_organisation_is_rejected(
    admin_client, organisation_a, organisation_b
):
    url = reverse("organisations:edit", args=[organisation_a.pk])
    data = organisation_form_data(organisation_a, org_number=organisation_b.org_number)

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "org_number" in response.context["form"].errors
    assert Organisation.objects.filter(org_number=organisation_b.org_number).count() == 1


def test_secretariat_records_a_membership_and_the_creation_is_audited(admin_client):
    organisation = make_organisation(name="Ny Medlem AS")

    response = admin_client.post(
        reverse("memberships:add"),
        {
            "organisation": organisation.pk,
            "type": "partner",
            "status": "active",
            "agreement_date": "2025-05-02",
            "signatory_name": "Kari Leder",
            "signatory_title": "Daglig leder",
            "fee_category": "1-9",
            "fee_paid_through": "2025",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    membership = Membership.objects.get(organisation=organisation)
    entry = AuditEntry.objects.get(action="membership.created")
    assert entry.object_id == str(membership.pk)
    assert entry.data["changed"]["status"] == "active"


def test_an_active_membership_without_agreement_date_is_rejected(admin_client):
    organisation = make_organisation()

    response = admin_client.post(
        reverse("memberships:add"),
        {
            "organisation": organisation.pk,
            "type": "partner",
            "status": "active",
            "fee_category": "1-9",
        },
    )

    assert response.status_code == 200
    assert not Membership.objects.filter(organisation=organisation).exists()
    assert not AuditEntry.objects.exists()


def test_secretariat_deletes_a_certification_and_the_deletion_is_audited(
    admin_client, sekretariat, organisation_a
):
    certification = Certification.objects.create(
        organisation=organisation_a, scheme="miljofyrtarn", valid_until=datetime.date(2027, 6, 30)
    )
    pk = certification.pk

    response = admin_client.post(reverse("certifications:delete", args=[pk]))

    assert response.status_code == 302
    assert not Certification.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="certification.deleted")
    assert (entry.object_id, entry.actor) == (str(pk), sekretariat)
    assert entry.data["deleted"]["valid_until"] == "2027-06-30"


def test_a_commitment_in_use_is_not_deleted_and_the_secretariat_is_told_why(
    admin_client, organisation_a
):
    commitment = Commitment.objects.create(
        code="mal", title_nb="Sett mål", title_nn="Set mål", title_en="Set targets"
    )
    CommitmentStatus.objects.create(organisation=organisation_a, commitment=commitment, year=2025)

    response = admin_client.post(reverse("commitments:delete", args=[commitment.pk]), follow=True)

    assert response.status_code == 200
    assert Commitment.objects.filter(pk=commitment.pk).exists()
    assert not AuditEntry.objects.filter(action="commitment.deleted").exists()
    messages = [str(message) for message in response.context["messages"]]
    assert any("Alfa Klimaservice AS" in message for message in messages)


def test_secretariat_edits_a_commitment_in_all_three_languages(admin_client):
    commitment = Commitment.objects.create(
        code="klimaregnskap",
        title_nb="Lag klimaregnskap",
        title_nn="Lag klimarekneskap",
        title_en="Make a climate account",
    )

    response = admin_client.post(
        reverse("commitments:edit", args=[commitment.pk]),
        {
            "code": "klimaregnskap",
            "order": "1",
            "is_active": "on",
            "title_nb": "Lag klimaregnskap hvert år",
            "guidance_nb": "Bruk malen.",
            "title_nn": "Lag klimarekneskap kvart år",
            "guidance_nn": "Bruk malen.",
            "title_en": "Make a climate account every year",
            "guidance_en": "Use the template.",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    commitment.refresh_from_db()
    assert commitment.title_nn == "Lag klimarekneskap kvart år"
    assert commitment.guidance_en == "Use the template."
    assert AuditEntry.objects.filter(action="commitment.updated").count() == 1


def test_secretariat_filters_commitment_statuses_by_year_and_status(
    admin_client, sekretariat, organisation_a, organisation_b
):
    commitment = Commitment.objects.create(
        code="mal", title_nb="Sett mål", title_nn="Set mål", title_en="Set targets"
    )
    CommitmentStatus.objects.create(
        organisation=organisation_a, commitment=commitment, year=2024, status="done"
    )
    CommitmentStatus.objects.create(
        organisation=organisation_b, commitment=commitment, year=2025, status="done"
    )
    CommitmentStatus.objects.create(
        organisation=organisation_a, commitment=commitment, year=2025, status="in_progress"
    )
    url = reverse("commitment_statuses:index")

    response = admin_client.get(url, {"year": "2025", "status": "done"})

    assert response.status_code == 200
    assert [(s.organisation, s.year) for s in response.context["object_list"]] == [
        (organisation_b, 2025)
    ]


def test_commitment_status_saved_in_the_admin_records_who_updated_it(
    admin_client, sekretariat, organisation_a
):
    commitment = Commitment.objects.create(
        code="mal", title_nb="Sett mål", title_nn="Set mål", title_en="Set targets"
    )

    response = admin_client.post(
        reverse("commitment_statuses:add"),
        {
            "organisation": organisation_a.pk,
            "commitment": commitment.pk,
            "year": "2025",
            "status": "done",
            "evidence": "Klimaregnskap levert.",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    assert CommitmentStatus.objects.get().updated_by == sekretariat
    assert AuditEntry.objects.filter(action="commitment_status.created").count() == 1


def test_secretariat_searches_memberships_and_contacts(admin_client, alice, charlie):
    memberships = admin_client.get(reverse("memberships:index"), {"q": "Beta"})
    contacts = admin_client.get(reverse("contacts:index"), {"q": "alice@alfa"})

    assert [m.organisation.name for m in memberships.context["object_list"]] == ["Beta Energi AS"]
    assert [c.user for c in contacts.context["object_list"]] == [alice]


# --- Access -------------------------------------------------------------------------------------


def _is_refused(response, client) -> bool:
    """403, or a redirect to the log-in page, which then refuses a logged-in user with 403."""
    if response.status_code == 403:
        return True
    if response.status_code != 302 or not response["Location"].startswith(reverse("core:login")):
        return False
    login_page = client.get(response["Location"])
    return login_page.status_code == (403 if response.wsgi_request.user.is_authenticated else 200)


def test_partner_contact_cannot_reach_the_admin_or_the_partner_listing(client, alice):
    client.force_login(alice)

    assert _is_refused(client.get("/admin/"), client)
    assert _is_refused(client.get(ORGANISATIONS), client)
    assert _is_refused(client.get(ORGANISATIONS, {"export": "csv"}), client)


def test_anonymous_visitor_cannot_export_the_partner_list(client, organisation_a):
    assert _is_refused(client.get(ORGANISATIONS, {"export": "xlsx"}), client)


def test_partner_contact_posting_to_an_admin_edit_url_changes_nothing(
    client, alice, organisation_a, organisation_b
):
    client.force_login(alice)

    for organisation in (organisation_a, organisation_b):
        response = client.post(
            reverse("organisations:edit", args=[organisation.pk]),
            organisation_form_data(organisation, name="Kapret AS"),
        )
        assert _is_refused(response, client)
    response = client.post(reverse("organisations:delete", args=[organisation_b.pk]))
    assert _is_refused(response, client)

    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Alfa Klimaservice AS",
        "Beta Energi AS",
    }
    assert not AuditEntry.objects.exists()


def test_secretariat_finds_the_partners_menu_and_the_audit_log_in_the_admin(admin_client):
    page = admin_client.get("/admin/").content.decode()

    assert ORGANISATIONS in page
    assert reverse("audit_log:index") in page


def test_editor_of_public_pages_does_not_reach_the_partner_registry(client, organisation_a):
    roles.ensure_role_groups()
    editor = make_user(email="redaktor@fylke.example.no")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200
    assert ORGANISATIONS not in client.get("/admin/").content.decode()
    response = client.get(ORGANISATIONS, {"export": "csv"})
    assert response.status_code == 302
    assert not response.streaming


def test_secretariat_without_the_second_factor_is_sent_to_the_totp_page(client, sekretariat):
    client.force_login(sekretariat)

    response = client.get(ORGANISATIONS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two_factor"))


# --- Users --------------------------------------------------------------------------------------


def test_secretariat_creates_a_user_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "nina@gamma.example.no",
            "first_name": "Nina",
            "last_name": "Gamma",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="nina@gamma.example.no")
    assert user.get_full_name() == "Nina Gamma"
    assert user.check_password(PASSWORD)
    assert not user.is_superuser


def test_secretariat_cannot_register_a_second_user_with_the_same_email_in_other_case(
    admin_client, alice
):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "Alice@Alfa.example.no",
            "first_name": "Alice",
            "last_name": "Kopi",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.filter(email__iexact="alice@alfa.example.no").count() == 1


def test_secretariat_cannot_create_an_administrator(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "snik@example.no",
            "first_name": "Snik",
            "last_name": "Sniksen",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "is_superuser": "on",
        },
    )

    assert response.status_code in (302, 403)
    assert not User.objects.filter(email="snik@example.no").exists()


def test_secretariat_cannot_take_over_an_administrator_account(admin_client):
    administrator = make_user(email="admin@fylke.example.no", is_superuser=True, is_staff=True)
    url = reverse("wagtailusers_users:edit", args=[administrator.pk])

    response = admin_client.post(
        url,
        {
            "email": "sekretariat-eier@fylke.example.no",
            "first_name": "Overtatt",
            "last_name": "Konto",
            "password1": "nytt-passord-som-er-langt",
            "password2": "nytt-passord-som-er-langt",
            "is_active": "on",
            "is_superuser": "on",
        },
    )

    assert response.status_code in (302, 403)
    administrator.refresh_from_db()
    assert administrator.email == "admin@fylke.example.no"
    assert administrator.check_password(PASSWORD)


def test_secretariat_still_edits_an_ordinary_user(admin_client, alice):
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[alice.pk]),
        {
            "email": alice.email,
            "first_name": "Alice",
            "last_name": "Andersen",
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    alice.refresh_from_db()
    assert alice.last_name == "Andersen"


def test_a_partners_formula_in_its_name_is_exported_to_csv_as_plain_text(
    admin_client, client, alice, organisation_a
):
    Organisation.objects.filter(pk=organisation_a.pk).update(
        name='=HYPERLINK("https://evil.example/","Klikk")'
    )
    response = admin_client.get(ORGANISATIONS, {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    names = [row[0] for row in rows[1:]]
    assert names == ['\'=HYPERLINK("https://evil.example/","Klikk")']


@pytest.mark.parametrize("deactivate_superuser", [True, False])
def test_secretariat_bulk_deactivates_ordinary_users_but_never_an_administrator(
    admin_client, alice, deactivate_superuser
):
    administrator = make_user(email="admin@fylke.example.no", is_superuser=True, is_staff=True)
    target = administrator if deactivate_superuser else alice
    url = "/admin/bulk/core/user/set_active_state/"

    response = admin_client.post(f"{url}?id={target.pk}", {"mark_as_active": "False"})

    target.refresh_from_db()
    if deactivate_superuser:
        assert target.is_active, response.status_code
    else:
        assert response.status_code == 302
        assert not target.is_active


def test_the_contact_form_names_users_with_their_e_mail_address(admin_client, alice):
    page = admin_client.get(reverse("contacts:add")).content.decode()
    assert "Alice Alfa &lt;alice@alfa.example.no&gt;" in page
