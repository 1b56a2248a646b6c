"""Importing the municipal emission statistics: all or nothing, replacing the years it holds,
audited; by command and by the secretariat's upload page."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from klimanett.core.models import AuditEntry
from klimanett.municipalities.models import Municipality
from klimanett.region.models import EmissionImport, MunicipalEmission
from klimanett.region.services import ImportRefused, describe_refusal, import_statistics

SAMPLE = Path(__file__).parent / "data" / "utslipp_kommuner_2022_2023.csv"
HEADER = "Kommunenummer;Kommunenavn;År;Sektor;Undersektor;Utslipp (tonn CO2-ekvivalenter)\n"
UPLOAD = reverse("emission_import")

pytestmark = pytest.mark.django_db


def named(content: bytes, name: str = "utslipp.csv") -> BytesIO:
    file = BytesIO(content)
    file.name = name
    return file


def csv_file(*lines: str, name: str = "utslipp.csv") -> BytesIO:
    return named((HEADER + "\n".join(lines) + "\n").encode("utf-8"), name)


def test_the_sample_file_is_imported_and_recorded(sekretariat):
    record = import_statistics(
        file=named(SAMPLE.read_bytes(), "utslipp_kommuner.csv"), by=sekretariat
    )
    assert record.rows_imported == 11
    assert record.years == [2022, 2023]
    assert record.municipalities == ["3905", "4036"]
    assert record.suppressed_lines == 3
    assert record.imported_by == sekretariat
    assert MunicipalEmission.objects.count() == 11
    row = MunicipalEmission.objects.get(
        municipality__number="3905", year=2022, sector="Veitrafikk", subsector="Personbiler"
    )
    assert row.t_co2e == Decimal("61234.5")
    entry = AuditEntry.objects.get(action="emissions.imported")
    assert entry.actor == sekretariat
    assert entry.data["rows_imported"] == 11


def test_reimporting_replaces_the_years_of_the_file_without_duplicates(sekretariat):
    import_statistics(file=named(SAMPLE.read_bytes()), by=sekretariat)
    skien = Municipality.objects.get(number="4003")
    MunicipalEmission.objects.create(municipality=skien, year=2022, sector="Jordbruk", t_co2e=5)
    tonsberg = Municipality.objects.get(number="3905")
    MunicipalEmission.objects.create(municipality=tonsberg, year=2021, sector="Jordbruk", t_co2e=9)

    record = import_statistics(
        file=csv_file("3905;Tønsberg;2022;Veitrafikk;Personbiler;60 000"), by=sekretariat
    )

    assert record.rows_replaced == 3  # Tønsberg's three rows of 2022
    tonsberg_2022 = MunicipalEmission.objects.filter(municipality=tonsberg, year=2022)
    assert [(r.sector, r.t_co2e) for r in tonsberg_2022] == [("Veitrafikk", Decimal("60000"))]
    # other years and other municipalities are left as they were
    assert MunicipalEmission.objects.filter(municipality=tonsberg, year=2023).count() == 3
    assert MunicipalEmission.objects.filter(municipality=tonsberg, year=2021).count() == 1
    assert MunicipalEmission.objects.filter(municipality=skien).count() == 1
    assert MunicipalEmission.objects.filter(municipality__number="4036").count() == 5


def test_importing_the_same_file_twice_gives_the_same_rows(sekretariat):
    import_statistics(file=named(SAMPLE.read_bytes()), by=sekretariat)
    import_statistics(file=named(SAMPLE.read_bytes()), by=sekretariat)
    assert MunicipalEmission.objects.count() == 11
    assert EmissionImport.objects.count() == 2


def test_the_numbers_of_2020_to_2023_are_read_as_the_same_municipalities(sekretariat):
    import_statistics(file=csv_file("3803;Tønsberg;2020;Jordbruk;;1 000,5"), by=sekretariat)
    assert MunicipalEmission.objects.get().municipality.number == "3905"


def test_an_unknown_municipality_imports_nothing_and_names_the_line(sekretariat, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ImportRefused) as refused:
        import_statistics(
            file=csv_file(
                "3905;Tønsberg;2022;Jordbruk;;10",
                "0301;Oslo;2022;Jordbruk;;20",
            ),
            by=sekretariat,
        )
    assert MunicipalEmission.objects.count() == 0
    assert [describe_refusal(r) for r in refused.value.refusals] == [
        "Line 3, column “Kommunenummer”: no municipality in the county has the number “0301”."
    ]
    record = refused.value.record
    assert record.rows_imported == 0 and not record.accepted
    assert AuditEntry.objects.filter(action="emissions.import_refused").count() == 1


def test_a_refused_file_leaves_the_earlier_import_as_it_was(sekretariat):
    import_statistics(file=named(SAMPLE.read_bytes()), by=sekretariat)
    with pytest.raises(ImportRefused):
        import_statistics(
            file=csv_file("3905;Tønsberg;2022;Jordbruk;;10", "3905;Tønsberg;2023;Jordbruk;;mye"),
            by=sekretariat,
        )
    assert MunicipalEmission.objects.count() == 11


def test_text_in_a_number_cell_and_a_missing_column_are_reported_in_english(settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ImportRefused) as refused:
        import_statistics(file=csv_file("3905;Tønsberg;2022;Jordbruk;;omtrent 10"), by=None)
    assert [describe_refusal(r) for r in refused.value.refusals] == [
        "Line 2, column “Utslipp (tonn CO2-ekvivalenter)”: “omtrent 10” is not a number."
    ]
    with pytest.raises(ImportRefused) as refused:
        import_statistics(file=named(b"Kommunenummer;Sektor;Utslipp\n3905;Jordbruk;1\n"), by=None)
    assert [describe_refusal(r) for r in refused.value.refusals] == [
        "The file has no column for year (År) (looked for in line 1)."
    ]
    assert MunicipalEmission.objects.count() == 0


def test_the_command_imports_a_file_and_prints_the_report():
    out = StringIO()
    call_command("import_emissions", str(SAMPLE), stdout=out)
    assert "11 rows imported for 2 municipalities, years 2022, 2023" in out.getvalue()
    assert MunicipalEmission.objects.count() == 11


def test_the_command_lists_the_refused_lines_and_fails(tmp_path):
    path = tmp_path / "utslipp.csv"
    path.write_text(HEADER + "9999;Ukjent;2022;Jordbruk;;1\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_emissions", str(path), stderr=err)
    assert "9999" in err.getvalue()
    assert MunicipalEmission.objects.count() == 0


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload(content: bytes, name: str = "utslipp.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_secretariat_imports_the_statistics_on_the_upload_page(admin_client):
    assert admin_client.get(UPLOAD).status_code == 200
    response = admin_client.post(UPLOAD, {"file": upload(SAMPLE.read_bytes())}, follow=True)
    assert response.status_code == 200
    assert "11 rows for 2 municipalities" in response.content.decode()
    assert MunicipalEmission.objects.count() == 11


def test_the_upload_page_shows_the_refused_lines_and_imports_nothing(admin_client):
    content = (HEADER + "3905;Tønsberg;2022;Jordbruk;;ti\n").encode("utf-8")
    response = admin_client.post(UPLOAD, {"file": upload(content)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported from utslipp.csv" in page
    assert "Line 2, column “Utslipp (tonn CO2-ekvivalenter)”: “ti” is not a number." in page
    assert MunicipalEmission.objects.count() == 0


def test_the_upload_page_refuses_a_file_that_is_not_csv(admin_client):
    response = admin_client.post(UPLOAD, {"file": upload(b"PK\x03\x04", "utslipp.xlsx")})
    assert "Choose a CSV file (.csv)." in response.content.decode()
    assert EmissionImport.objects.count() == 0


def test_the_upload_page_refuses_a_file_over_20_mb(admin_client, monkeypatch):
    monkeypatch.setattr("klimanett.region.forms.MAX_UPLOAD_BYTES", 100)
    response = admin_client.post(UPLOAD, {"file": upload(SAMPLE.read_bytes())})
    assert "The file is larger than 20 MB." in response.content.decode()
    assert EmissionImport.objects.count() == 0


def test_only_the_secretariat_reaches_the_upload_page(verified_client, alice):
    client = verified_client(alice)
    assert client.get(UPLOAD).status_code in (302, 403)
    assert client.post(UPLOAD, {"file": upload(SAMPLE.read_bytes())}).status_code in (302, 403)
    assert MunicipalEmission.objects.count() == 0


def test_anonymous_visitors_are_sent_to_the_login(client):
    assert client.get(UPLOAD).status_code == 302
