"""The demo's municipal emission statistics: invented splits that add up to the published
county totals, built once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from klimanett.demo.region_build import TOTALS, YEARS, build_region_emissions
from klimanett.region.models import MunicipalEmission

pytestmark = pytest.mark.django_db


def test_the_demo_statistics_add_up_to_the_published_totals_of_each_part_of_the_county():
    build_region_emissions()
    for part, totals in TOTALS.items():
        for year, total in totals.items():
            rows = MunicipalEmission.objects.filter(
                municipality__number__startswith=part, year=year
            )
            assert rows.aggregate(total=Sum("t_co2e"))["total"] == Decimal(total)
    assert set(MunicipalEmission.objects.values_list("year", flat=True)) == set(YEARS)
    assert MunicipalEmission.objects.values("municipality").distinct().count() == 23


def test_building_the_demo_statistics_twice_creates_nothing_the_second_time():
    first = build_region_emissions()
    count = MunicipalEmission.objects.count()
    assert first["municipal_emissions"] == count > 0
    assert build_region_emissions() == {"municipal_emissions": 0}
    assert MunicipalEmission.objects.count() == count
