"""A new resource is found by the name of its theme at once, without rebuilding the index."""

from klimanett.events.models import Theme
from tests.builders import make_resource


def test_a_new_resource_is_found_by_its_themes_name(client, db):
    adaptation = Theme.objects.create(name="Overvannshåndtering", slug="overvann")
    make_resource(title="Rapport om regnbed", themes=[adaptation])
    page = client.get("/kunnskap/", {"q": "Overvannshåndtering"}).content.decode()
    assert "Rapport om regnbed" in page
