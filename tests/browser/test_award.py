""" "Årets klimapartner" in a browser: a contact nominates from the partner area, a juror scores
the nominees (never their own organisation), and the published winner is on the award page;
axe on the nomination form, the jury's pages and the public page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from klimanett.awards import services
from klimanett.awards.models import Nomination, Score
from klimanett.site.models import AwardPage, HomePage
from tests.browser.helpers import assert_descriptions_exist, log_in, screenshot
from tests.builders import make_award_round, make_juror, make_nomination, make_site_pages

pytestmark = pytest.mark.browser


def test_a_contact_nominates_a_juror_scores_and_the_winner_is_published(
    page, check_a11y, alice, charlie, sekretariat, organisation_a, organisation_b
):
    make_site_pages()
    award_page = AwardPage.objects.first()  # made by ensure_site_pages, or else here
    if award_page is None:
        award_page = AwardPage(title="Årets klimapartner", slug="arets-klimapartner")
        HomePage.objects.get().add_child(instance=award_page)
        award_page.save_revision().publish()
    # Only members with a public profile can be nominated: Beta shows one here.
    organisation_b.public_profile = True
    organisation_b.save()
    award_round = make_award_round()
    make_nomination(award_round, organisation_a, reason="Alfa har elektrifisert bilparken.")
    make_juror(award_round, charlie)

    # Alice finds the form from her organisation's page and nominates Beta.
    log_in(page, alice)
    page.locator(f"main a[href='{reverse('awards:nominate')}']").click()
    expect(page.locator("#id_nominee")).to_be_visible()
    check_a11y(page)
    assert_descriptions_exist(page)
    screenshot(page, "award_nominate")
    page.locator("#id_nominee").select_option(str(organisation_b.pk))
    page.locator("#id_reason").fill("Beta har bygd solkraft på alle tak.")
    page.locator("main form.kn-form button[type=submit]").click()
    expect(page.get_by_text("Beta har bygd solkraft på alle tak.")).to_be_visible()
    assert Nomination.objects.filter(nominee=organisation_b, nominated_by=alice).exists()
    check_a11y(page)

    # Nominations close; Charlie (of Beta) scores Alfa and is not offered Beta.
    today = timezone.localdate()
    award_round.nomination_opens = today - datetime.timedelta(days=20)
    award_round.nomination_closes = today - datetime.timedelta(days=1)
    award_round.save()
    page.context.clear_cookies()
    log_in(page, charlie)
    page.goto(reverse("awards:jury", args=[award_round.year]))
    expect(page.get_by_text("Alfa har elektrifisert bilparken.")).to_be_visible()
    expect(page.get_by_text("Beta har bygd solkraft på alle tak.")).to_have_count(0)
    beta_score = reverse("awards:score_nominee", args=[award_round.year, organisation_b.pk])
    expect(page.locator(f"a[href='{beta_score}']")).to_have_count(0)
    check_a11y(page)
    screenshot(page, "award_jury")

    alfa_score = reverse("awards:score_nominee", args=[award_round.year, organisation_a.pk])
    page.locator(f"a[href='{alfa_score}']").click()
    for name, points in (("direct_cuts", 4), ("long_term", 5), ("example", 3)):
        page.locator(f"input[name={name}][value='{points}']").check()
    page.locator("#id_comment").fill("Sterk og godt dokumentert.")
    check_a11y(page)
    assert_descriptions_exist(page)
    page.locator("main form.kn-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/jury/\d+/$"))
    score = Score.objects.get(juror__user=charlie)
    assert (score.nominee, score.total) == (organisation_a, 12)

    # The secretariat chooses and publishes; the public page shows the winner.
    award_round.scoring_closes = today
    award_round.save()
    services.choose_winner(
        award_round=award_round, winner=organisation_a, citation="Modig og raus.", by=sekretariat
    )
    page.context.clear_cookies()
    page.goto(award_page.url)
    expect(page.get_by_text("Modig og raus.")).to_have_count(0)
    services.publish_winner(award_round=award_round, by=sekretariat)
    page.goto(award_page.url)
    expect(page.get_by_text("Modig og raus.")).to_be_visible()
    expect(page.get_by_role("link", name="Alfa Klimaservice AS")).to_be_visible()
    check_a11y(page)
    screenshot(page, "award_page")
