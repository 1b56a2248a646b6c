"""`Rows`: a list endpoint's rows made only for the page taken, counted by the database, and
read a chunk at a time by a download."""

from __future__ import annotations

import pytest

from klimanett.api.conventions import Rows
from klimanett.municipalities.models import Municipality

pytestmark = pytest.mark.django_db


def test_a_page_is_made_from_the_slice_only_and_the_database_counts_the_rest(
    django_assert_num_queries,
):
    made: list[list[str]] = []

    def make_page(items):
        made.append([m.number for m in items])
        return [f"row {m.number}" for m in items]

    rows = Rows(Municipality.objects.order_by("number"), make_page=make_page)
    every = list(Municipality.objects.order_by("number").values_list("number", flat=True))

    with django_assert_num_queries(1):
        assert len(rows) == len(every) > 3
    with django_assert_num_queries(1):
        assert rows[1:3] == [f"row {every[1]}", f"row {every[2]}"]
    assert made == [every[1:3]]
    assert rows[0] == f"row {every[0]}"


def test_iterating_reads_every_row_in_one_query_made_a_chunk_at_a_time(
    monkeypatch, django_assert_num_queries
):
    every = list(Municipality.objects.order_by("number").values_list("number", flat=True))
    monkeypatch.setattr(Rows, "CHUNK", 5)
    made: list[int] = []

    def make_page(items):
        made.append(len(items))
        return [m.number for m in items]

    rows = Rows(Municipality.objects.order_by("number"), make_page=make_page)
    with django_assert_num_queries(1):
        # A comprehension, not list(): list() asks for the length (a count query) first.
        assert [number for number in rows] == every
    assert sum(made) == len(every)
    assert all(size == 5 for size in made[:-1]) and 0 < made[-1] <= 5


def test_rows_need_exactly_one_way_to_make_them():
    with pytest.raises(TypeError):
        Rows(Municipality.objects.all())
    with pytest.raises(TypeError):
        Rows(Municipality.objects.all(), str, make_page=lambda items: items)
