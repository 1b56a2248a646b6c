"""The award's data about a person is in their personal-data export."""

from klimanett.awards.models import Score
from klimanett.core.privacy import export_personal_data
from tests.builders import make_award_round, make_juror, make_nomination


def test_nominations_and_jury_scores_are_in_the_personal_data_export(
    alice, organisation_a, organisation_b, charlie
):
    award_round = make_award_round()
    nomination = make_nomination(
        award_round, organisation_b, nominating_organisation=organisation_a, nominated_by=alice
    )
    juror = make_juror(award_round, alice)
    Score.objects.create(
        juror=juror,
        nominee=nomination.nominee,
        direct_cuts=4,
        long_term=3,
        example=5,
        comment="Sterk på transport.",
    )

    award = export_personal_data(alice)["award"]

    assert award[0]["nominee"] == "Beta Energi AS" and award[0]["reason"] == "Kutter mye."
    [score] = award[1]["scores"]
    assert score["direct_cuts"] == 4 and score["comment"] == "Sterk på transport."
    assert export_personal_data(charlie)["award"] == []
