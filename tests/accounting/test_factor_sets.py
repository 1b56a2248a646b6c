"""The secretariat imports emission factor sets in the back office; a set is never edited, only
succeeded, and new accounts are calculated with the newest."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from klimanett.accounting import factor_library, services
from klimanett.accounting.ghg.factors import FACTORSETS_DIR, Method
from klimanett.accounting.models import ClimateAccount, ImmutableFactorSet, ImportedFactorSet
from klimanett.core.models import AuditEntry
from tests.accounting.newer_sets import scaled_factors_csv
from tests.builders import make_account

LIST = reverse("factor_sets")
IMPORT = reverse("factor_set_import")


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload(text: str, name: str = "NO-2026.1.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def check(client, text, *, version="NO-2026.1", name="NO-2026.1.csv"):
    return client.post(
        IMPORT,
        {"version": version, "succeeds": "NO-2025.1", "notes": "", "file": upload(text, name)},
    )


def test_the_list_shows_each_set_with_the_accounts_that_use_it(admin_client, organisation_a):
    make_account(organisation_a, 2023, [("diesel", 10, "l")], status="approved")
    make_account(organisation_a, 2024, [("diesel", 10, "l")])
    page = admin_client.get(LIST).content.decode()
    assert "NO-2025.1" in page
    assert "Shipped with Klimanett" in page
    assert "2 accounts, 1 approved" in page
    assert "Used by approved accounts" in page


def test_upload_check_and_confirm_imports_a_set_that_new_accounts_use(
    admin_client, sekretariat, organisation_a, alice
):
    text = scaled_factors_csv({"diesel": 2.0})
    checked = check(admin_client, text)
    page = checked.content.decode()
    assert checked.status_code == 200
    # the check lists diesel's factors, 2.66 kg/l (2021) doubled, before anything is stored
    assert '<th scope="row">diesel</th>' in page
    assert "5.32" in page
    assert not ImportedFactorSet.objects.exists()

    confirmed = admin_client.post(
        IMPORT,
        {
            "version": "NO-2026.1",
            "succeeds": "NO-2025.1",
            "notes": "Diesel doubled for the test",
            "factors_csv": checked.context["form"].initial["factors_csv"],
            "confirm": "",
        },
    )
    assert confirmed.status_code == 302
    stored = ImportedFactorSet.objects.get()
    assert (stored.version, stored.succeeds, stored.imported_by) == (
        "NO-2026.1",
        "NO-2025.1",
        sekretariat,
    )
    assert factor_library.factor_set_versions() == ["NO-2025.1", "NO-2026.1"]
    assert factor_library.newer_versions("NO-2025.1") == ["NO-2026.1"]
    assert AuditEntry.objects.filter(action="factor_set.imported").count() == 1
    diesel = factor_library.get_factor_set("NO-2026.1").lookup(
        "diesel", year=2021, method=Method.LOCATION
    )
    assert diesel.factor.kgco2e_per_unit == pytest.approx(5.32)

    started = services.start_account(
        organisation=organisation_a, year=2024, copy_last_year=False, by=alice
    )
    assert started.account.factor_set == "NO-2026.1"
    assert "NO-2026.1" in admin_client.get(LIST).content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            scaled_factors_csv({}).replace("2.66,", "to komma seks,", 1),
            "Line 2, column kgco2e_per_unit",
        ),
        (scaled_factors_csv({}).replace(",l,both,", ",gallon,both,", 1), "Line 2, column unit"),
        (scaled_factors_csv({}).replace(",1,,l,", ",4,,l,", 1), "Line 2, column scope"),
        ("activity,unit\ndiesel,l\n", "The first line must name the columns"),
        (scaled_factors_csv({}).splitlines()[0] + "\n", "The file holds no factors."),
    ],
    ids=["text as a factor", "unknown unit", "scope 4", "missing columns", "no rows"],
)
def test_a_bad_file_is_refused_with_the_place_of_the_error(admin_client, text, message):
    response = check(admin_client, text)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportedFactorSet.objects.exists()


def test_two_factors_for_the_same_activity_method_and_year_are_refused(admin_client):
    text = scaled_factors_csv({})
    first_row = text.splitlines()[1]
    response = check(admin_client, text + first_row + "\n")
    assert "two factors for" in response.content.decode()
    assert not ImportedFactorSet.objects.exists()


@pytest.mark.parametrize("version", ["NO-2025.1", "NO 2026"])
def test_a_taken_or_malformed_version_is_refused(admin_client, version):
    response = check(admin_client, scaled_factors_csv({}), version=version)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ImportedFactorSet.objects.exists()


def test_another_file_type_or_a_large_file_is_refused(admin_client):
    wrong_type = check(admin_client, scaled_factors_csv({}), name="faktorer.xlsx")
    assert "Choose a CSV file (.csv)." in wrong_type.content.decode()
    too_large = check(admin_client, "a" * (2 * 1024 * 1024 + 1))
    assert "The file is larger than 2 MB." in too_large.content.decode()
    assert not ImportedFactorSet.objects.exists()


def test_an_imported_set_is_never_edited_or_deleted(newer_factor_set):
    stored = newer_factor_set({"diesel": 2.0})
    stored.notes = "changed"
    with pytest.raises(ImmutableFactorSet):
        stored.save()
    with pytest.raises(ImmutableFactorSet):
        stored.delete()
    assert ImportedFactorSet.objects.get().notes == ""


def test_last_years_lines_the_newest_set_cannot_calculate_are_not_copied(
    newer_factor_set, organisation_a, alice, english_client
):
    make_account(organisation_a, 2023, [("diesel", 100, "l"), ("bus", 500, "pkm")])
    newer_factor_set({}, without=("bus",))
    english_client.force_login(alice)
    response = english_client.post(
        reverse("accounting:account_list", args=[organisation_a.pk]),
        {"year": 2024, "copy_last_year": "on"},
        follow=True,
    )
    account = ClimateAccount.objects.get(year=2024)
    assert account.factor_set == "NO-2026.1"
    assert [line.activity for line in account.lines.all()] == ["diesel"]
    assert "were not copied: bus" in response.content.decode()
    assert english_client.get(account.get_absolute_url()).status_code == 200


def test_the_same_version_cannot_be_imported_twice(newer_factor_set):
    newer_factor_set({"diesel": 2.0})
    with pytest.raises(factor_library.FactorSetImportError):
        newer_factor_set({"diesel": 3.0})
    assert factor_library.get_factor_set("NO-2026.1").lookup(
        "diesel", year=2021, method=Method.LOCATION
    ).factor.kgco2e_per_unit == pytest.approx(5.32)


def test_each_set_can_be_downloaded(admin_client, newer_factor_set):
    newer_factor_set({"diesel": 2.0})
    shipped = admin_client.get(reverse("factor_set_csv", args=["NO-2025.1"]))
    assert shipped.content.decode() == (FACTORSETS_DIR / "NO-2025.1.csv").read_text("utf-8")
    imported = admin_client.get(reverse("factor_set_csv", args=["NO-2026.1"]))
    assert imported.content.decode() == scaled_factors_csv({"diesel": 2.0})
    assert admin_client.get(reverse("factor_set_csv", args=["NO-1999.1"])).status_code == 404


@pytest.mark.parametrize("url", [LIST, IMPORT, reverse("factor_set_csv", args=["NO-2025.1"])])
def test_only_the_secretariat_reaches_the_factor_sets(verified_client, alice, url):
    client = verified_client(alice)
    assert client.get(url).status_code in (302, 403)
    assert client.post(
        IMPORT, {"version": "NO-2026.1", "succeeds": "NO-2025.1", "factors_csv": "x"}
    ).status_code in (302, 403)
    assert not ImportedFactorSet.objects.exists()


def test_a_new_set_must_succeed_the_newest(newer_factor_set):
    newer_factor_set({"diesel": 2.0})
    with (
        translation.override("en"),
        pytest.raises(factor_library.FactorSetImportError, match="newest one, NO-2026.1"),
    ):
        newer_factor_set({"diesel": 3.0}, version="NO-2026.2", succeeds="NO-2025.1")
    assert factor_library.factor_set_versions() == ["NO-2025.1", "NO-2026.1"]
