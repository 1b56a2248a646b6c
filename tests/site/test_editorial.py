"""Editorial work in Wagtail: writers submit, editors approve, scheduled publishing, preview."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from klimanett.core import roles
from klimanett.site.models import HomePage, StandardPage
from tests.builders import make_example_page, make_site_pages, make_user


def member_of(group: str, email: str):
    roles.ensure_role_groups()
    user = make_user(email=email)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(db):
    return member_of(roles.WRITERS, "skribent@fylke.example.no")


@pytest.fixture
def editor(db):
    return member_of(roles.EDITORS, "redaktor@fylke.example.no")


@pytest.fixture
def draft(db) -> StandardPage:
    make_site_pages()
    page = StandardPage(title="Om nettverket", slug="om", intro="Første utkast.", live=False)
    HomePage.objects.get().add_child(instance=page)
    page.save_revision()
    return page


def edit_form(client: Client, page: Page, **changes: str):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # Stream fields are drawn by the admin's JavaScript: they are sent empty here.
    for field in type(page.specific)._meta.get_fields():
        if isinstance(field, StreamField):
            data.update(nested_form_data({field.name: streamfield([])}))
    data.update(changes)
    return data


def test_ensure_role_groups_is_idempotent_and_assigns_the_editorial_workflow(db):
    roles.ensure_role_groups()
    roles.ensure_role_groups()
    workflow = Workflow.objects.get(name=roles.EDITORIAL_WORKFLOW)
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    [task] = [t.specific for t in workflow.tasks.all()]
    assert {group.name for group in task.groups.all()} == {roles.EDITORS, roles.SECRETARIAT}
    assert Group.objects.filter(name=roles.WRITERS).count() == 1


def test_every_page_of_the_site_is_under_the_editorial_workflow(draft):
    assert draft.get_workflow().name == roles.EDITORIAL_WORKFLOW


def test_a_writer_may_edit_pages_but_not_publish_them(draft, writer, editor):
    assert draft.permissions_for_user(writer).can_edit()
    assert not draft.permissions_for_user(writer).can_publish()
    assert draft.permissions_for_user(editor).can_publish()


def test_a_writer_cannot_publish_from_the_editor(draft, writer):
    client = Client()
    client.force_login(writer)
    data = edit_form(client, draft, title="Om klimanettverket")
    data["action-publish"] = "action-publish"

    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)

    draft.refresh_from_db()
    assert not draft.live
    assert Client().get("/om/").status_code == 404


def test_a_writer_submits_a_page_and_an_editor_approves_it_so_it_goes_live(draft, writer, editor):
    client = Client()
    client.force_login(writer)
    data = edit_form(client, draft, title="Om klimanettverket")
    data["action-submit"] = "action-submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    state = draft.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert Client().get("/om/").status_code == 404

    client.force_login(editor)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[draft.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": "Fint!"},
    )

    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live
    assert draft.title == "Om klimanettverket"
    assert "Om klimanettverket" in Client().get("/om/").content.decode()


def test_a_writer_cannot_approve_their_own_submission(draft, writer):
    state = draft.get_workflow().start(draft, writer)
    client = Client()
    client.force_login(writer)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[draft.pk, "approve", state.current_task_state.pk],
        )
    )
    draft.refresh_from_db()
    assert not draft.live


def test_publish_scheduled_publishes_a_revision_whose_time_has_come(draft):
    draft.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = draft.save_revision()
    revision.publish()
    draft.refresh_from_db()
    assert not draft.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    # The hour passes: the scheduled time is now a minute ago.
    a_minute_ago = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = a_minute_ago
    revision.content["go_live_at"] = a_minute_ago.isoformat()
    revision.save()

    call_command("publish_scheduled")

    draft.refresh_from_db()
    assert draft.live
    assert Client().get("/om/").status_code == 200


def test_an_editor_previews_a_draft_good_example_that_visitors_cannot_see(db, editor):
    make_site_pages()
    example = make_example_page(title="Varmepumpe i hallen", live=False)
    client = Client()
    client.force_login(editor)
    data = edit_form(client, example, title="Varmepumpe i idrettshallen")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[example.pk])

    assert client.post(preview_url, data).json()["is_valid"]
    preview = client.get(preview_url)

    assert preview.status_code == 200
    assert "Varmepumpe i idrettshallen" in preview.content.decode()
    assert Client().get(example.url or "/eksempler/varmepumpe/").status_code == 404
    assert Client().get(f"/eksempler/{example.slug}/").status_code == 404
