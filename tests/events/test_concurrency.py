"""Never overbooked: 200 registrations at once for 50 places, each on its own connection.

Needs PostgreSQL: SQLite locks the whole database file and has no SELECT … FOR UPDATE, so it
cannot show what happens when transactions really run side by side.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from klimanett.events import services
from klimanett.events.models import Registration
from tests.builders import make_event

REGISTRATIONS = 200
PLACES = 50
# Each thread holds its own database connection; stay well below max_connections (100).
THREADS = 40

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run transactions at once",
    ),
]


def test_200_registrations_at_once_for_50_places_give_50_confirmed_and_150_waiting():
    event = make_event(capacity=PLACES)
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def register(n: int) -> None:
        try:
            if n < THREADS:
                start.wait(timeout=30)  # the first wave starts together
            services.register(
                event=event, name=f"Deltaker {n}", email=f"deltaker{n}@example.no", consent=True
            )
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()  # this thread's connection

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(register, range(REGISTRATIONS)))

    assert not errors, errors
    registrations = list(Registration.objects.filter(event=event).order_by("registered_at", "pk"))
    assert len(registrations) == REGISTRATIONS
    statuses = [r.status for r in registrations]
    assert statuses.count(Registration.Status.CONFIRMED) == PLACES
    assert statuses.count(Registration.Status.WAITING) == REGISTRATIONS - PLACES
    # In order of registration: every place went before anyone was put on the list.
    assert statuses == ["confirmed"] * PLACES + ["waiting"] * (REGISTRATIONS - PLACES)
    waiting = list(services.waiting_list(event))
    assert waiting == registrations[PLACES:]
    assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)
    assert [services.waiting_position(r) for r in waiting[:3]] == [1, 2, 3]
