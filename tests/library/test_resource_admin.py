"""The library in the back office: the secretariat lists, filters, searches, creates and edits
resources and sectors, and publishes or rejects partners' suggestions (audited, with an e-mail
to the person who suggested it); nobody else reaches any of it."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from klimanett.core import roles
from klimanett.core.models import AuditEntry
from klimanett.events.models import Theme
from klimanett.library import contributions
from klimanett.library.models import Resource, Sector
from tests.builders import make_event, make_resource, make_user

pytestmark = pytest.mark.django_db

RESOURCES = reverse("library_resources:index")
ADD = reverse("library_resources:add")
SECTORS = reverse("library_sectors:index")
SUGGESTIONS = reverse("library_suggestions:index")


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def editor(db):
    roles.ensure_role_groups()
    user = make_user(email="redaktor@fylke.example.no")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def theme(db) -> Theme:
    return Theme.objects.create(name="Transport", slug="transport")


@pytest.fixture
def suggested(alice, organisation_a, theme) -> Resource:
    resource = contributions.suggest(
        organisation=organisation_a,
        by=alice,
        themes=[theme],
        interface_language="en",
        title="Veileder for fossilfrie byggeplasser",
        url="https://example.org/fossilfri",
        publisher="Miljødirektoratet",
        year=2024,
        kind=Resource.Kind.GUIDE,
        summary="Slik fikk vi byggeplassen fossilfri.",
    )
    return resource


def review_url(resource: Resource) -> str:
    return reverse("library_suggestions:review", args=[resource.pk])


def resource_data(**overrides):
    data = {
        "title": "Klimakur 2030",
        "slug": "",
        "summary": "Tiltak og virkemidler for halvering av utslippene.",
        "url": "https://example.org/klimakur",
        "publisher": "Miljødirektoratet",
        "year": "2020",
        "kind": "report",
        "language": "nb",
        "audience": "both",
        "status": "published",
        "measure_templates": [],
    }
    data.update(overrides)
    return data


# Who may do what


@pytest.mark.parametrize("persona", ["alice", "editor", "anonymous"])
def test_nobody_but_the_secretariat_reaches_the_library_back_office(
    client, request, persona, suggested, mailoutbox
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    sector = Sector.objects.create(name="Bygg og anlegg", slug="bygg")
    for url in (
        RESOURCES,
        ADD,
        reverse("library_resources:edit", args=[suggested.pk]),
        SECTORS,
        reverse("library_sectors:edit", args=[sector.pk]),
        SUGGESTIONS,
        review_url(suggested),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "fossilfri" not in response.content.decode()
    assert client.post(ADD, resource_data()).status_code in (302, 403)
    response = client.post(
        review_url(suggested), {"decision": "publish", "summary": "Kapret", "message": ""}
    )
    assert response.status_code in (302, 403)
    suggested.refresh_from_db()
    assert suggested.status == Resource.Status.SUGGESTED
    assert suggested.summary == "Slik fikk vi byggeplassen fossilfri."
    assert Resource.objects.count() == 1
    assert not AuditEntry.objects.filter(action="resource.published").exists()


def test_the_library_menu_group_is_shown_to_the_secretariat_with_the_count(admin_client, suggested):
    text = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Knowledge library" in text
    assert "Suggestions to approve (1)" in text


# Resources and sectors


def test_secretariat_lists_filters_and_searches_resources(admin_client, suggested, theme):
    make_resource(title="Klimakur 2030", kind=Resource.Kind.REPORT)
    dead = make_resource(title="Gammel lenke", kind=Resource.Kind.TOOL)
    Resource.objects.filter(pk=dead.pk).update(link_status=Resource.LinkStatus.DEAD)

    def titles(query: str) -> set[str]:
        response = admin_client.get(RESOURCES + query)
        assert response.status_code == 200
        return {r.title for r in response.context["object_list"]}

    assert titles("") == {"Klimakur 2030", "Gammel lenke", "Veileder for fossilfrie byggeplasser"}
    assert titles("?status=suggested") == {"Veileder for fossilfrie byggeplasser"}
    assert titles("?kind=report") == {"Klimakur 2030"}
    assert titles(f"?themes={theme.pk}") == {"Veileder for fossilfrie byggeplasser"}
    assert titles("?link_status=dead") == {"Gammel lenke"}
    assert titles("?q=Klimakur") == {"Klimakur 2030"}


def test_secretariat_creates_a_resource_with_themes_sectors_events_and_measure_templates(
    admin_client, theme
):
    sector = Sector.objects.create(name="Bygg og anlegg", slug="bygg")
    event = make_event(title="Klimafrokost")
    form_page = admin_client.get(ADD).content.decode()
    assert "Replace diesel vans with electric vans" in form_page  # templates by name

    response = admin_client.post(
        ADD,
        resource_data(
            themes=[theme.pk],
            sectors=[sector.pk],
            events=[event.pk],
            measure_templates=["diesel_vans_to_electric", "hvo_in_machinery"],
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    resource = Resource.objects.get()
    assert resource.slug == "klimakur-2030"
    assert resource.status == Resource.Status.PUBLISHED
    assert resource.published_at is not None
    assert resource.measure_templates == ["diesel_vans_to_electric", "hvo_in_machinery"]
    assert list(resource.themes.all()) == [theme]
    assert list(resource.sectors.all()) == [sector]
    assert list(resource.events.all()) == [event]
    assert AuditEntry.objects.filter(action="resource.created", object_id=str(resource.pk)).exists()


def test_an_unknown_measure_template_key_is_refused(admin_client):
    response = admin_client.post(ADD, resource_data(measure_templates=["no_such_template"]))
    assert response.status_code == 200
    assert "measure_templates" in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_resource_needs_a_link_or_a_file(admin_client):
    response = admin_client.post(ADD, resource_data(url=""))
    assert response.status_code == 200
    assert "Give a link or upload a file." in response.content.decode()
    assert not Resource.objects.exists()


def test_secretariat_edits_a_resource_and_the_change_is_audited(admin_client):
    resource = make_resource(title="Klimakur 2030")
    response = admin_client.post(
        reverse("library_resources:edit", args=[resource.pk]),
        resource_data(
            slug=resource.slug, publisher="Regjeringen", measure_templates=["less_paper"]
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    resource.refresh_from_db()
    assert resource.publisher == "Regjeringen"
    assert resource.measure_templates == ["less_paper"]
    entry = AuditEntry.objects.get(action="resource.updated", object_id=str(resource.pk))
    assert entry.data["changed"]["publisher"] == "Regjeringen"


def test_secretariat_manages_sectors(admin_client):
    response = admin_client.post(
        reverse("library_sectors:add"), {"name": "Transport og logistikk", "slug": "transport"}
    )
    assert response.status_code == 302
    assert Sector.objects.get().name == "Transport og logistikk"
    assert AuditEntry.objects.filter(action="sector.created").exists()
    assert "Transport og logistikk" in admin_client.get(SECTORS).content.decode()


# Suggestions to approve


def test_secretariat_sees_the_suggestions_waiting(admin_client, suggested, organisation_a):
    make_resource(title="Allerede publisert")
    text = admin_client.get(SUGGESTIONS).content.decode()
    assert "Veileder for fossilfrie byggeplasser" in text
    assert organisation_a.name in text
    assert "Allerede publisert" not in text
    page = admin_client.get(review_url(suggested))
    assert page.status_code == 200
    assert "https://example.org/fossilfri" in page.content.decode()
    suggested.refresh_from_db()
    assert suggested.status == Resource.Status.SUGGESTED  # looking decides nothing


def test_secretariat_publishes_a_suggestion_with_an_edited_summary_and_the_contact_is_told(
    admin_client, suggested, sekretariat, alice, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            review_url(suggested),
            {
                "decision": "publish",
                "summary": "En veileder i fem steg for fossilfrie byggeplasser.",
                "message": "Takk, denne var nyttig!",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == SUGGESTIONS
    suggested.refresh_from_db()
    assert suggested.status == Resource.Status.PUBLISHED
    assert suggested.published_at is not None
    assert suggested.summary == "En veileder i fem steg for fossilfrie byggeplasser."
    actions = list(
        AuditEntry.objects.filter(object_id=str(suggested.pk))
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert actions[-2:] == [
        ("resource.updated", sekretariat.pk),
        ("resource.published", sekretariat.pk),
    ]
    (message,) = mailoutbox
    assert message.to == [alice.email]
    assert message.subject == "Your suggestion is published: Veileder for fossilfrie byggeplasser"
    assert "Takk, denne var nyttig!" in message.body
    assert reverse("library_partner:suggestions", args=[suggested.suggested_for_id]) in message.body


def test_secretariat_rejects_a_suggestion_and_the_contact_is_told_why(
    admin_client, suggested, alice, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            review_url(suggested),
            {
                "decision": "reject",
                "summary": suggested.summary,
                "message": "Vi har en nyere utgave.",
            },
        )
    assert response.status_code == 302
    suggested.refresh_from_db()
    assert suggested.status == Resource.Status.REJECTED
    assert suggested.published_at is None
    assert AuditEntry.objects.filter(action="resource.rejected").count() == 1
    assert not AuditEntry.objects.filter(action="resource.updated").exists()
    (message,) = mailoutbox
    assert message.to == [alice.email]
    assert "was not published" in message.subject
    assert "Vi har en nyere utgave." in message.body


def test_the_decision_email_is_in_the_language_the_contact_suggested_in(
    suggested, sekretariat, django_capture_on_commit_callbacks, mailoutbox
):
    assert contributions.suggestion_language(suggested) == "en"
    with translation.override("nb"), django_capture_on_commit_callbacks(execute=True):
        contributions.decide(resource=suggested, publish=True, by=sekretariat)
    assert mailoutbox[0].subject.startswith("Your suggestion is published")


def test_a_decision_needs_a_choice_and_a_summary(admin_client, suggested, mailoutbox):
    response = admin_client.post(review_url(suggested), {"summary": "", "message": ""})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Choose to publish or to reject the suggestion." in text
    assert "summary" in response.context["form"].errors
    suggested.refresh_from_db()
    assert suggested.status == Resource.Status.SUGGESTED
    assert mailoutbox == []


def test_a_decided_suggestion_cannot_be_decided_again(admin_client, suggested, sekretariat):
    contributions.decide(resource=suggested, publish=False, by=sekretariat)
    assert admin_client.get(review_url(suggested)).status_code == 404
    response = admin_client.post(
        review_url(suggested), {"decision": "publish", "summary": "Igjen", "message": ""}
    )
    assert response.status_code == 404
    suggested.refresh_from_db()
    assert suggested.status == Resource.Status.REJECTED
    with pytest.raises(contributions.NotASuggestion):
        contributions.decide(resource=suggested, publish=True, by=sekretariat)


def test_a_rejected_resource_published_later_is_dated_then_for_the_digest(admin_client):
    resource = make_resource(title="Klimakur 2030", status=Resource.Status.REJECTED)
    Resource.objects.filter(pk=resource.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=400)
    )
    response = admin_client.post(
        reverse("library_resources:edit", args=[resource.pk]),
        resource_data(slug=resource.slug, status=Resource.Status.PUBLISHED),
    )
    assert response.status_code == 302, response.context["form"].errors
    resource.refresh_from_db()
    assert timezone.now() - resource.published_at < datetime.timedelta(minutes=1)

    earlier = resource.published_at
    admin_client.post(
        reverse("library_resources:edit", args=[resource.pk]),
        resource_data(slug=resource.slug, publisher="Regjeringen"),
    )
    resource.refresh_from_db()
    assert resource.published_at == earlier  # an edit of a published resource keeps its date
