"""The demo partners publish their targets and done measures on their profiles: a good share
of those with a public profile, never one without."""

from __future__ import annotations

from klimanett.demo.climate_plan import plan_climate
from klimanett.demo.plan import plan


def test_a_good_share_of_public_demo_partners_publish_their_targets_and_measures():
    planned = plan(commitment_codes=[], this_year=2026)
    climate = plan_climate(planned, this_year=2026)
    public = [p for p in planned if p.org_number in climate and p.spec.public]
    private = [p for p in planned if p.org_number in climate and not p.spec.public]

    publishing = [p for p in public if climate[p.org_number].publish]

    assert 0.5 <= len(publishing) / len(public) <= 0.9
    assert not any(climate[p.org_number].publish for p in private)
