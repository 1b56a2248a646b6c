"""The public calendars at /arrangementer/: list, past events, month view and iCalendar feeds."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from klimanett.events import calendars, ics
from klimanett.events.filters import EventFilterForm
from klimanett.events.models import EventQuerySet, Theme

PER_PAGE = 20


def _list(request: HttpRequest, *, past: bool) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    now = timezone.now()
    events = form.apply(calendars.calendar_events())
    if past:
        events = events.past(now).order_by("-starts_at", "-pk")
    else:
        events = events.upcoming(now).order_by("starts_at", "pk")
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "filters": form.querystring(),
            "page_obj": page,
            "entries": calendars.entries(page.object_list, now),
            "past": past,
            "this_month_url": reverse("events:event_month", args=[today.year, today.month]),
        },
    )


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    return _list(request, past=False)


@require_safe
def past_event_list(request: HttpRequest) -> HttpResponse:
    return _list(request, past=True)


@require_safe
def event_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not calendars.valid_month(year, month):
        raise Http404
    form = EventFilterForm(request.GET or None)
    shown = calendars.month(year, month, form.apply(calendars.calendar_events()))
    return render(
        request,
        "events/event_month.html",
        {
            "form": form,
            "filters": form.querystring(),
            "month": shown,
            "weekdays": calendars.weekday_names(),
        },
    )


def _feed(name: str, events: EventQuerySet, filename: str) -> HttpResponse:
    cal = ics.calendar(calendars.feed_events(events), include_online_link=False, name=name)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def calendar_feed(request: HttpRequest) -> HttpResponse:
    return _feed(_("Klimanett: events"), calendars.calendar_events(), "klimanett.ics")


@require_safe
def theme_feed(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    events = calendars.calendar_events().filter(themes=theme)
    name = _("Klimanett: %(theme)s") % {"theme": theme.name}
    return _feed(name, events, f"klimanett-{theme.slug}.ics")
