import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from klimanett.core.models import AuditEntry
from klimanett.partners.models import CommitmentStatus, Organisation


def _form_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "sector": organisation.sector,
        "municipality": organisation.municipality_id,
        "employees": organisation.employees or "",
        "website": organisation.website,
        "description": organisation.description,
        "public_profile": "on" if organisation.public_profile else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _png(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format="PNG")
    return buffer.getvalue()


def test_contact_edits_own_organisation_and_the_change_is_audited(client, alice, organisation_a):
    client.force_login(alice)
    url = reverse("partners:organisation_edit", args=[organisation_a.pk])
    response = client.post(
        url, _form_data(organisation_a, description="Vi kutter utslipp.", employees=30)
    )
    assert response.status_code == 302
    organisation_a.refresh_from_db()
    assert organisation_a.description == "Vi kutter utslipp."
    assert organisation_a.employees == 30
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.actor == alice
    assert entry.data["changed"] == {"employees": "30", "description": "Vi kutter utslipp."}


def test_missing_name_is_refused_and_nothing_is_saved(client, alice, organisation_a):
    client.force_login(alice)
    url = reverse("partners:organisation_edit", args=[organisation_a.pk])
    response = client.post(url, _form_data(organisation_a, name="", description="Endret"))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    organisation_a.refresh_from_db()
    assert organisation_a.description != "Endret"
    assert not AuditEntry.objects.exists()


def test_logo_upload_is_saved(client, alice, organisation_a):
    client.force_login(alice)
    url = reverse("partners:organisation_edit", args=[organisation_a.pk])
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = client.post(url, {**_form_data(organisation_a), "logo": logo})
    assert response.status_code == 302
    organisation_a.refresh_from_db()
    assert organisation_a.logo.name.startswith("logos/")


@pytest.mark.parametrize(
    ("filename", "content", "expected_code"),
    [
        ("logo.png", b"not an image at all", "invalid_image"),
        ("logo.gif", None, "invalid_extension"),
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "invalid_image",
        ),
    ],
)
def test_wrong_type_of_logo_is_refused(
    client, alice, organisation_a, filename, content, expected_code
):
    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="GIF")
        content = buffer.getvalue()
    client.force_login(alice)
    url = reverse("partners:organisation_edit", args=[organisation_a.pk])
    upload = SimpleUploadedFile(filename, content)
    response = client.post(url, {**_form_data(organisation_a), "logo": upload})
    assert response.status_code == 200
    assert expected_code in [e.code for e in response.context["form"].errors.as_data()["logo"]]
    assert not Organisation.objects.get(pk=organisation_a.pk).logo


def test_png_with_a_gif_inside_is_refused(client, alice, organisation_a):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    client.force_login(alice)
    url = reverse("partners:organisation_edit", args=[organisation_a.pk])
    upload = SimpleUploadedFile("logo.png", buffer.getvalue())
    response = client.post(url, {**_form_data(organisation_a), "logo": upload})
    assert "wrong_type" in [e.code for e in response.context["form"].errors.as_data()["logo"]]


def test_oversized_logo_is_refused(client, alice, organisation_a, settings):
    settings.LOGO_MAX_BYTES = 1000
    client.force_login(alice)
    url = reverse("partners:organisation_edit", args=[organisation_a.pk])
    upload = SimpleUploadedFile(
        "logo.png", _png((400, 400)) + b"\0" * 2000, content_type="image/png"
    )
    response = client.post(url, {**_form_data(organisation_a), "logo": upload})
    assert response.status_code == 200
    assert "too_large" in [e.code for e in response.context["form"].errors.as_data()["logo"]]
    assert not Organisation.objects.get(pk=organisation_a.pk).logo


def test_contact_reports_the_years_commitments(client, alice, organisation_a):
    client.force_login(alice)
    year = datetime.date.today().year
    url = reverse("partners:commitments_edit", args=[organisation_a.pk, year])
    form = client.get(url).context["forms"]
    data = {f"{f.prefix}-status": "in_progress" for f in form}
    data["climate_account-status"] = "done"
    data["climate_account-evidence"] = "Klimaregnskap for 2025 levert."
    response = client.post(url, data)
    assert response.status_code == 302
    status = CommitmentStatus.objects.get(
        organisation=organisation_a, year=year, commitment__code="climate_account"
    )
    assert status.status == "done"
    assert status.evidence == "Klimaregnskap for 2025 levert."
    assert status.updated_by == alice
    assert CommitmentStatus.objects.filter(organisation=organisation_a, year=year).count() == len(
        form
    )
    assert AuditEntry.objects.filter(action="commitments.reported", actor=alice).count() == 1


def test_one_invalid_commitment_saves_none_of_them(client, alice, organisation_a):
    client.force_login(alice)
    year = datetime.date.today().year
    url = reverse("partners:commitments_edit", args=[organisation_a.pk, year])
    forms = client.get(url).context["forms"]
    data = {f"{f.prefix}-status": "done" for f in forms}
    data["certification-status"] = "finished-maybe"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not CommitmentStatus.objects.exists()


def test_future_years_cannot_be_reported(client, alice, organisation_a):
    client.force_login(alice)
    year = datetime.date.today().year + 1
    assert (
        client.get(reverse("partners:commitments_edit", args=[organisation_a.pk, year])).status_code
        == 404
    )


def test_contact_removes_the_logo(client, alice, organisation_a):
    client.force_login(alice)
    url = reverse("partners:organisation_edit", args=[organisation_a.pk])
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    client.post(url, {**_form_data(organisation_a), "logo": logo})
    organisation_a.refresh_from_db()
    page = client.get(url).content.decode()
    assert organisation_a.logo.name in page
    assert 'name="logo-clear"' in page

    client.post(url, {**_form_data(organisation_a), "logo-clear": "on"})

    organisation_a.refresh_from_db()
    assert not organisation_a.logo


def test_reporting_years_run_from_the_agreement_to_this_year(client, alice, organisation_a):
    client.force_login(alice)
    this_year = datetime.date.today().year
    detail = client.get(reverse("partners:organisation_detail", args=[organisation_a.pk]))
    assert detail.context["years"] == list(range(this_year, 2021, -1))  # agreement 1.3.2022
    old = reverse("partners:commitments_edit", args=[organisation_a.pk, 2021])
    assert client.get(old).status_code == 404


def test_an_earlier_years_report_is_shown_after_saving_it(client, alice, organisation_a):
    client.force_login(alice)
    url = reverse("partners:commitments_edit", args=[organisation_a.pk, 2023])
    forms = client.get(url).context["forms"]
    response = client.post(url, {f"{f.prefix}-status": "done" for f in forms})
    assert response["Location"].endswith("?year=2023")
    page = client.get(response["Location"])
    assert page.context["year"] == 2023
    assert all(status and status.status == "done" for _c, status in page.context["commitment_rows"])
