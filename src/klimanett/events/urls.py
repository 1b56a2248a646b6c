from django.urls import URLPattern, path

from klimanett.events import calendar_views, feedback_views, views

app_name = "events"
urlpatterns: list[URLPattern] = [
    # The public calendars: list, past events, month view and iCalendar feeds.
    path("", calendar_views.event_list, name="event_list"),
    path("tidligere/", calendar_views.past_event_list, name="past_event_list"),
    path("maned/<int:year>/<int:month>/", calendar_views.event_month, name="event_month"),
    path("kalender.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path("tema/<slug:slug>.ics", calendar_views.theme_feed, name="theme_feed"),
]

# Event pages and registration (items 1–3 of issue 5). "<slug:slug>/" last: fixed paths first.
urlpatterns += [
    path("pamelding/<str:token>/", views.registration_detail, name="registration_detail"),
    path("avmelding/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("tilbakemelding/<str:token>/", feedback_views.feedback, name="feedback"),
    path("<slug:slug>/arrangement.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/", views.event_detail, name="event_detail"),
]
