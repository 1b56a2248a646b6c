"""A partner's contact person in a browser: log in, edit the organisation, report commitments."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from klimanett.partners.models import Commitment, CommitmentStatus, Organisation
from tests.browser.helpers import assert_descriptions_exist, log_in, screenshot
from tests.builders import PASSWORD

pytestmark = pytest.mark.browser


def _organisation_url(organisation: Organisation) -> re.Pattern[str]:
    return re.compile(rf"/min-side/organisasjoner/{organisation.pk}/(\?year=\d+)?$")


def _save(page: Page) -> None:
    page.locator("main form.kn-form button[type=submit]").click()


def test_contact_logs_in_with_the_keyboard_only_and_lands_on_her_organisation(
    page, check_a11y, alice, organisation_a
):
    page.goto("/logg-inn/")
    check_a11y(page)

    # The e-mail field has autofocus; from there Tab reaches the password, Enter sends.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(alice.email)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url(_organisation_url(organisation_a))
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation_a.name)
    check_a11y(page)
    screenshot(page, "organisation")


def test_contact_edits_the_description_and_reports_this_years_commitments(
    page, check_a11y, alice, organisation_a
):
    year = timezone.localdate().year
    commitment = Commitment.objects.get(code="top_management")
    with translation.override("nb"):
        done = str(CommitmentStatus.Status.DONE.label)
    log_in(page, alice)
    expect(page).to_have_url(_organisation_url(organisation_a))

    page.locator(f"a[href='/min-side/organisasjoner/{organisation_a.pk}/rediger/']").click()
    expect(page.locator("#id_description")).to_be_visible()
    check_a11y(page)
    assert_descriptions_exist(page)
    page.locator("#id_description").fill("Vi har halvert utslippene fra transport siden 2020.")
    _save(page)

    expect(page).to_have_url(_organisation_url(organisation_a))
    expect(page.locator("main")).to_contain_text(
        "Vi har halvert utslippene fra transport siden 2020."
    )
    check_a11y(page)
    organisation_a.refresh_from_db()
    assert organisation_a.description == "Vi har halvert utslippene fra transport siden 2020."

    commitments_url = f"/min-side/organisasjoner/{organisation_a.pk}/forpliktelser/{year}/"
    page.locator(f"main a[href='{commitments_url}']").click()
    radio = page.locator("input[name='top_management-status'][value='done']")
    expect(radio).to_be_visible()
    check_a11y(page)
    assert_descriptions_exist(page)
    radio.check()
    page.locator("#id_top_management-evidence").fill("Vedtatt i ledermøtet i mars.")
    _save(page)

    expect(page).to_have_url(_organisation_url(organisation_a))
    row = page.locator(
        "#commitments-heading ~ .kn-table-scroll table tr", has_text=commitment.title_nb
    )
    expect(row.locator("td").first).to_have_text(done)
    expect(row.locator("td").nth(1)).to_have_text("Vedtatt i ledermøtet i mars.")
    status = CommitmentStatus.objects.get(
        organisation=organisation_a, commitment=commitment, year=year
    )
    assert status.status == CommitmentStatus.Status.DONE


def test_an_invalid_web_site_and_an_empty_name_are_shown_at_the_fields_and_nothing_is_saved(
    page, check_a11y, alice, organisation_a
):
    log_in(page, alice)
    page.goto(f"/min-side/organisasjoner/{organisation_a.pk}/rediger/")
    page.locator("#id_name").fill("")
    page.locator("#id_website").fill("ikke en adresse")
    page.locator("#id_description").fill("Dette skal ikke lagres.")
    _save(page)

    expect(page).to_have_url(re.compile(rf"/organisasjoner/{organisation_a.pk}/rediger/$"))
    for field in ("name", "website"):
        error = page.locator(f"#id_{field}_error")
        expect(error).to_be_visible()
        # The message sits in the same field group as the input it is about.
        expect(error.locator("xpath=..").locator(f"#id_{field}")).to_have_count(1)
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_description")).to_have_value("Dette skal ikke lagres.")
    check_a11y(page)
    assert_descriptions_exist(page)
    saved = Organisation.objects.get(pk=organisation_a.pk)
    assert (saved.name, saved.website, saved.description) == (
        organisation_a.name,
        organisation_a.website,
        organisation_a.description,
    )


def test_contact_of_another_organisation_gets_a_404_page(page, check_a11y, charlie, organisation_a):
    log_in(page, charlie)
    response = page.goto(f"/min-side/organisasjoner/{organisation_a.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(organisation_a.name)
    check_a11y(page)


def test_privacy_page_passes_axe(page, check_a11y, alice):
    log_in(page, alice)
    page.goto("/min-side/personvern/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#id_password")).to_be_visible()
    check_a11y(page)
