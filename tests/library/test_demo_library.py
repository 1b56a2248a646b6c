"""The demo library: real public resources, built once, linked to demo events and templates."""

from __future__ import annotations

from klimanett.climateplans.measure_templates import BY_KEY
from klimanett.demo.events_build import EVENTS
from klimanett.demo.library_build import RESOURCES, SECTORS, build_library
from klimanett.library.models import Resource, Sector


def test_the_demo_library_is_built_once_and_a_second_run_creates_nothing(db):
    assert build_library() == {"library resources": len(RESOURCES)}
    assert build_library() == {"library resources": 0}

    assert Resource.objects.published().count() == len(RESOURCES) >= 30
    assert set(Sector.objects.values_list("slug", flat=True)) == set(SECTORS)
    for resource in Resource.objects.all():
        resource.full_clean()


def test_every_demo_resource_has_a_summary_a_link_themes_and_valid_template_keys():
    slugs = [spec.slug for spec in RESOURCES]
    assert len(slugs) == len(set(slugs))
    for spec in RESOURCES:
        assert spec.url.startswith("https://")
        assert spec.summary and spec.themes
        assert all(key in BY_KEY for key in spec.templates)
    assert any(spec.templates for spec in RESOURCES)
    event_slugs = {event.slug for event in EVENTS}
    assert all(set(spec.events) <= event_slugs for spec in RESOURCES)
    assert any(spec.events for spec in RESOURCES)


def test_the_demo_library_is_found_by_search(client, db):
    build_library()

    response = client.get("/kunnskap/", {"q": "Klimakur"})

    assert "Klimakur 2030: Tiltak og virkemidler mot 2030" in response.content.decode()
