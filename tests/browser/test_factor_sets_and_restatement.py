"""The secretariat imports a newer emission factor set in the back office; a partner sees what
it does to an approved account and restates the past years with it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from klimanett.accounting.models import ClimateAccount, ImportedFactorSet
from tests.accounting.newer_sets import scaled_factors_csv
from tests.browser.helpers import log_in
from tests.builders import make_account, make_secretariat_user

pytestmark = pytest.mark.browser


def test_a_new_set_is_imported_and_an_approved_account_restated_with_it(
    page, browser, live_server, alice, organisation_a, check_a11y, tmp_path
):
    # 2023 (the base year) and 2024, approved: 1 000 l diesel each, 2.66 t with NO-2025.1.
    for year in (2023, 2024):
        make_account(organisation_a, year, [("diesel", 1000, "l")], status="approved")

    secretariat = make_secretariat_user(email="sekretariat@fylke.example.no")
    TOTPDevice.objects.create(user=secretariat, name="test", confirmed=True)
    admin = browser.new_context(base_url=live_server.url, locale="nb-NO")
    admin_page = admin.new_page()
    log_in(admin_page, secretariat)
    device = TOTPDevice.objects.get(user=secretariat)

    admin_page.locator("#id_token").fill(
        f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    )
    admin_page.locator("#id_token").press("Enter")
    expect(admin_page).not_to_have_url(re.compile(r"/logg-inn/"))

    admin_page.goto(reverse("factor_sets"))
    expect(admin_page.locator("table.listing")).to_contain_text("NO-2025.1")
    check_a11y(admin_page)
    admin_page.goto(reverse("factor_set_import"))
    admin_page.locator("#id_version").fill("NO-2026.1")
    csv_file = tmp_path / "NO-2026.1.csv"
    csv_file.write_text(scaled_factors_csv({"diesel": 1.1}), encoding="utf-8")
    admin_page.locator("#id_file").set_input_files(csv_file)
    admin_page.locator("main form button[type=submit]").first.click()
    # The check shows diesel's 2021 factor, 2.66 kg/l, becoming 2,926 before anything is stored.
    expect(admin_page.locator("table.listing")).to_contain_text("2,926")
    assert not ImportedFactorSet.objects.exists()
    check_a11y(admin_page)
    admin_page.locator("button[name=confirm]").click()
    expect(admin_page).to_have_url(re.compile(re.escape(reverse("factor_sets")) + "$"))
    assert ImportedFactorSet.objects.get().version == "NO-2026.1"
    admin.close()

    log_in(page, alice)
    account_2024 = ClimateAccount.objects.get(year=2024)
    page.goto(reverse("accounting:account_recalculate", args=[account_2024.pk, "NO-2026.1"]))
    # 2 660 kg × 1.1 = 2 926 kg: 2,66 t becomes 2,93 t, all of it the factor's doing.
    expect(page.locator("main")).to_contain_text("2,93")
    check_a11y(page)

    page.goto(reverse("accounting:organisation_restatement", args=[organisation_a.pk]))
    expect(page.locator("main")).to_contain_text("2023")
    check_a11y(page)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("main")).to_be_visible()
    assert set(ClimateAccount.objects.values_list("factor_set", flat=True)) == {"NO-2026.1"}
    # restated by the partner, the approved years go back to the secretariat for approval
    assert set(ClimateAccount.objects.values_list("status", flat=True)) == {"submitted"}
    check_a11y(page)
