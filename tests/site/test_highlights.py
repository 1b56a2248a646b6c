"""The home page's highlights: each rule on hand-built data, then the loader on the database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from klimanett.site.highlights import (
    Partner,
    PublishedYear,
    fossil_free,
    largest_reductions,
    load_highlights,
    on_track,
)
from tests.builders import make_account, make_membership, make_organisation, make_target


def partner(pk: int, name: str) -> Partner:
    return Partner(pk=pk, name=name, slug=name.lower().replace(" ", "-"))


def year(year: int, total_kg: float, *, scope1_kg: float = 0.0, scope1_lines: int = 0):
    return PublishedYear(
        year=year, total_location_kg=total_kg, scope1_kg=scope1_kg, scope1_lines=scope1_lines
    )


# --- Largest reductions over three years ---------------------------------------------------


def test_reductions_compare_the_latest_year_with_three_years_before():
    a, b = partner(1, "Alfa AS"), partner(2, "Beta AS")
    ranked = largest_reductions(
        {
            # 10 000 → 6 000 kg: (6 000 − 10 000) / 10 000 = −40 %
            a: {2021: year(2021, 10_000), 2022: year(2022, 9_000), 2024: year(2024, 6_000)},
            # 4 000 → 3 000 kg: −25 %
            b: {2021: year(2021, 4_000), 2024: year(2024, 3_000)},
        }
    )
    assert [(r.partner.name, r.from_year, r.to_year) for r in ranked] == [
        ("Alfa AS", 2021, 2024),
        ("Beta AS", 2021, 2024),
    ]
    assert [round(r.change_percent, 6) for r in ranked] == [-40.0, -25.0]


def test_a_partner_with_fewer_than_two_of_the_years_is_not_ranked():
    a, b, c = partner(1, "Alfa AS"), partner(2, "Beta AS"), partner(3, "Gamma AS")
    ranked = largest_reductions(
        {
            a: {2021: year(2021, 10_000), 2024: year(2024, 5_000)},
            b: {2024: year(2024, 1_000)},  # only the latest year
            c: {2021: year(2021, 8_000), 2023: year(2023, 2_000)},  # not the latest year
        }
    )
    assert [r.partner.name for r in ranked] == ["Alfa AS"]


def test_a_zero_base_year_is_not_ranked_nor_is_a_rise():
    a, b, c = partner(1, "Alfa AS"), partner(2, "Beta AS"), partner(3, "Gamma AS")
    ranked = largest_reductions(
        {
            a: {2021: year(2021, 0.0), 2024: year(2024, 0.0)},
            b: {2021: year(2021, 1_000), 2024: year(2024, 1_500)},  # +50 %
            c: {2021: year(2021, 1_000), 2024: year(2024, 900)},  # −10 %
        }
    )
    assert [r.partner.name for r in ranked] == ["Gamma AS"]


def test_equal_reductions_are_ordered_by_name():
    z, a = partner(1, "Zeta AS"), partner(2, "Alfa AS")
    ranked = largest_reductions(
        {
            # both exactly −50 %
            z: {2021: year(2021, 100), 2024: year(2024, 50)},
            a: {2021: year(2021, 200), 2024: year(2024, 100)},
        }
    )
    assert [r.partner.name for r in ranked] == ["Alfa AS", "Zeta AS"]


def test_only_the_five_largest_reductions_are_shown():
    partners = {
        partner(i, f"Partner {i}"): {2020: year(2020, 100), 2023: year(2023, 100 - 10 * i)}
        for i in range(1, 8)
    }
    ranked = largest_reductions(partners)
    assert [r.partner.name for r in ranked] == [f"Partner {i}" for i in (7, 6, 5, 4, 3)]


def test_no_published_years_give_no_reductions():
    assert largest_reductions({}) == []


@given(
    st.dictionaries(
        st.integers(1, 50),
        st.tuples(st.floats(0, 1e7), st.floats(0, 1e7)),
        max_size=12,
    )
)
def test_ranked_reductions_are_cuts_from_a_positive_base_largest_first(totals):
    years = {
        partner(pk, f"P{pk}"): {2020: year(2020, base), 2023: year(2023, now)}
        for pk, (base, now) in totals.items()
    }
    ranked = largest_reductions(years)
    assert len(ranked) <= 5
    assert all(r.from_kg > 0 and r.to_kg < r.from_kg for r in ranked)
    changes = [r.change_percent for r in ranked]
    assert changes == sorted(changes)


# --- On track --------------------------------------------------------------------------------


def test_partners_with_a_target_on_track_and_none_behind_are_listed_by_name():
    listed = on_track(
        {
            partner(1, "Ørsta Bakeri AS"): [True, None],
            partner(2, "Alfa AS"): [True, True],
            partner(3, "Beta AS"): [True, False],  # one target behind
            partner(4, "Gamma AS"): [None],  # nothing known yet
            partner(5, "Delta AS"): [],
        }
    )
    assert [(item.partner.name, item.targets) for item in listed] == [
        ("Alfa AS", 2),
        ("Ørsta Bakeri AS", 1),
    ]


# --- Fossil-free direct emissions ----------------------------------------------------------


def test_fossil_free_needs_scope_1_lines_with_no_fossil_emissions_in_the_latest_year():
    listed = fossil_free(
        {
            # HVO only in 2024 (0 kg fossil), diesel before: the latest year counts
            partner(1, "Beta AS"): {
                2023: year(2023, 5_000, scope1_kg=2_660, scope1_lines=1),
                2024: year(2024, 100, scope1_kg=0.0, scope1_lines=1),
            },
            # no scope 1 lines at all: it does not show that fuels were replaced
            partner(2, "Alfa AS"): {2024: year(2024, 100, scope1_kg=0.0, scope1_lines=0)},
            # fossil diesel in the latest year
            partner(3, "Gamma AS"): {2024: year(2024, 2_760, scope1_kg=2_660, scope1_lines=2)},
            # fossil-free once, but not in the latest year
            partner(4, "Delta AS"): {
                2023: year(2023, 100, scope1_kg=0.0, scope1_lines=1),
                2024: year(2024, 3_000, scope1_kg=2_660, scope1_lines=1),
            },
            # fossil-free in 2023, the year before the latest: still recent
            partner(5, "Aaa AS"): {2023: year(2023, 50, scope1_kg=0.0, scope1_lines=3)},
            # fossil-free in 2022, but nothing published since: too old to show
            partner(7, "Gammel AS"): {2022: year(2022, 50, scope1_kg=0.0, scope1_lines=3)},
            partner(6, "Tom AS"): {},
        }
    )
    assert [(item.partner.name, item.year) for item in listed] == [
        ("Aaa AS", 2023),
        ("Beta AS", 2024),
    ]


def test_a_fuel_line_of_zero_does_not_make_a_partner_fossil_free(db):
    shown = make_organisation(name="Null Diesel AS")
    make_membership(shown)
    _approved(shown, 2024, [("diesel", 0, "l")])
    renewable = make_organisation(name="Ren HVO AS")
    make_membership(renewable)
    _approved(renewable, 2024, [("hvo", 100, "l")])
    assert [item.partner.name for item in load_highlights().fossil_free] == ["Ren HVO AS"]


# --- The loader: only published data of partners in the directory -------------------------


def _approved(organisation, year_, lines, *, publish=True):
    return make_account(organisation, year_, lines, status="approved", publish=publish)


def test_the_loader_reads_only_published_accounts_of_partners_in_the_directory(db):
    shown = make_organisation(name="Synlig AS")
    make_membership(shown)
    _approved(shown, 2021, [("diesel", 1000, "l")])  # 2 660 kg
    _approved(shown, 2024, [("diesel", 500, "l")])  # 1 330 kg: −50 %
    # The same cut, but 2024 is not published: not ranked, and its 2021 is the latest.
    unpublished = make_organisation(name="Upublisert AS")
    make_membership(unpublished)
    _approved(unpublished, 2021, [("diesel", 1000, "l")])
    _approved(unpublished, 2024, [("hvo", 500, "l")], publish=False)
    # Submitted, not approved: never read, even when the partner would publish it.
    submitted = make_organisation(name="Innsendt AS")
    make_membership(submitted)
    _approved(submitted, 2021, [("diesel", 1000, "l")])
    make_account(submitted, 2024, [("hvo", 100, "l")], status="submitted", publish=True)
    # No public profile: left out however good its figures.
    hidden = make_organisation(name="Skjult AS", public_profile=False)
    make_membership(hidden)
    _approved(hidden, 2021, [("diesel", 1000, "l")])
    _approved(hidden, 2024, [("hvo", 100, "l")])
    # Membership ended: not in the directory either.
    ended = make_organisation(name="Sluttet AS")
    make_membership(ended, status="ended")
    _approved(ended, 2021, [("diesel", 1000, "l")])
    _approved(ended, 2024, [("hvo", 100, "l")])
    # Fossil-free with HVO in its latest published year.
    green = make_organisation(name="Grønn Transport AS")
    make_membership(green)
    _approved(green, 2024, [("hvo", 2000, "l"), ("electricity", 10_000, "kWh")])

    highlights = load_highlights()

    assert [(r.partner.name, r.from_year, r.to_year) for r in highlights.reductions] == [
        ("Synlig AS", 2021, 2024)
    ]
    assert [item.partner.name for item in highlights.fossil_free] == ["Grønn Transport AS"]


def test_the_loader_lists_published_targets_on_track_only(db):
    on_track_org = make_organisation(name="Alfa AS")
    make_membership(on_track_org)
    _approved(on_track_org, 2020, [("diesel", 1000, "l")])  # 2 660 kg
    _approved(on_track_org, 2023, [("diesel", 500, "l")])  # 1 330 kg, below the path
    make_target(on_track_org, base_value=2660.0, publish=True)
    quiet = make_organisation(name="Beta AS")
    make_membership(quiet)
    _approved(quiet, 2020, [("diesel", 1000, "l")])
    _approved(quiet, 2023, [("diesel", 500, "l")])
    make_target(quiet, base_value=2660.0, publish=False)  # on track, but not published
    withdrawn = make_organisation(name="Gamma AS")
    make_membership(withdrawn)
    _approved(withdrawn, 2020, [("diesel", 1000, "l")])
    _approved(withdrawn, 2023, [("diesel", 500, "l")])
    make_target(withdrawn, base_value=2660.0, publish=True, status="withdrawn")
    # On track only by an unpublished account: not known from what is published.
    private_progress = make_organisation(name="Delta AS")
    make_membership(private_progress)
    _approved(private_progress, 2020, [("diesel", 1000, "l")])
    _approved(private_progress, 2023, [("diesel", 500, "l")], publish=False)
    make_target(private_progress, base_value=2660.0, publish=True)

    listed = load_highlights().on_track

    assert [(item.partner.name, item.targets) for item in listed] == [("Alfa AS", 1)]


def test_the_home_page_links_the_highlights_to_the_profiles(client, db):
    from tests.builders import make_site_pages

    make_site_pages()
    green = make_organisation(name="Grønn Transport AS")
    make_membership(green)
    _approved(green, 2024, [("hvo", 2000, "l")])

    page = client.get("/").content.decode()

    assert f'href="/partnere/{green.slug}/"' in page
    assert "Grønn Transport AS" in page
