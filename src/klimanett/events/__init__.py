"""Meeting places: events with registration, waiting lists, calendars and check-in."""
