"""Checks at submission: each finding needs the partner's explanation, and the secretariat reads
them on the account page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from klimanett.accounting import selectors
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.core.models import AuditEntry

SCALE_KEY = "quantity_scale:electricity"
CHANGE_KEY = "category_change:electricity"


def nb(text):
    """`text` as the bokmål interface shows it (the English msgid until it is translated)."""
    with translation.override("nb"):
        return translation.gettext(text)


def make_account(organisation, year, lines, **fields):
    account = ClimateAccount.objects.create(organisation=organisation, year=year, **fields)
    for activity, quantity, unit in lines:
        AccountLine.objects.create(account=account, activity=activity, quantity=quantity, unit=unit)
    return account


@pytest.fixture
def last_year(organisation_a):
    return make_account(
        organisation_a,
        2023,
        [("electricity", 10_000, "kWh")],
        status=ClimateAccount.Status.APPROVED,
        submitted_at=datetime.datetime(2024, 2, 1, tzinfo=datetime.UTC),
    )


@pytest.fixture
def draft_1000_times(organisation_a, last_year):
    """10 000 MWh where last year had 10 000 kWh: 1 000 times the quantity."""
    return make_account(organisation_a, 2024, [("electricity", 10_000, "MWh")])


def submit(client, account, explanations=None):
    data = {f"explanation-{key}": text for key, text in (explanations or {}).items()}
    return client.post(reverse("accounting:account_submit", args=[account.pk]), data)


def test_the_findings_are_a_1000_times_quantity_and_the_category_jump(draft_1000_times):
    with translation.override("en"):
        findings = selectors.account_findings(draft_1000_times)
    # 10 000 000 kWh × 0.0119 = 119 000 kg (2024) against 10 000 kWh × 0.015 = 150 kg (2023):
    # +79 233 %
    assert [f.key for f in findings] == [CHANGE_KEY, SCALE_KEY]
    assert findings[0].message == (
        "Emissions in the category electricity changed by +79,233 % from last year."
    )
    assert findings[1].message == (
        "The quantity of Electricity is about 1,000 times last year's. "
        "Check the unit (kWh or MWh, kg or tonnes)."
    )


def test_a_draft_with_a_1000_times_quantity_cannot_be_submitted_without_explanation(
    client, alice, draft_1000_times
):
    client.force_login(alice)

    response = submit(
        client, draft_1000_times, {SCALE_KEY: "Stemmer, nytt datasenter.", CHANGE_KEY: "  "}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert nb("Explain each point before you submit.") in page
    assert "Stemmer, nytt datasenter." in page  # what was typed is kept
    assert f'name="explanation-{CHANGE_KEY}"' in page
    assert page.count('aria-invalid="true"') == 1
    draft_1000_times.refresh_from_db()
    assert draft_1000_times.status == "draft"
    assert draft_1000_times.explanations == {}
    assert not AuditEntry.objects.filter(action="climate_account.submitted").exists()


def test_the_draft_page_asks_for_an_explanation_of_each_finding_in_the_submit_form(
    client, alice, draft_1000_times
):
    client.force_login(alice)
    page = client.get(draft_1000_times.get_absolute_url()).content.decode()
    assert 'class="ds-alert" data-color="warning"' in page
    for number, key in enumerate([CHANGE_KEY, SCALE_KEY], start=1):
        assert f'<label class="ds-label" for="explanation-{number}">' in page
        assert f'id="explanation-{number}" name="explanation-{key}"' in page
    assert nb("Checks and explanations") not in page


def test_with_explanations_the_draft_is_submitted_and_the_secretariat_reads_them(
    client, alice, sekretariat, verified_client, draft_1000_times
):
    client.force_login(alice)
    explanations = {
        SCALE_KEY: "Vi tok i bruk et nytt datasenter i 2024.",
        CHANGE_KEY: "Samme grunn: datasenteret.",
    }

    response = submit(client, draft_1000_times, explanations | {"made_up:key": "x"})

    assert response.status_code == 302
    draft_1000_times.refresh_from_db()
    assert draft_1000_times.status == "submitted"
    assert draft_1000_times.explanations == explanations
    entry = AuditEntry.objects.get(action="climate_account.submitted")
    assert entry.data == {"explanations": explanations}

    secretariat = verified_client(sekretariat)
    page = secretariat.get(draft_1000_times.get_absolute_url()).content.decode()
    assert nb("Checks and explanations") in page
    assert "Vi tok i bruk et nytt datasenter i 2024." in page
    assert "Samme grunn: datasenteret." in page
    assert "textarea" not in page


def test_an_account_without_findings_submits_as_before(client, alice, organisation_a, last_year):
    # 12 000 kWh against 10 000 kWh: 12 000 × 0.0119 = 143 kg against 150 kg, −5 %
    account = make_account(organisation_a, 2024, [("electricity", 12_000, "kWh")])
    client.force_login(alice)
    assert selectors.account_findings(account) == []
    assert "textarea" not in client.get(account.get_absolute_url()).content.decode()

    assert submit(client, account).status_code == 302

    account.refresh_from_db()
    assert account.status == "submitted"
    assert account.explanations == {}
    assert (
        nb("Checks and explanations") not in client.get(account.get_absolute_url()).content.decode()
    )


def test_last_years_draft_is_not_compared(client, alice, organisation_a, last_year):
    last_year.status = ClimateAccount.Status.DRAFT
    last_year.submitted_at = None
    last_year.save()
    account = make_account(organisation_a, 2024, [("electricity", 10_000, "MWh")])
    assert selectors.account_findings(account) == []


def test_no_electricity_must_be_explained_even_without_last_year(client, alice, organisation_a):
    account = make_account(organisation_a, 2024, [("diesel", 1000, "l")])
    client.force_login(alice)

    submit(client, account)
    account.refresh_from_db()
    assert account.status == "draft"

    submit(client, account, {"no_electricity:electricity": "Vi leier kontor med strøm inkludert."})
    account.refresh_from_db()
    assert account.status == "submitted"
    assert account.explanations == {
        "no_electricity:electricity": "Vi leier kontor med strøm inkludert."
    }


def test_contacts_of_another_organisation_get_404(client, charlie, draft_1000_times):
    client.force_login(charlie)
    assert client.get(draft_1000_times.get_absolute_url()).status_code == 404
    assert submit(client, draft_1000_times, {SCALE_KEY: "x", CHANGE_KEY: "x"}).status_code == 404
    draft_1000_times.refresh_from_db()
    assert draft_1000_times.status == "draft"
