"""Importing activity lines from CSV or XLSX: a dry run lists every refused row and field, and
only the accepted rows are saved when the partner confirms."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.core.models import AuditEntry

CSV_WITH_TWO_BAD_ROWS = (
    b"activity;quantity;unit;note\n"
    b"diesel;1 000;l;Tank card\n"
    b"unobtainium;5;l;\n"
    b"electricity;10,5;MWh;Meter\n"
    b"diesel;-3;km;\n"
)


@pytest.fixture
def account_of_a(organisation_a):
    return ClimateAccount.objects.create(organisation=organisation_a, year=2023)


def _url(account):
    return reverse("accounting:account_import", args=[account.pk])


def _upload(client, account, name, content, **extra):
    return client.post(_url(account), {"file": SimpleUploadedFile(name, content), **extra})


def _confirm_data(preview, **extra):
    data = {"confirm": "1", "rows": str(len(preview.accepted)), **extra}
    for i, row in enumerate(preview.accepted):
        data |= {
            f"row-{i}-number": str(row.row_number),
            f"row-{i}-activity": row.activity,
            f"row-{i}-quantity": row.quantity_text,
            f"row-{i}-unit": row.unit,
            f"row-{i}-note": row.note,
        }
    return data


def test_dry_run_lists_every_refused_row_and_field_and_saves_nothing(client, alice, account_of_a):
    client.force_login(alice)
    response = _upload(client, account_of_a, "lines.csv", CSV_WITH_TWO_BAD_ROWS)

    assert response.status_code == 200
    preview = response.context["preview"]
    assert [row.row_number for row in preview.accepted] == [2, 4]
    refused = {row.row_number: set(row.errors) for row in preview.refused}
    assert refused == {3: {"activity"}, 5: {"quantity", "unit"}}
    text = response.content.decode()
    assert "unobtainium" in text
    assert not account_of_a.lines.exists()
    assert not AuditEntry.objects.filter(action="climate_account.imported").exists()


def test_confirming_imports_the_accepted_rows_audited(client, alice, account_of_a):
    AccountLine.objects.create(account=account_of_a, activity="diesel", quantity=1, unit="l")
    client.force_login(alice)
    preview = _upload(client, account_of_a, "lines.csv", CSV_WITH_TWO_BAD_ROWS).context["preview"]

    response = client.post(_url(account_of_a), _confirm_data(preview, replace="on"))

    assert response["Location"] == account_of_a.get_absolute_url()
    lines = sorted(account_of_a.lines.values_list("activity", "quantity", "unit", "note"))
    assert lines == [
        ("diesel", Decimal("1000"), "l", "Tank card"),
        ("electricity", Decimal("10.5"), "MWh", "Meter"),
    ]
    entry = AuditEntry.objects.get(action="climate_account.imported", actor=alice)
    assert entry.data["imported_lines"] == 2
    assert entry.data["replaced_lines"] == 1


def test_confirming_checks_the_rows_again(client, alice, account_of_a):
    client.force_login(alice)
    data = {
        "confirm": "1",
        "rows": "1",
        "row-0-activity": "unobtainium",
        "row-0-quantity": "1",
        "row-0-unit": "l",
    }
    response = client.post(_url(account_of_a), data)
    assert response.status_code == 200
    assert not account_of_a.lines.exists()


def test_an_xlsx_file_imports(client, alice, account_of_a):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["activity", "quantity", "unit", "note"])
    sheet.append(["diesel", 250.5, "l", "Van"])
    sheet.append(["electricity", 12, "MWh", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(alice)

    preview = _upload(client, account_of_a, "lines.xlsx", buffer.getvalue()).context["preview"]
    assert not preview.refused
    client.post(_url(account_of_a), _confirm_data(preview))

    lines = sorted(account_of_a.lines.values_list("activity", "quantity", "unit"))
    assert lines == [("diesel", Decimal("250.5"), "l"), ("electricity", Decimal("12"), "MWh")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.csv", b"activity,quantity,unit\n" + b"diesel,1,l\n" * 200_000, "2 MB"),
        ("lines.pdf", b"%PDF-1.4", ".xlsx"),
        ("columns.csv", b"what,how much\ndiesel,1\n", "activity, quantity, unit"),
        ("fake.xlsx", b"activity,quantity,unit\n", "Excel"),
        ("latin1.csv", "activity,quantity,unit\nbr\xe6nsel,1,l\n".encode("latin-1"), "UTF-8"),
    ],
)
def test_files_too_large_or_of_another_type_are_refused(
    client, alice, account_of_a, settings, name, content, message
):
    settings.LANGUAGE_CODE = "en"
    client.force_login(alice)
    response = _upload(client, account_of_a, name, content, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "preview" not in response.context
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors


def test_another_organisation_gets_404(client, charlie, account_of_a):
    client.force_login(charlie)
    assert client.get(_url(account_of_a)).status_code == 404
    response = _upload(client, account_of_a, "lines.csv", CSV_WITH_TWO_BAD_ROWS)
    assert response.status_code == 404


def test_a_submitted_account_refuses_import(client, alice, account_of_a):
    account_of_a.status = ClimateAccount.Status.SUBMITTED
    account_of_a.submitted_at = timezone.now()
    account_of_a.save()
    client.force_login(alice)
    preview_response = client.get(_url(account_of_a))
    assert preview_response["Location"] == account_of_a.get_absolute_url()
    data = {"confirm": "1", "rows": "1", "row-0-activity": "diesel", "row-0-quantity": "1"}
    data["row-0-unit"] = "l"
    response = client.post(_url(account_of_a), data)
    assert response["Location"] == account_of_a.get_absolute_url()
    assert not account_of_a.lines.exists()


def test_the_account_page_links_to_the_import(client, alice, account_of_a):
    client.force_login(alice)
    page = client.get(account_of_a.get_absolute_url())
    assert _url(account_of_a) in page.content.decode()
