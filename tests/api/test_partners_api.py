import json

from django.test import Client

from klimanett.core.models import AuditEntry
from klimanett.partners.models import Organisation
from tests.builders import make_membership, make_organisation


def test_public_directory_lists_only_active_public_partners(client, organisation_a, organisation_b):
    ended = make_organisation(name="Tidligere AS")
    make_membership(ended, status="ended")
    response = client.get("/api/v1/partners")
    assert response.status_code == 200
    names = [p["name"] for p in response.json()["items"]]
    assert response.json()["count"] == 1
    assert names == [organisation_a.name]
    assert "org_number" not in response.json()["items"][0]


def test_public_directory_filters_by_municipality(client, organisation_a, db):
    other = make_organisation(
        name="Annen Kommune AS",
        municipality=organisation_a.municipality.__class__.objects.get(number="3905"),
    )
    make_membership(other)
    response = client.get("/api/v1/partners?municipality=3905")
    names = [p["name"] for p in response.json()["items"]]
    assert names == ["Annen Kommune AS"]


def test_public_profile_of_a_hidden_organisation_is_404(client, organisation_b):
    assert client.get(f"/api/v1/partners/{organisation_b.slug}").status_code == 404


def test_contact_reads_own_organisations_only(
    client, alice, organisation_a, organisation_b, charlie
):
    client.force_login(alice)
    mine = client.get("/api/v1/me/organisations").json()
    assert [o["org_number"] for o in mine] == [organisation_a.org_number]
    assert client.get(f"/api/v1/organisations/{organisation_a.pk}").status_code == 200
    assert client.get(f"/api/v1/organisations/{organisation_b.pk}").status_code == 404


def test_anonymous_gets_401_on_private_endpoints(client, organisation_a):
    assert client.get("/api/v1/me/organisations").status_code == 401
    assert client.get(f"/api/v1/organisations/{organisation_a.pk}").status_code == 401


def test_contact_patches_own_organisation_and_it_is_audited(client, alice, organisation_a):
    client.force_login(alice)
    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        json.dumps({"description": "Oppdatert via API"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["description"] == "Oppdatert via API"
    assert AuditEntry.objects.filter(action="organisation.updated", actor=alice).exists()


def test_contact_cannot_patch_another_organisation(client, charlie, organisation_a):
    client.force_login(charlie)
    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        json.dumps({"description": "Kapret"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Organisation.objects.get(pk=organisation_a.pk).description != "Kapret"


def test_invalid_patch_is_refused_with_field_errors_and_nothing_saved(
    client, alice, organisation_a
):
    client.force_login(alice)
    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        json.dumps({"name": "", "website": "ikke en adresse"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"name", "website"}
    assert Organisation.objects.get(pk=organisation_a.pk).name == organisation_a.name
    assert not AuditEntry.objects.exists()


def test_openapi_document_is_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/partners" in schema["paths"]


def test_patch_without_the_csrf_token_is_refused(alice, organisation_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        json.dumps({"description": "Uten token"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Organisation.objects.get(pk=organisation_a.pk).description != "Uten token"


def test_bob_reads_and_changes_his_organisation_too(client, bob, organisation_a):
    client.force_login(bob)
    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        json.dumps({"employees": 31}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert Organisation.objects.get(pk=organisation_a.pk).employees == 31


def test_secretariat_reads_and_changes_any_organisation(
    verified_client, sekretariat, organisation_a, organisation_b
):
    client = verified_client(sekretariat)
    assert client.get(f"/api/v1/organisations/{organisation_b.pk}").status_code == 200
    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        json.dumps({"public_profile": False}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert not Organisation.objects.get(pk=organisation_a.pk).public_profile


def test_secretariat_without_the_second_factor_gets_no_private_data(
    client, sekretariat, organisation_a
):
    client.force_login(sekretariat)
    response = client.get(f"/api/v1/organisations/{organisation_a.pk}")
    assert response.status_code == 302
    assert organisation_a.org_number not in response.content.decode()


def test_api_documentation_lists_every_endpoint_on_an_ordinary_page(client, db):
    page = client.get("/api/v1/docs").content.decode()
    for endpoint in (
        "GET /api/v1/partners",
        "GET /api/v1/partners/{slug}",
        "GET /api/v1/me/organisations",
        "GET /api/v1/organisations/{pk}",
        "PATCH /api/v1/organisations/{pk}",
    ):
        assert endpoint in page
    assert "cdn." not in page
    assert 'id="innhold"' in page
