"""Editors and writers, who log in without a second factor, see only public data when they
choose partners, events and measures in the page editor."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from klimanett.climateplans.models import ActionPlan, Measure
from klimanett.core import roles
from klimanett.events.models import Event
from klimanett.library.models import Resource
from klimanett.site.models import ExampleIndexPage
from tests.builders import (
    make_event,
    make_membership,
    make_organisation,
    make_resource,
    make_site_pages,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer_client() -> Client:
    make_site_pages()
    roles.ensure_role_groups()
    writer = make_user(email="skribent@fylke.example.no")
    writer.groups.add(Group.objects.get(name=roles.WRITERS))
    client = Client()
    client.force_login(writer)
    return client


def _measure(organisation, title: str, *, published: bool, status: str = "done") -> Measure:
    plan, _ = ActionPlan.objects.get_or_create(
        organisation=organisation, defaults={"publish_done_measures": published}
    )
    return Measure.objects.create(
        plan=plan,
        title=title,
        category="heating",
        start_year=2024,
        status=status,
        expected_reduction_t=Decimal(10),
    )


def test_the_partner_chooser_lists_only_partners_in_the_public_directory(writer_client):
    shown = make_organisation(name="Synlig Partner AS")
    make_membership(shown)
    hidden = make_organisation(name="Skjult Partner AS", public_profile=False)
    make_membership(hidden)
    html = writer_client.get(reverse("organisation_chooser:choose")).json()["html"]
    assert "Synlig Partner AS" in html
    assert "Skjult Partner AS" not in html
    results = writer_client.get(
        reverse("organisation_chooser:choose_results"), {"q": "Partner"}
    ).content.decode()
    assert "Synlig Partner AS" in results
    assert "Skjult Partner AS" not in results


def test_the_event_chooser_lists_only_published_events(writer_client):
    make_event(title="Åpent nettverksmøte")
    make_event(title="Hemmelig utkast", status=Event.Status.DRAFT)
    html = writer_client.get(reverse("event_chooser:choose")).json()["html"]
    assert "Åpent nettverksmøte" in html
    assert "Hemmelig utkast" not in html


def test_the_example_editor_offers_public_partners_and_their_published_done_measures_only(
    writer_client,
):
    shown = make_organisation(name="Synlig Partner AS")
    make_membership(shown)
    hidden = make_organisation(name="Skjult Partner AS", public_profile=False)
    make_membership(hidden)
    _measure(shown, "Publisert varmepumpe", published=True)
    _measure(shown, "Planlagt elbil", published=True, status=Measure.Status.PLANNED)
    private_plan = make_organisation(name="Privat Plan AS")
    make_membership(private_plan)
    _measure(private_plan, "Upublisert solcelleanlegg", published=False)
    _measure(hidden, "Hemmelig tiltak XYZ", published=True)
    make_resource(title="Publisert veileder")
    make_resource(title="Hemmelig forslag", status=Resource.Status.SUGGESTED)
    make_resource(title="Avvist forslag", status=Resource.Status.REJECTED)

    index = ExampleIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["klimanett_site", "examplepage", index.pk])
    html = writer_client.get(url).content.decode()

    assert "Synlig Partner AS: Publisert varmepumpe" in html
    assert "Publisert veileder" in html
    for private in (
        "Skjult Partner AS",
        "Planlagt elbil",
        "Upublisert solcelleanlegg",
        "Hemmelig tiltak XYZ",
        "Hemmelig forslag",
        "Avvist forslag",
    ):
        assert private not in html
