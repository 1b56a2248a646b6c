"""The showcase pages: news, good examples and the home page, as an anonymous visitor sees them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from klimanett.climateplans.models import ActionPlan, Measure
from klimanett.site.models import ExamplePage
from tests.builders import (
    make_event,
    make_example_page,
    make_membership,
    make_news_page,
    make_organisation,
    make_site_pages,
)


def _partner(name: str, **overrides):
    organisation = make_organisation(name=name, **overrides)
    make_membership(organisation)
    return organisation


def _titles_in_order(html: str, titles: list[str]) -> list[str]:
    return sorted((t for t in titles if t in html), key=html.index)


def test_news_index_lists_live_news_newest_first_and_paginates(client, db):
    make_site_pages()
    today = timezone.localdate()
    for days in range(12):
        make_news_page(title=f"Nyhet {days:02d}", date=today - datetime.timedelta(days=days))

    first = client.get("/nyheter/").content.decode()
    second = client.get("/nyheter/", {"page": 2}).content.decode()

    assert _titles_in_order(first, [f"Nyhet {d:02d}" for d in range(12)]) == [
        f"Nyhet {d:02d}" for d in range(10)
    ]
    assert "Nyhet 10" in second and "Nyhet 11" in second and "Nyhet 00" not in second
    assert 'rel="next"' in first


def test_news_page_shows_its_date_intro_and_body(client, db):
    make_site_pages()
    news = make_news_page(
        title="Studietur til biogassanlegget",
        intro="Tjue partnere var med.",
        date=datetime.date(2026, 3, 5),
        body=[("heading", "Neste tur"), ("quote", {"quote": "Lærerikt!", "attribution": "Kari"})],
    )
    page = client.get(news.url).content.decode()
    assert "Studietur til biogassanlegget" in page
    assert "Tjue partnere var med." in page
    assert '<time datetime="2026-03-05">' in page
    assert "Neste tur" in page
    assert "<blockquote" in page and "Lærerikt!" in page and "Kari" in page


def test_examples_list_puts_partner_examples_first_even_when_older(client, db):
    make_site_pages()
    partner = _partner("Partner AS")
    outsider = make_organisation(name="Utenfor AS")
    make_example_page(
        title="Eldre partnereksempel", organisations=[partner], date=datetime.date(2024, 1, 1)
    )
    make_example_page(
        title="Nyere eksempel uten partner",
        organisations=[outsider],
        date=datetime.date(2026, 1, 1),
    )

    page = client.get("/eksempler/").content.decode()

    assert _titles_in_order(page, ["Nyere eksempel uten partner", "Eldre partnereksempel"]) == [
        "Eldre partnereksempel",
        "Nyere eksempel uten partner",
    ]


def test_examples_filter_by_category_year_and_organisation(client, db):
    make_site_pages()
    alfa, beta = _partner("Alfa AS"), _partner("Beta AS")
    make_example_page(title="Varme hos Alfa", category="heating", year=2023, organisations=[alfa])
    make_example_page(
        title="Elbiler hos Alfa", category="transport", year=2024, organisations=[alfa]
    )
    make_example_page(
        title="Elbiler hos Beta", category="transport", year=2023, organisations=[beta]
    )

    def titles(**query: str) -> set[str]:
        html = client.get("/eksempler/", query).content.decode()
        return {t for t in ("Varme hos Alfa", "Elbiler hos Alfa", "Elbiler hos Beta") if t in html}

    assert titles(category="transport") == {"Elbiler hos Alfa", "Elbiler hos Beta"}
    assert titles(year="2023") == {"Varme hos Alfa", "Elbiler hos Beta"}
    assert titles(organisation=alfa.slug) == {"Varme hos Alfa", "Elbiler hos Alfa"}
    assert titles(organisation=alfa.slug, category="transport") == {"Elbiler hos Alfa"}


def test_examples_filter_answers_htmx_with_the_results_only(client, db):
    make_site_pages()
    make_example_page(title="Varmepumpe i hallen", category="heating")
    response = client.get(
        "/eksempler/",
        {"category": "heating"},
        headers={"HX-Request": "true", "HX-Target": "example-results"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="example-results"')
    assert "Varmepumpe i hallen" in html
    assert "<html" not in html


def test_examples_list_is_paginated(client, db):
    make_site_pages()
    for n in range(14):
        make_example_page(title=f"Eksempel nr {n:02d}", date=datetime.date(2025, 1, n + 1))
    first = client.get("/eksempler/").content.decode()
    second = client.get("/eksempler/", {"page": 2}).content.decode()
    assert "14 gode eksempler" in first or "14 good examples" in first
    assert sum(f"Eksempel nr {n:02d}" in first for n in range(14)) == 12
    assert sum(f"Eksempel nr {n:02d}" in second for n in range(14)) == 2


def test_example_page_shows_the_facts_with_links_to_public_profiles_only(client, db):
    make_site_pages()
    shown = _partner("Synlig Partner AS")
    hidden = _partner("Skjult Partner AS", public_profile=False)
    plan = ActionPlan.objects.create(organisation=shown, publish_done_measures=True)
    measure = Measure.objects.create(
        plan=plan,
        title="Varmepumpe",
        category="heating",
        start_year=2024,
        status=Measure.Status.DONE,
        expected_reduction_t=Decimal(38),
    )
    example = make_example_page(
        title="Varmepumpe på skolen",
        organisations=[shown, hidden],
        reduction_t=Decimal("38.5"),
        reduction_percent=Decimal("92"),
        cost_nok=Decimal(4_800_000),
        contact_name="Hanne Vik",
        contact_email="hanne@example.no",
        measure=measure,
    )

    page = client.get(example.url).content.decode()

    assert f'href="http://localhost/partnere/{shown.slug}/">Synlig Partner AS</a>' in page
    assert "Skjult Partner AS" in page
    assert f"/partnere/{hidden.slug}/" not in page
    assert "38,5" in page and "92" in page
    assert "4\xa0800\xa0000" in page or "4 800 000" in page
    assert "Hanne Vik" in page and 'href="mailto:hanne@example.no"' in page
    assert "Status in the action plan" in page or "Status i tiltaksplanen" in page
    assert "Gjennomført" in page  # the measure's status, in bokmål


# Wagtail leaves the temporary file of a new rendition for the garbage collector.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_example_images_are_shown_with_their_alternative_text(client, db):
    make_site_pages()
    image = Image.objects.create(title="Varmepumpe", file=get_test_image_file())
    example = make_example_page(
        images=[
            (
                "image",
                {"image": image, "alt_text": "Varmepumpen i kjelleren", "caption": "Ny pumpe"},
            )
        ]
    )
    page = client.get(example.url).content.decode()
    assert 'alt="Varmepumpen i kjelleren"' in page
    assert "<figcaption" in page and "Ny pumpe" in page


def test_draft_pages_are_never_public(client, db):
    make_site_pages()
    partner = _partner("Partner AS")
    draft_example = make_example_page(
        title="Hemmelig eksempel", live=False, organisations=[partner]
    )
    draft_news = make_news_page(title="Hemmelig nyhet", live=False)
    make_example_page(title="Offentlig eksempel")

    assert client.get(draft_example.url or "/eksempler/hemmelig/").status_code == 404
    assert client.get(f"/eksempler/{draft_example.slug}/").status_code == 404
    assert client.get(f"/nyheter/{draft_news.slug}/").status_code == 404
    for url in (
        "/",
        "/eksempler/",
        "/nyheter/",
        "/eksempler/rss/",
        "/nyheter/rss/",
        "/sitemap.xml",
    ):
        body = client.get(url).content.decode()
        assert "Hemmelig" not in body, url
        assert draft_example.slug not in body and draft_news.slug not in body, url
    organisation_filter = (
        client.get("/eksempler/").content.decode().split('id="id_organisation"')[1]
    )
    assert "Partner AS" not in organisation_filter.split("</select>")[0]


def test_home_page_shows_newest_examples_partners_first_and_upcoming_events(client, db):
    make_site_pages()
    partner = _partner("Partner AS")
    for n in range(3):
        make_example_page(
            title=f"Partnereksempel {n}",
            organisations=[partner],
            date=datetime.date(2024, 1, n + 1),
        )
    make_example_page(title="Ferskt eksempel uten partner", date=datetime.date(2026, 1, 1))
    make_event(title="Nettverksmøte om energi")
    make_event(title="Utkast til møte", status="draft")
    make_event(title="Avlyst møte", status="cancelled")

    page = client.get("/").content.decode()

    assert _titles_in_order(page, [f"Partnereksempel {n}" for n in range(3)]) == [
        "Partnereksempel 2",
        "Partnereksempel 1",
        "Partnereksempel 0",
    ]
    assert "Ferskt eksempel uten partner" not in page
    assert "Nettverksmøte om energi" in page
    assert "Utkast til møte" not in page and "Avlyst møte" not in page
    assert '{% include "klimanett_site/includes/highlights.html" %}' in _home_template_source()


def _home_template_source() -> str:
    from django.template.loader import get_template

    return get_template("klimanett_site/home_page.html").template.source


def test_home_page_needs_the_same_few_queries_for_many_examples_and_events(
    client, db, django_assert_max_num_queries
):
    make_site_pages()
    for _ in range(6):
        partner = _partner(f"Partner {_} AS")
        make_example_page(organisations=[partner, make_organisation()])
        make_event()
    cache.clear()  # a real render, not the page cache
    with django_assert_max_num_queries(30):
        response = client.get("/")
    assert response.status_code == 200


def test_examples_list_needs_the_same_number_of_queries_for_many_examples(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_site_pages()
    make_example_page(organisations=[_partner("Første AS")])
    client.get("/eksempler/")
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/eksempler/")
    for n in range(8):
        make_example_page(organisations=[_partner(f"Partner {n} AS"), make_organisation()])
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/eksempler/")
    assert len(many) == len(few)


def test_every_page_type_renders(client, db):
    make_site_pages()
    example = make_example_page()
    news = make_news_page()
    for url in (
        "/",
        "/eksempler/",
        example.url,
        "/nyheter/",
        news.url,
        "/partnere/",
        "/tilgjengelighet/",
        "/personvern/",
    ):
        assert client.get(url).status_code == 200, url
    assert ExamplePage.objects.live().count() == 1


def test_teaser_blocks_show_only_published_events_and_live_examples(client, db):
    from klimanett.site.models import HomePage, StandardPage

    make_site_pages()
    live = make_example_page(title="Levende eksempel")
    draft = make_example_page(title="Kladd til eksempel", live=False)
    published = make_event(title="Åpent møte")
    cancelled = make_event(title="Avlyst møte", status="cancelled")
    unpublished = make_event(title="Møte i kladd", status="draft")
    page = StandardPage(
        title="Temaside",
        slug="tema",
        body=[
            ("example_teaser", {"example": live}),
            ("example_teaser", {"example": draft}),
            ("event_teaser", {"event": published}),
            ("event_teaser", {"event": cancelled}),
            ("event_teaser", {"event": unpublished}),
            ("key_figure", {"value": "42 %", "label": "mindre utslipp", "source": "Regnskapet"}),
        ],
    )
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()

    html = client.get("/tema/").content.decode()

    assert "Levende eksempel" in html and "Kladd til eksempel" not in html
    assert f'href="{published.get_absolute_url()}"' in html
    assert "Avlyst møte" not in html and "Møte i kladd" not in html
    assert "42 %" in html and "mindre utslipp" in html and "Regnskapet" in html


def test_example_page_keeps_the_measure_private_unless_the_partner_publishes_done_measures(
    client, db
):
    make_site_pages()
    partner = _partner("Privat Plan AS")
    plan = ActionPlan.objects.create(organisation=partner, publish_done_measures=False)
    measure = Measure.objects.create(
        plan=plan,
        title="Varmepumpe",
        category="heating",
        start_year=2024,
        status=Measure.Status.DONE,
        expected_reduction_t=Decimal(38),
    )
    example = make_example_page(organisations=[partner], measure=measure)
    assert "Gjennomført" not in client.get(example.url).content.decode()

    plan.publish_done_measures = True
    plan.save()
    measure.status = Measure.Status.PLANNED
    measure.save()
    assert "Planlagt" not in client.get(example.url).content.decode()
