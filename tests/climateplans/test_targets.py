"""A partner sets, changes and withdraws targets from its climate accounts, or takes the
network's standard commitment in one click; bad input gets a message at its field and nothing
is saved; every change is audited."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from klimanett.accounting import services as accounting_services
from klimanett.climateplans import actuals, baselines, services
from klimanett.climateplans.models import Target
from klimanett.core.models import AuditEntry
from tests.builders import make_account, make_target

BASE_2020_KG = 10_000 * 2.66  # diesel 2.66 kg CO2e/l: 26 600 kg in scope 1


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def accounts_of_a(organisation_a):
    """2020 submitted and 2023 approved (10 employees, no revenue or floor area); 2024 a
    draft."""
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="submitted", employees=10)
    make_account(organisation_a, 2023, [("diesel", 8_000, "l")], status="approved", employees=10)
    make_account(organisation_a, 2024, [("diesel", 7_000, "l")])
    return organisation_a


def _create_url(organisation):
    return reverse("climateplans:target_create", args=[organisation.pk])


def _terms(**overrides):
    terms = {
        "title": "60 % mindre direkte utslipp",
        "kind": "emissions",
        "metric": "absolute",
        "scopes": "1",
        "base_year": "2020",
        "target_year": "2030",
        "reduction_percent": "60",
        "target_share_percent": "",
        "notes": "",
    }
    return terms | overrides


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Setting a target ---------------------------------------------------------------------------


def test_a_contact_sets_a_target_and_its_base_value_is_read_from_the_account(
    english_client, alice, accounts_of_a
):
    english_client.force_login(alice)
    # a base value in the post is ignored: it is never typed
    response = english_client.post(
        _create_url(accounts_of_a), _terms(reduction_percent="60,5", base_value="1")
    )

    target = Target.objects.get()
    assert response["Location"] == reverse("climateplans:target_detail", args=[target.pk])
    assert target.base_value == pytest.approx(BASE_2020_KG)
    assert target.reduction_percent == Decimal("60.5")
    assert target.status == Target.Status.ACTIVE
    assert target.created_by == alice
    entry = AuditEntry.objects.get(action="target.created")
    assert entry.actor == alice
    assert entry.object_id == str(target.pk)
    assert entry.data["base_value"] == pytest.approx(BASE_2020_KG)
    assert entry.data["reduction_percent"] == "60.5"


def test_the_form_suggests_the_chosen_base_year_and_lists_only_submitted_years(
    english_client, alice, accounts_of_a
):
    english_client.force_login(alice)
    form = english_client.get(_create_url(accounts_of_a)).context["form"]
    assert [year for year, _label in form.fields["base_year"].choices] == [2023, 2020]
    assert form.initial["base_year"] == 2020  # the first submitted account

    accounting_services.choose_base_year(organisation=accounts_of_a, year=2023, by=alice)
    form = english_client.get(_create_url(accounts_of_a)).context["form"]
    assert form.initial["base_year"] == 2023  # the base year chosen for the accounts


def test_an_intensity_target_divides_by_the_accounts_employees(
    english_client, alice, accounts_of_a
):
    english_client.force_login(alice)
    english_client.post(_create_url(accounts_of_a), _terms(metric="per_employee"))

    assert Target.objects.get().base_value == pytest.approx(BASE_2020_KG / 10)


def test_a_renewable_share_target_keeps_only_its_share(english_client, alice, organisation_a):
    # 40 000 of 100 000 kWh with guarantees of origin: 40 % renewable
    make_account(
        organisation_a,
        2022,
        [("electricity", 60_000, "kWh"), ("electricity_with_guarantees", 40_000, "kWh")],
        status="approved",
    )
    english_client.force_login(alice)
    english_client.post(
        _create_url(organisation_a),
        _terms(
            kind="renewable_share",
            base_year="2022",
            metric="absolute",
            reduction_percent="50",
            target_share_percent="90",
        ),
    )

    target = Target.objects.get()
    assert target.base_value == pytest.approx(40.0)
    assert target.target_share_percent == Decimal(90)
    assert target.reduction_percent is None


# --- Bad input: a message at the field, nothing saved ----------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"target_year": "2020"}, "target_year", "The target year must come after the base year"),
        ({"target_year": "2015"}, "target_year", "The target year must come after the base year"),
        ({"reduction_percent": "150"}, "reduction_percent", "cannot be more than 100 %"),
        ({"reduction_percent": "-5"}, "reduction_percent", "cannot be negative"),
        ({"reduction_percent": "0"}, "reduction_percent", "must cut more than 0 %"),
        ({"reduction_percent": "mye"}, "reduction_percent", "Write a number"),
        ({"reduction_percent": "12,55"}, "reduction_percent", "at most one decimal"),
        ({"reduction_percent": ""}, "reduction_percent", "Give the reduction"),
        # 2024 is a draft and 2019 has no account at all
        ({"base_year": "2024"}, "base_year", "no submitted or approved climate account"),
        ({"base_year": "2019"}, "base_year", "no submitted or approved climate account"),
        # the accounts give no revenue
        ({"metric": "per_million_nok"}, "metric", "does not give the revenue"),
        # there is no scope 2 in the accounts, but scope 1 + 2 has diesel; electricity only: 0
        (
            {"kind": "renewable_share", "target_share_percent": "0"},
            "target_share_percent",
            "Aim for a higher share",
        ),
        (
            {"kind": "renewable_share", "target_share_percent": "120"},
            "target_share_percent",
            "between 0 and 100 %",
        ),
        (
            {"kind": "renewable_share", "metric": "per_employee", "target_share_percent": "50"},
            "metric",
            "already a share",
        ),
    ],
)
def test_bad_input_gets_a_message_at_its_field_and_nothing_is_saved(
    english_client, alice, accounts_of_a, overrides, field, text
):
    english_client.force_login(alice)
    response = english_client.post(_create_url(accounts_of_a), _terms(**overrides))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert text in " ".join(errors[field]), errors
    assert text.replace("'", "&#x27;") in response.content.decode()
    assert "Nothing was saved." in _messages(response)[0]
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="target.").exists()


def test_a_cut_from_nothing_is_refused(english_client, alice, organisation_a):
    # electricity only: no scope 1 emissions to cut
    make_account(organisation_a, 2022, [("electricity", 50_000, "kWh")], status="approved")
    english_client.force_login(alice)
    response = english_client.post(_create_url(organisation_a), _terms(base_year="2022"))

    assert "nothing to cut from" in " ".join(response.context["form"].errors["scopes"])
    assert not Target.objects.exists()


def test_a_share_target_needs_energy_use_in_the_base_year(english_client, alice, organisation_a):
    make_account(organisation_a, 2022, [("flight_domestic", 1000, "pkm")], status="approved")
    english_client.force_login(alice)
    response = english_client.post(
        _create_url(organisation_a),
        _terms(kind="renewable_share", base_year="2022", target_share_percent="50"),
    )

    assert "has no energy use" in " ".join(response.context["form"].errors["kind"])
    assert not Target.objects.exists()


def test_without_submitted_accounts_no_target_can_be_set(english_client, alice, organisation_a):
    make_account(organisation_a, 2023, [("diesel", 1000, "l")])  # a draft
    english_client.force_login(alice)
    page = english_client.get(_create_url(organisation_a))
    assert "Submit your first climate account" in page.content.decode()

    response = english_client.post(_create_url(organisation_a), _terms(base_year="2023"))
    assert "base_year" in response.context["form"].errors
    assert not Target.objects.exists()


def test_the_service_refuses_bad_terms_too(accounts_of_a, alice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.create_target(
            organisation=accounts_of_a,
            title="Feil",
            kind="emissions",
            metric="absolute",
            scopes="1",
            base_year=2023,
            target_year=2023,
            reduction_percent=Decimal(120),
            target_share_percent=None,
            by=alice,
        )
    assert set(refused.value.message_dict) == {"target_year"}
    assert not Target.objects.exists()


# --- Changing and withdrawing ----------------------------------------------------------------


@pytest.fixture
def target_of_a(accounts_of_a, alice):
    return services.create_target(
        organisation=accounts_of_a,
        by=alice,
        **{
            "title": "60 % mindre",
            "kind": "emissions",
            "metric": "absolute",
            "scopes": "1",
            "base_year": 2020,
            "target_year": 2030,
            "reduction_percent": Decimal("60.0"),
            "target_share_percent": None,
        },
    )


def test_a_change_reads_the_base_value_again_and_audits_each_changed_term(
    english_client, bob, target_of_a
):
    english_client.force_login(bob)
    url = reverse("climateplans:target_edit", args=[target_of_a.pk])
    assert english_client.get(url).context["form"].initial["reduction_percent"] == Decimal("60.0")

    response = english_client.post(
        url, _terms(title="70 % mindre", base_year="2023", reduction_percent="70")
    )

    assert response.status_code == 302
    target_of_a.refresh_from_db()
    assert target_of_a.title == "70 % mindre"
    assert target_of_a.base_year == 2023
    assert target_of_a.base_value == pytest.approx(8_000 * 2.66)
    entry = AuditEntry.objects.get(action="target.updated")
    assert entry.actor == bob
    assert entry.data["changed"] == {
        "title": {"from": "60 % mindre", "to": "70 % mindre"},
        "base_year": {"from": 2020, "to": 2023},
        "base_value": {"from": pytest.approx(BASE_2020_KG), "to": pytest.approx(21_280)},
        "reduction_percent": {"from": "60.0", "to": "70.0"},
    }


def test_a_refused_change_leaves_the_target_as_it_was(english_client, alice, target_of_a):
    english_client.force_login(alice)
    response = english_client.post(
        reverse("climateplans:target_edit", args=[target_of_a.pk]),
        _terms(title="Ny tittel", target_year="2019", reduction_percent="101"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "reduction_percent" in form.errors
    # the heading still shows the saved title
    assert "60 % mindre" in response.content.decode()
    target_of_a.refresh_from_db()
    assert target_of_a.title == "60 % mindre"
    assert target_of_a.target_year == 2030
    assert not AuditEntry.objects.filter(action="target.updated").exists()


def test_a_withdrawn_target_is_kept_audited_and_can_no_longer_be_changed(
    english_client, alice, target_of_a
):
    english_client.force_login(alice)
    withdraw = reverse("climateplans:target_withdraw", args=[target_of_a.pk])
    response = english_client.post(withdraw, {"reason": "Erstattet av et nytt mål"})

    assert response["Location"] == reverse(
        "climateplans:target_list", args=[target_of_a.organisation_id]
    )
    target_of_a.refresh_from_db()
    assert target_of_a.status == Target.Status.WITHDRAWN
    entry = AuditEntry.objects.get(action="target.withdrawn")
    assert entry.actor == alice
    assert entry.data == {"previous_status": "active", "reason": "Erstattet av et nytt mål"}

    edit = reverse("climateplans:target_edit", args=[target_of_a.pk])
    assert english_client.get(edit)["Location"] == reverse(
        "climateplans:target_detail", args=[target_of_a.pk]
    )
    english_client.post(edit, _terms(title="Endret"))
    english_client.post(withdraw)
    target_of_a.refresh_from_db()
    assert target_of_a.title == "60 % mindre"
    assert AuditEntry.objects.filter(action="target.withdrawn").count() == 1
    # the overview lists it apart, and the detail page has its history
    overview = english_client.get(
        reverse("climateplans:target_list", args=[target_of_a.organisation_id])
    )
    assert overview.context["withdrawn"] == [target_of_a]
    assert overview.context["evaluations"] == []
    detail = english_client.get(reverse("climateplans:target_detail", args=[target_of_a.pk]))
    assert [step.what for step in detail.context["history"]] == ["Target set", "Target withdrawn"]


# --- The standard commitment in one click ----------------------------------------------------


def _standard_url(organisation):
    return reverse("climateplans:standard_commitment", args=[organisation.pk])


def test_one_click_takes_the_standard_commitment_from_the_chosen_base_year(
    english_client, alice, accounts_of_a
):
    accounting_services.choose_base_year(organisation=accounts_of_a, year=2023, by=alice)
    english_client.force_login(alice)
    response = english_client.post(_standard_url(accounts_of_a))

    target = Target.objects.get()
    assert response["Location"] == reverse("climateplans:target_detail", args=[target.pk])
    assert target.is_standard_commitment
    assert (target.kind, target.metric, target.scopes) == ("emissions", "absolute", "1")
    assert (target.base_year, target.target_year) == (2023, 2030)
    assert target.reduction_percent == Decimal(100)
    assert target.base_value == pytest.approx(8_000 * 2.66)
    assert AuditEntry.objects.get(action="target.created").data["is_standard_commitment"] is True
    detail = english_client.get(response["Location"])
    assert [step.what for step in detail.context["history"]] == ["Standard commitment taken"]


def test_the_standard_commitment_is_taken_once(english_client, alice, accounts_of_a):
    english_client.force_login(alice)
    english_client.post(_standard_url(accounts_of_a))
    response = english_client.post(_standard_url(accounts_of_a))

    assert Target.objects.count() == 1
    assert _messages(response)[-1] == "You have already taken the standard commitment."
    assert response["Location"] == reverse("climateplans:target_list", args=[accounts_of_a.pk])
    # once withdrawn, it can be taken again
    services.withdraw_target(target=Target.objects.get(), by=alice)
    english_client.post(_standard_url(accounts_of_a))
    assert Target.objects.filter(status="active", is_standard_commitment=True).count() == 1


def test_a_standard_commitment_changed_to_ask_for_less_is_no_longer_one(
    english_client, alice, accounts_of_a
):
    english_client.force_login(alice)
    english_client.post(_standard_url(accounts_of_a))
    target = Target.objects.get()
    edit = reverse("climateplans:target_edit", args=[target.pk])

    # all three scopes to zero by 2028 still asks for at least as much
    english_client.post(edit, _terms(scopes="1+2+3", target_year="2028", reduction_percent="100"))
    target.refresh_from_db()
    assert target.is_standard_commitment

    english_client.post(edit, _terms(reduction_percent="80"))
    target.refresh_from_db()
    assert not target.is_standard_commitment
    changed = (
        AuditEntry.objects.filter(action="target.updated").order_by("pk").last().data["changed"]
    )
    assert changed["is_standard_commitment"] == {"from": True, "to": False}


def test_the_standard_commitment_needs_a_submitted_account(english_client, alice, organisation_a):
    make_account(organisation_a, 2023, [("diesel", 1000, "l")])  # a draft
    english_client.force_login(alice)
    response = english_client.post(_standard_url(organisation_a))

    assert not Target.objects.exists()
    assert "Submit a climate account first" in _messages(response)[0]


def test_without_direct_emissions_the_standard_commitment_means_staying_fossil_free(
    english_client, alice, organisation_a
):
    make_account(organisation_a, 2023, [("electricity", 50_000, "kWh")], status="approved")
    english_client.force_login(alice)
    english_client.post(_standard_url(organisation_a))

    assert Target.objects.get().base_value == 0


def test_the_default_base_year_skips_a_chosen_year_sent_back_to_draft(alice, accounts_of_a):
    accounting_services.choose_base_year(organisation=accounts_of_a, year=2023, by=alice)
    account = accounts_of_a.climate_accounts.get(year=2023)
    account.status = "draft"
    account.save()

    figures = actuals.figures_of(accounts_of_a.pk)
    assert baselines.default_base_year(accounts_of_a.pk, figures) == 2020
    assert baselines.default_base_year(accounts_of_a.pk, {}) is None


# --- Pages -------------------------------------------------------------------------------------


def test_the_overview_shows_each_target_measured_up_in_brief(english_client, alice, target_of_a):
    make_target(target_of_a.organisation, title="Sakte mål", reduction_percent=Decimal(20))
    english_client.force_login(alice)
    response = english_client.get(
        reverse("climateplans:target_list", args=[target_of_a.organisation_id])
    )

    page = response.content.decode()
    assert "60 % mindre" in page and "Sakte mål" in page
    assert [item.target.title for item in response.context["evaluations"]] == [
        "60 % mindre",
        "Sakte mål",
    ]
    # 60 % by 2030 from 2020: 6 % a year, 1.5 °C-aligned, keeps the county's pace, on track
    assert '<td class="kn-number">6 %</td>' in page
    assert "Keeps pace" in page and "Slower" in page
    assert "(county: −41.7 %)" in page
    assert "Take the standard commitment" in page
    assert reverse("climateplans:action_plan", args=[target_of_a.organisation_id]) in page
    assert reverse("climateplans:climate_budget", args=[target_of_a.pk]) in page


def test_the_target_page_explains_the_pace_1_5c_the_county_and_on_track(
    english_client, alice, target_of_a
):
    english_client.force_login(alice)
    response = english_client.get(reverse("climateplans:target_detail", args=[target_of_a.pk]))

    page = response.content.decode()
    assert "26.6 t CO2e" in page  # the base value with its unit
    assert "A cut of 60 % from 2020 to 2030 is 6 % of the base year's value a year" in page
    assert "8.8 % a year" in page  # compound
    # scope 1 alone is not judged against the 1.5 °C pace (it used to be called aligned)
    assert "Yes: in line with 1.5 °C" not in page
    assert "this target covers scope 1 only" in page
    assert "Yes: keeps pace with the county" in page
    assert "The county aims for 60 % less than in 2009 by 2030" in page
    assert "emissions fall by 41.7 % from 2020 to 2030; this target cuts 60 %." in page
    assert "Yes: on track" in page
    # 2023: 21.28 t against 26.6 × 0.82 = 21.812 t
    assert "In 2023 the accounts show 21.3 t CO2e; the path allows at most 21.8 t CO2e." in page

    # The same target for scopes 1 and 2 (diesel only: the same figures) is judged: 6 % ≥ 4.2 %
    Target.objects.filter(pk=target_of_a.pk).update(scopes=Target.Scopes.SCOPES_1_2)
    page = english_client.get(
        reverse("climateplans:target_detail", args=[target_of_a.pk])
    ).content.decode()
    assert "Yes: in line with 1.5 °C" in page
    assert "at least 4.2 % of the base year's emissions a year" in page
    assert "This target cuts 6 % a year." in page


def test_the_organisation_page_links_to_the_targets(english_client, alice, organisation_a):
    english_client.force_login(alice)
    response = english_client.get(organisation_a.get_absolute_url())

    assert (
        reverse("climateplans:target_list", args=[organisation_a.pk]) in response.content.decode()
    )


def test_only_targets_with_a_climate_budget_link_to_one(english_client, alice, organisation_a):
    absolute = make_target(organisation_a, title="Absolutt")
    others = [
        make_target(organisation_a, title="Energi", kind=Target.Kind.ENERGY),
        make_target(organisation_a, title="Per ansatt", metric=Target.Metric.PER_EMPLOYEE),
        make_target(
            organisation_a,
            title="Fornybar andel",
            kind=Target.Kind.RENEWABLE_SHARE,
            base_value=40.0,
            reduction_percent=None,
            target_share_percent=Decimal(90),
        ),
    ]
    english_client.force_login(alice)

    def budget_url(target):
        return reverse("climateplans:climate_budget", args=[target.pk])

    pages = [
        english_client.get(reverse(name, args=[organisation_a.pk])).content.decode()
        for name in ("climateplans:target_list", "climateplans:action_plan")
    ]
    for page in pages:
        assert budget_url(absolute) in page
        for target in others:
            assert budget_url(target) not in page, target.title
    for target in others:
        page = english_client.get(
            reverse("climateplans:target_detail", args=[target.pk])
        ).content.decode()
        assert budget_url(target) not in page, target.title
    page = english_client.get(
        reverse("climateplans:target_detail", args=[absolute.pk])
    ).content.decode()
    assert budget_url(absolute) in page
