"""The public calendars at /arrangementer/: list, past events, month view and iCalendar feeds."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from klimanett.events.models import Event, Registration, Theme
from tests.builders import make_event

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NEXT_YEAR = timezone.now().year + 1
SECRET_LINK = "https://moete.example.no/hemmelig-rom-123"


@pytest.fixture(autouse=True)
def _in_english():
    """These tests read the calendar in bokmål, the site's default (dates as 01.02.2027)."""
    return


def _theme(name: str) -> Theme:
    return Theme.objects.create(name=name, slug=name.lower())


def _register(event: Event, count: int, status: str = "confirmed") -> None:
    for n in range(count):
        Registration.objects.create(
            event=event, name=f"Deltaker {n}", email=f"d{n}-{status}@example.no", status=status
        )


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=UTC)


def _titles(response) -> list[str]:
    return [entry.event.title for entry in response.context["entries"]]


def _feed(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _vevents(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(vevent["summary"]): vevent for vevent in cal.walk("VEVENT")}


# --- The list -----------------------------------------------------------------------------


def test_list_shows_upcoming_events_with_date_and_time_in_oslo(client):
    make_event(
        title="Frokostmøte om energi",
        starts_at=_at(NEXT_YEAR, 1, 31, 23, 30),
        ends_at=_at(NEXT_YEAR, 2, 1, 1, 0),
    )
    response = client.get(reverse("events:event_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Frokostmøte om energi" in html
    # 23:30 UTC on 31 January is 00:30 on 1 February in Oslo (UTC+1 in winter).
    assert f"01.02.{NEXT_YEAR}, 00:30" in html
    assert "02:00" in html


def test_list_links_each_event_to_its_page(client):
    event = make_event(title="Kurs i klimaregnskap")
    html = client.get(reverse("events:event_list")).content.decode()
    assert f'href="{reverse("events:event_detail", args=[event.slug])}"' in html


def test_drafts_are_never_shown_in_the_list_the_month_or_the_feeds(client):
    draft = make_event(title="Hemmelig utkast", status=Event.Status.DRAFT)
    theme = _theme("Energi")
    draft.themes.set([theme])
    local = timezone.localtime(draft.starts_at)
    pages = [
        reverse("events:event_list"),
        reverse("events:past_event_list"),
        reverse("events:event_month", args=[local.year, local.month]),
        reverse("events:calendar_feed"),
        reverse("events:theme_feed", args=[theme.slug]),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200
        assert "Hemmelig utkast" not in response.content.decode(), path


def test_past_events_are_on_their_own_page_newest_first(client):
    now = timezone.now()
    make_event(
        title="Kommende",
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
    )
    for days, title in ((40, "Eldre"), (10, "Nylig")):
        make_event(
            title=title,
            starts_at=now - datetime.timedelta(days=days),
            ends_at=now - datetime.timedelta(days=days, hours=-2),
        )
    assert _titles(client.get(reverse("events:event_list"))) == ["Kommende"]
    assert _titles(client.get(reverse("events:past_event_list"))) == ["Nylig", "Eldre"]


def test_an_event_going_on_now_is_still_upcoming(client):
    now = timezone.now()
    make_event(
        title="Pågår",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
    )
    assert _titles(client.get(reverse("events:event_list"))) == ["Pågår"]


def test_list_filters_by_type_theme_and_audience(client):
    energy, transport = _theme("Energi"), _theme("Transport")
    make_event(title="Energikurs", type=Event.Type.COURSE, themes=[energy])
    make_event(title="Transportwebinar", type=Event.Type.WEBINAR, themes=[transport])
    make_event(
        title="Ledermøte",
        type=Event.Type.TOP_MANAGERS,
        audience=Event.Audience.TOP_MANAGERS,
        themes=[energy, transport],
    )
    url = reverse("events:event_list")
    assert _titles(client.get(url, {"type": "course"})) == ["Energikurs"]
    assert _titles(client.get(url, {"theme": "energi"})) == ["Energikurs", "Ledermøte"]
    assert _titles(client.get(url, {"audience": "top_managers"})) == ["Ledermøte"]
    assert _titles(client.get(url, {"theme": "transport", "type": "webinar"})) == [
        "Transportwebinar"
    ]
    assert len(_titles(client.get(url))) == 3


def test_filter_form_has_labels_and_keeps_the_chosen_values(client):
    _theme("Energi")
    html = client.get(reverse("events:event_list"), {"theme": "energi"}).content.decode()
    for field in ("type", "theme", "audience"):
        assert f'<label class="ds-label" for="id_{field}"' in html
    assert '<option value="energi" selected>' in html
    assert 'method="get"' in html


def test_an_unknown_filter_value_filters_nothing_and_does_not_fail(client):
    make_event(title="Verksted")
    response = client.get(reverse("events:event_list"), {"theme": "finnes-ikke", "type": "x"})
    assert response.status_code == 200
    assert _titles(response) == ["Verksted"]


def test_list_says_places_left_waiting_list_and_cancelled(client):
    open_event = make_event(title="Åpent", capacity=10)
    _register(open_event, 3)
    _register(open_event, 2, status="cancelled")
    full = make_event(title="Fullt", capacity=2)
    _register(full, 2)
    _register(full, 1, status="waiting")
    make_event(title="Avlyst", status=Event.Status.CANCELLED)
    make_event(title="Uten grense", capacity=None)
    response = client.get(reverse("events:event_list"))
    states = {
        entry.event.title: (entry.availability, entry.places_left)
        for entry in response.context["entries"]
    }
    assert states == {
        "Åpent": ("places_left", 7),
        "Fullt": ("waiting_list", 0),
        "Avlyst": ("cancelled", None),
        "Uten grense": ("no_limit", None),
    }
    html = response.content.decode()
    assert "7 places left" in html or "7 plasser igjen" in html


def test_places_left_are_counted_right_when_filtering_by_theme(client):
    energy, transport = _theme("Energi"), _theme("Transport")
    event = make_event(title="To temaer", capacity=10, themes=[energy, transport])
    _register(event, 3)
    [entry] = client.get(reverse("events:event_list"), {"theme": "energi"}).context["entries"]
    assert entry.places_left == 7


def test_a_full_event_whose_registration_has_closed_is_full(client):
    event = make_event(
        title="Stengt",
        capacity=1,
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    _register(event, 1)
    [entry] = client.get(reverse("events:event_list")).context["entries"]
    assert entry.availability == "full"


def test_list_is_paginated_and_pages_keep_the_filter(client):
    now = timezone.now()
    for n in range(25):
        start = now + datetime.timedelta(days=n + 1)
        make_event(
            title=f"Kurs {n:02}",
            type=Event.Type.COURSE,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
    make_event(title="Webinar", type=Event.Type.WEBINAR)
    url = reverse("events:event_list")
    first = client.get(url, {"type": "course"})
    assert len(_titles(first)) == 20
    assert "?type=course&amp;page=2" in first.content.decode()
    second = client.get(url, {"type": "course", "page": 2})
    assert _titles(second) == [f"Kurs {n:02}" for n in range(20, 25)]
    assert client.get(url, {"page": "tull"}).status_code == 200


def test_list_links_to_the_month_view_and_the_feeds(client):
    theme = _theme("Energi")
    html = client.get(reverse("events:event_list")).content.decode()
    today = timezone.localdate()
    assert reverse("events:event_month", args=[today.year, today.month]) in html
    assert reverse("events:calendar_feed") in html
    assert reverse("events:theme_feed", args=[theme.slug]) in html


# --- The month view -----------------------------------------------------------------------


def _day(response, day: datetime.date):
    for week in response.context["month"].weeks:
        for cell in week:
            if cell.date == day and cell.in_month:
                return [entry.event.title for entry in cell.entries]
    raise AssertionError(f"{day} is not in the month shown")


def _month(client, year: int, month: int, **params):
    return client.get(reverse("events:event_month", args=[year, month]), params)


def test_month_view_places_an_event_on_its_day_in_oslo_time(client):
    make_event(
        title="Nattmøte",
        starts_at=_at(NEXT_YEAR, 1, 31, 23, 30),
        ends_at=_at(NEXT_YEAR, 1, 31, 23, 50),
    )
    january = _month(client, NEXT_YEAR, 1)
    assert "Nattmøte" not in january.content.decode()
    assert _day(january, datetime.date(NEXT_YEAR, 1, 31)) == []
    february = _month(client, NEXT_YEAR, 2)
    assert _day(february, datetime.date(NEXT_YEAR, 2, 1)) == ["Nattmøte"]


def test_an_event_over_a_month_boundary_is_on_each_of_its_days(client):
    make_event(
        title="Studietur",
        type=Event.Type.STUDY_TRIP,
        starts_at=_at(NEXT_YEAR, 3, 30, 7),
        ends_at=_at(NEXT_YEAR, 4, 2, 15),
    )
    march = _month(client, NEXT_YEAR, 3)
    assert _day(march, datetime.date(NEXT_YEAR, 3, 30)) == ["Studietur"]
    assert _day(march, datetime.date(NEXT_YEAR, 3, 31)) == ["Studietur"]
    april = _month(client, NEXT_YEAR, 4)
    assert _day(april, datetime.date(NEXT_YEAR, 4, 1)) == ["Studietur"]
    assert _day(april, datetime.date(NEXT_YEAR, 4, 2)) == ["Studietur"]
    assert _day(april, datetime.date(NEXT_YEAR, 4, 3)) == []
    assert [e.event.title for e in april.context["month"].entries] == ["Studietur"]


def test_an_event_ending_at_midnight_is_not_on_the_next_day(client):
    # 22:00 to 23:00 UTC in January is 23:00 to midnight in Oslo.
    make_event(title="Sent", starts_at=_at(NEXT_YEAR, 1, 9, 22), ends_at=_at(NEXT_YEAR, 1, 9, 23))
    january = _month(client, NEXT_YEAR, 1)
    assert _day(january, datetime.date(NEXT_YEAR, 1, 9)) == ["Sent"]
    assert _day(january, datetime.date(NEXT_YEAR, 1, 10)) == []


def test_month_view_is_a_table_with_weekdays_from_monday_and_event_links(client):
    event = make_event(
        title="Verksted", starts_at=_at(NEXT_YEAR, 5, 12, 8), ends_at=_at(NEXT_YEAR, 5, 12, 10)
    )
    response = _month(client, NEXT_YEAR, 5)
    html = response.content.decode()
    assert "<caption" in html
    headers = html.split("<thead>")[1].split("</thead>")[0]
    assert headers.count('<th scope="col">') == 7
    assert headers.index("mandag") < headers.index("tirsdag") < headers.index("søndag")
    assert f'href="{reverse("events:event_detail", args=[event.slug])}"' in html
    weeks = response.context["month"].weeks
    assert all(week[0].date.weekday() == 0 for week in weeks)
    # 10:00 in Oslo in May (UTC+2), in the cell and in the list below the table.
    assert ">10:00</time>" in html
    assert "month-list-heading" in html


def test_month_view_shows_past_events_too(client):
    now = timezone.now()
    make_event(
        title="Forrige uke",
        starts_at=now - datetime.timedelta(days=7),
        ends_at=now - datetime.timedelta(days=7, hours=-1),
    )
    local = timezone.localtime(now - datetime.timedelta(days=7))
    assert "Forrige uke" in _month(client, local.year, local.month).content.decode()


def test_month_view_filters_like_the_list(client):
    energy = _theme("Energi")
    make_event(
        title="Energikurs",
        type=Event.Type.COURSE,
        themes=[energy],
        starts_at=_at(NEXT_YEAR, 6, 3, 8),
        ends_at=_at(NEXT_YEAR, 6, 3, 10),
    )
    make_event(
        title="Webinar",
        type=Event.Type.WEBINAR,
        starts_at=_at(NEXT_YEAR, 6, 4, 8),
        ends_at=_at(NEXT_YEAR, 6, 4, 10),
    )
    response = _month(client, NEXT_YEAR, 6, theme="energi")
    assert [e.event.title for e in response.context["month"].entries] == ["Energikurs"]
    html = response.content.decode()
    assert f"{reverse('events:event_month', args=[NEXT_YEAR, 7])}?theme=energi" in html
    assert f"{reverse('events:event_month', args=[NEXT_YEAR, 5])}?theme=energi" in html


def test_month_view_links_to_previous_and_next_month_across_the_year(client):
    html = _month(client, NEXT_YEAR, 12).content.decode()
    assert reverse("events:event_month", args=[NEXT_YEAR + 1, 1]) in html
    assert reverse("events:event_month", args=[NEXT_YEAR, 11]) in html
    html = _month(client, NEXT_YEAR, 1).content.decode()
    assert reverse("events:event_month", args=[NEXT_YEAR - 1, 12]) in html


@pytest.mark.parametrize(("year", "month"), [(NEXT_YEAR, 13), (NEXT_YEAR, 0), (1800, 5)])
def test_an_impossible_month_is_not_found(client, year, month):
    assert _month(client, year, month).status_code == 404


# --- The iCalendar feeds ------------------------------------------------------------------


def test_feed_has_one_vevent_per_published_event_with_stable_uid_and_utc_times(client, settings):
    settings.SITE_URL = "https://klimanett.example.no"
    energy = _theme("Energi")
    event = make_event(
        title="Klimafrokost",
        starts_at=_at(NEXT_YEAR, 2, 3, 7, 30),
        ends_at=_at(NEXT_YEAR, 2, 3, 9),
        themes=[energy],
        online_url=SECRET_LINK,
    )
    cancelled = make_event(title="Avlyst seminar", status=Event.Status.CANCELLED)
    response = client.get(reverse("events:calendar_feed"))
    cal = _feed(response)
    assert str(cal["version"]) == "2.0"
    assert cal["prodid"]
    assert str(cal["x-wr-calname"])
    vevents = _vevents(cal)
    assert set(vevents) == {"Klimafrokost", "Avlyst seminar"}
    vevent = vevents["Klimafrokost"]
    assert str(vevent["uid"]) == f"event-{event.pk}@klimanett.example.no"
    assert vevent.decoded("dtstart") == _at(NEXT_YEAR, 2, 3, 7, 30)
    assert vevent.decoded("dtstart").utcoffset() == datetime.timedelta(0)
    assert vevent.decoded("dtend") == _at(NEXT_YEAR, 2, 3, 9)
    assert "dtstamp" in vevent
    assert "Skien bibliotek" in str(vevent["location"])
    assert str(vevent["url"]) == "https://klimanett.example.no" + event.get_absolute_url()
    assert str(vevent["status"]) == "CONFIRMED"
    categories = [str(c) for prop in _as_list(vevent.get("categories")) for c in prop.cats]
    assert categories == ["Energi"]
    assert str(vevents["Avlyst seminar"]["status"]) == "CANCELLED"
    assert str(vevents["Avlyst seminar"]["uid"]) == f"event-{cancelled.pk}@klimanett.example.no"
    # The online link is for those registered only.
    assert SECRET_LINK.encode() not in response.content
    assert b"hemmelig" not in response.content
    # The same event keeps its UID the next time the feed is fetched.
    again = _vevents(_feed(client.get(reverse("events:calendar_feed"))))
    assert again["Klimafrokost"]["uid"] == vevent["uid"]


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def test_feed_keeps_recent_past_events_and_leaves_out_old_ones(client):
    now = timezone.now()
    make_event(
        title="Forrige måned",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30, hours=-2),
    )
    make_event(
        title="I fjor",
        starts_at=now - datetime.timedelta(days=365),
        ends_at=now - datetime.timedelta(days=365, hours=-2),
    )
    make_event(title="Neste uke")
    assert set(_vevents(_feed(client.get(reverse("events:calendar_feed"))))) == {
        "Forrige måned",
        "Neste uke",
    }


def test_theme_feed_has_only_the_themes_events(client):
    energy, transport = _theme("Energi"), _theme("Transport")
    make_event(title="Energikurs", themes=[energy])
    make_event(title="Begge", themes=[energy, transport])
    make_event(title="Transportkurs", themes=[transport])
    make_event(title="Utkast om energi", themes=[energy], status=Event.Status.DRAFT)
    cal = _feed(client.get(reverse("events:theme_feed", args=["energi"])))
    assert set(_vevents(cal)) == {"Energikurs", "Begge"}
    assert "Energi" in str(cal["x-wr-calname"])


def test_feed_of_an_unknown_theme_is_not_found(client):
    assert client.get(reverse("events:theme_feed", args=["finnes-ikke"])).status_code == 404


def test_feed_url_ends_in_ics():
    assert reverse("events:calendar_feed") == "/arrangementer/kalender.ics"
    assert reverse("events:theme_feed", args=["energi"]) == "/arrangementer/tema/energi.ics"


# --- Queries ------------------------------------------------------------------------------


@pytest.fixture
def many_events() -> Iterator:
    """Make ``n`` published events in the next month with themes and registrations."""

    def make(n: int) -> None:
        themes = [_theme("Energi"), _theme("Transport")]
        start = timezone.localtime().replace(day=1, hour=9) + datetime.timedelta(days=40)
        start = start.replace(day=3)
        for i in range(n):
            event = make_event(
                title=f"Arrangement {i}",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                capacity=10,
                themes=themes,
            )
            _register(event, 2)

    yield make


@pytest.mark.parametrize("n", [3, 20])
def test_calendar_pages_and_feeds_make_the_same_few_queries_however_many_events(
    client, django_assert_max_num_queries, many_events, n
):
    many_events(n)
    start = timezone.localtime(Event.objects.first().starts_at)
    paths = [
        reverse("events:event_list"),
        reverse("events:event_list") + "?theme=energi&type=network_meeting",
        reverse("events:event_month", args=[start.year, start.month]) + "?theme=energi",
        reverse("events:calendar_feed"),
        reverse("events:theme_feed", args=["energi"]),
    ]
    for path in paths:
        with django_assert_max_num_queries(7):
            response = client.get(path)
        assert response.status_code == 200
        assert response.content.count(b"Arrangement ") >= n
