"""The secretariat follows up a year: flagged checks with explanations, completeness of the
accounts by category, and reminder e-mails to the late partners."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.accounting.reminders import REMINDER_SENT, reminders_due, send_reminders
from klimanett.core.models import AuditEntry
from klimanett.partners.models import Membership
from tests.builders import make_contact, make_membership, make_organisation, make_user

FLAGGED = reverse("climate_accounts_flagged")
COMPLETENESS = reverse("climate_accounts_completeness")
LATE = reverse("climate_accounts_late")
REMIND = reverse("climate_accounts_late_remind")
SUBMITTED = ClimateAccount.Status.SUBMITTED
APPROVED = ClimateAccount.Status.APPROVED


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    # In English, so that the test does not depend on the state of the catalogues.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def make_account(organisation, year, lines, *, status=SUBMITTED, explanations=None):
    account = ClimateAccount.objects.create(
        organisation=organisation,
        year=year,
        status=status,
        submitted_at=None
        if status == ClimateAccount.Status.DRAFT
        else datetime.datetime(year + 1, 2, 1, tzinfo=datetime.UTC),
        explanations=explanations or {},
    )
    for activity, quantity, unit in lines:
        AccountLine.objects.create(
            account=account, activity=activity, quantity=Decimal(quantity), unit=unit
        )
    return account


# --- Flagged checks ---------------------------------------------------------------------------


@pytest.fixture
def flagged_2024(organisation_a, organisation_b):
    """A reported 10 000 MWh where 2023 had 10 000 kWh and explained it; B's account is in
    order (diesel and electricity as last year)."""
    make_account(organisation_a, 2023, [("electricity", 10_000, "kWh")], status=APPROVED)
    a = make_account(
        organisation_a,
        2024,
        [("electricity", 10_000, "MWh")],
        explanations={
            "quantity_scale:electricity": "Stemmer: nytt datasenter.",
            "category_change:electricity": "Samme datasenter.",
        },
    )
    usual = [("electricity", 10_000, "kWh"), ("diesel", 1000, "l")]
    make_account(organisation_b, 2023, usual, status=APPROVED)
    make_account(organisation_b, 2024, usual)
    return a


def test_flagged_list_shows_the_1000_times_finding_with_the_partners_explanation(
    admin_client, flagged_2024
):
    response = admin_client.get(FLAGGED, {"year": "2024"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "The quantity of Electricity is about 1,000 times last year&#x27;s." in page
    assert "Stemmer: nytt datasenter." in page
    assert "Samme datasenter." in page
    assert f'href="{flagged_2024.get_absolute_url()}"' in page
    assert "Alfa Klimaservice AS" in page
    assert "Beta Energi AS" not in page  # nothing to explain
    assert "1 account for 2024 with points to explain" in page


def test_flagged_list_leaves_out_drafts_and_defaults_to_last_year(admin_client, organisation_a):
    last_year = timezone.localdate().year - 1
    make_account(organisation_a, last_year, [("diesel", 100, "l")], status="draft")

    response = admin_client.get(FLAGGED)

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []  # the draft has no electricity
    assert f"0 accounts for {last_year} with points to explain" in response.content.decode()


def test_flagged_list_shows_a_finding_without_explanation_as_such(admin_client, organisation_a):
    make_account(organisation_a, 2024, [("diesel", 100, "l")])  # no electricity

    page = admin_client.get(FLAGGED, {"year": "2024"}).content.decode()

    assert "No electricity is reported." in page
    assert "No explanation" in page


# --- Completeness -----------------------------------------------------------------------------


def test_completeness_marks_the_categories_each_account_covers(
    admin_client, organisation_a, organisation_b
):
    make_account(organisation_a, 2024, [("diesel", 100, "l"), ("electricity", 10, "MWh")])
    make_account(organisation_b, 2023, [("flight_domestic", 1000, "pkm")])  # another year

    response = admin_client.get(COMPLETENESS, {"year": "2024"})

    assert response.status_code == 200
    rows = {row.organisation.name: row for row in response.context["object_list"]}
    assert rows["Alfa Klimaservice AS"].covered == {"fuel_mobile", "electricity"}
    assert rows["Beta Energi AS"].account is None
    page = response.content.decode()
    assert "Scope 1: Fuel for vehicles and machines" in page
    assert "Scope 3: Business travel" in page
    assert page.count('<span class="w-sr-only">covered</span>') == 2
    assert page.count('<span class="w-sr-only">not covered</span>') == 8 * 2 - 2
    assert "Submitted" in page
    assert "Not started" in page


# --- Reminders --------------------------------------------------------------------------------


@pytest.fixture
def late_2024(organisation_a, organisation_b, alice, bob, charlie):
    """A (alice main contact, bob) has submitted; B (charlie, no main contact) has a draft;
    C has two contacts and no main contact; D approved; E is a prospect, F a collaborator:
    B and C are late."""
    make_account(organisation_a, 2024, [("diesel", 100, "l")])
    make_account(organisation_b, 2024, [("diesel", 100, "l")], status="draft")
    c = make_organisation(name="Cirkel Bygg AS")
    make_membership(c)
    make_contact(make_user(email="cora@cirkel.example.no"), c)
    make_contact(make_user(email="carl@cirkel.example.no"), c)
    d = make_organisation(name="Delta Drift AS")
    make_membership(d)
    make_contact(make_user(email="dina@delta.example.no"), d, is_primary=True)
    make_account(d, 2024, [("diesel", 100, "l")], status=APPROVED)
    e = make_organisation(name="Epsilon Energi AS")
    make_membership(e, status=Membership.Status.PROSPECT, agreement_date=None)
    make_contact(make_user(email="eva@epsilon.example.no"), e)
    f = make_organisation(name="Fjord Fisk AS")
    make_membership(f, type=Membership.Type.COLLABORATOR)
    make_contact(make_user(email="frank@fjord.example.no"), f)
    return {"b": organisation_b, "c": c}


def test_reminders_go_to_the_contacts_of_late_active_partners_only(late_2024, sekretariat):
    count = send_reminders(year=2024, by=sekretariat)

    assert count == 2
    by_recipients = {tuple(sorted(message.to)): message for message in mail.outbox}
    assert set(by_recipients) == {
        ("charlie@beta.example.no",),
        ("carl@cirkel.example.no", "cora@cirkel.example.no"),
    }
    message = by_recipients[("charlie@beta.example.no",)]
    assert message.subject == "Påminnelse: klimaregnskapet for 2024 fra Beta Energi AS"
    assert "Vi har ennå ikke fått klimaregnskapet for 2024 fra Beta Energi AS." in message.body
    url = settings.SITE_URL + reverse("accounting:account_list", args=[late_2024["b"].pk])
    assert url in message.body
    assert message.reply_to == ["sekretariat@fylke.example.no"]
    entries = AuditEntry.objects.filter(action=REMINDER_SENT)
    assert sorted(entry.object_repr for entry in entries) == ["Beta Energi AS", "Cirkel Bygg AS"]
    assert {entry.actor for entry in entries} == {sekretariat}
    assert entries.get(object_repr="Beta Energi AS").data == {
        "year": 2024,
        "recipients": ["charlie@beta.example.no"],
    }


def test_a_reminder_goes_to_the_main_contact_only_when_there_is_one(organisation_a, alice, bob):
    send_reminders(year=2024)

    assert [message.to for message in mail.outbox] == [["alice@alfa.example.no"]]


def test_a_late_partner_without_contacts_is_listed_but_not_reminded(organisation_a):
    assert [(r.organisation, r.recipients) for r in reminders_due(year=2024)] == [
        (organisation_a, [])
    ]
    assert send_reminders(year=2024) == 0
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action=REMINDER_SENT).exists()


def test_the_command_dry_run_lists_who_would_be_reminded_and_sends_nothing(late_2024, capsys):
    call_command("remind_late_accounts", "--year", "2024", "--dry-run")

    out = capsys.readouterr().out
    assert "Beta Energi AS: charlie@beta.example.no" in out
    assert "Cirkel Bygg AS: carl@cirkel.example.no, cora@cirkel.example.no" in out
    assert "Alfa" not in out
    assert "Epsilon" not in out
    assert "2 organisations would be reminded for 2024" in out
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action=REMINDER_SENT).exists()


def test_the_command_sends_the_reminders_for_last_year_by_default(organisation_a, alice, capsys):
    call_command("remind_late_accounts")

    last_year = timezone.localdate().year - 1
    assert f"Reminded 1 organisations of their climate account for {last_year}." in (
        capsys.readouterr().out
    )
    assert len(mail.outbox) == 1
    assert str(last_year) in mail.outbox[0].subject
    assert AuditEntry.objects.get(action=REMINDER_SENT).actor is None


def test_the_late_list_has_a_reminder_button_that_posts_with_the_year(admin_client, late_2024):
    page = admin_client.get(LATE, {"year": "2024"}).content.decode()

    assert f'<form method="post" action="{REMIND}">' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert '<input type="hidden" name="year" value="2024">' in page


def test_the_reminder_button_sends_the_reminders_and_says_how_many(admin_client, late_2024):
    response = admin_client.post(REMIND, {"year": "2024"}, follow=True)

    assert response.redirect_chain[0] == (f"{LATE}?year=2024", 302)
    assert len(mail.outbox) == 2
    assert "A reminder of the account for 2024 was e-mailed to 2 partners." in (
        response.content.decode()
    )


def test_the_reminder_button_needs_a_csrf_token(verified_client, sekretariat, late_2024):
    client = verified_client(sekretariat)
    client.handler.enforce_csrf_checks = True

    assert client.post(REMIND, {"year": "2024"}).status_code == 403
    assert mail.outbox == []


def test_reminders_are_not_sent_on_get(admin_client, late_2024):
    assert admin_client.get(REMIND, {"year": "2024"}).status_code == 405
    assert mail.outbox == []


# --- Access -----------------------------------------------------------------------------------


def _is_refused(response, client) -> bool:
    """403, or a redirect to the log-in page, which then refuses a logged-in user with 403."""
    if response.status_code == 403:
        return True
    if response.status_code != 302 or not response["Location"].startswith(reverse("core:login")):
        return False
    login_page = client.get(response["Location"])
    return login_page.status_code == (403 if response.wsgi_request.user.is_authenticated else 200)


@pytest.mark.parametrize("user", ["alice", "anonymous"])
def test_partner_contacts_and_anonymous_cannot_reach_the_follow_up(
    client, request, user, late_2024
):
    if user != "anonymous":
        client.force_login(request.getfixturevalue(user))

    for url in [
        FLAGGED,
        reverse("climate_accounts_flagged_results"),
        COMPLETENESS,
        reverse("climate_accounts_completeness_results"),
    ]:
        assert _is_refused(client.get(url, {"year": "2024"}), client), url
    assert _is_refused(client.post(REMIND, {"year": "2024"}), client)
    assert mail.outbox == []


def test_a_partner_contact_with_admin_access_is_still_refused(client, alice, flagged_2024):
    """Even if a partner contact could enter the back office, the views check the role."""
    from django.contrib.auth.models import Permission

    alice.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(alice)

    for response in [
        client.get(FLAGGED, {"year": "2024"}),
        client.get(COMPLETENESS, {"year": "2024"}),
        client.post(REMIND, {"year": "2024"}),
    ]:
        # Wagtail turns the refusal into a redirect to the dashboard with an error message.
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert mail.outbox == []


# --- Query counts -----------------------------------------------------------------------------


def _partners_with_two_years(count: int) -> None:
    for n in range(count):
        organisation = make_organisation(name=f"Bedrift {n:02d} AS")
        make_membership(organisation)
        make_account(organisation, 2023, [("electricity", 10, "MWh"), ("diesel", 100, "l")])
        make_account(
            organisation,
            2024,
            [("electricity", 10_000, "MWh"), ("diesel", 100 + n, "l"), ("petrol", 5, "l")],
            explanations={"quantity_scale:electricity": "Stemmer."},
        )


def _queries_for(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [FLAGGED, COMPLETENESS], ids=["flagged", "completeness"])
def test_number_of_queries_does_not_grow_with_the_number_of_accounts(admin_client, url):
    _partners_with_two_years(3)
    _queries_for(admin_client, url, {"year": "2024"})  # warm caches
    with_three = _queries_for(admin_client, url, {"year": "2024"})

    _partners_with_two_years(5)
    with_eight = _queries_for(admin_client, url, {"year": "2024"})

    assert ClimateAccount.objects.filter(year=2024).count() == 8
    assert with_eight == with_three
