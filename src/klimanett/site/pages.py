"""Set up the site's page tree: a home page at the root with the partner directory, the good
examples, the news, the award page, the annual climate reports and the two statements
(accessibility, privacy) under it.

Page titles and default texts are content, so they are written here in bokmål; editors change
them in the back office.
"""

from __future__ import annotations

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from klimanett.site import statements
from klimanett.site.models import (
    AnnualReportIndexPage,
    AwardPage,
    ExampleIndexPage,
    HomePage,
    NewsIndexPage,
    PartnerDirectoryPage,
    StandardPage,
)


def ensure_site_pages(
    *, home_title: str, intro: str, aims: list[tuple[str, str]], aims_heading: str = ""
) -> HomePage:
    """Make the home page the default site's root and give it its sections; idempotent: a page
    that exists (by type, or by slug for the statements) is left as it is."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title=home_title,
            slug="hjem",
            intro=intro,
            aims_heading=aims_heading,
            aims=[("aim", {"title": title, "text": text}) for title, text in aims],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        # Wagtail's installation leaves a placeholder "Welcome" page; the home page replaces it.
        Page.objects.filter(depth=2).exclude(pk=home.pk).not_type(HomePage).delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Klimanett"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    sections: list[Page] = []
    if not PartnerDirectoryPage.objects.exists():
        sections.append(PartnerDirectoryPage(title="Partnere", slug="partnere", show_in_menus=True))
    if not ExampleIndexPage.objects.exists():
        sections.append(
            ExampleIndexPage(
                title="Gode eksempler",
                slug="eksempler",
                show_in_menus=True,
                intro="Slik kutter partnerne i nettverket utslipp: tiltak med tall for hva de "
                "kostet og hva de ga. Del dem, kopier dem og ta kontakt med dem som har gjort det.",
            )
        )
    if not NewsIndexPage.objects.exists():
        sections.append(
            NewsIndexPage(
                title="Nyheter",
                slug="nyheter",
                show_in_menus=True,
                intro="Nytt fra klimanettverket, partnerne og sekretariatet.",
            )
        )
    if not AwardPage.objects.exists():
        sections.append(
            AwardPage(
                title="Årets klimapartner",
                slug="arets-klimapartner",
                show_in_menus=True,
                intro="Hvert år kårer nettverket en partner som har gått foran i klimaarbeidet. "
                "Her finner du kriteriene og vinnerne.",
            )
        )
    if not AnnualReportIndexPage.objects.exists():
        sections.append(
            AnnualReportIndexPage(
                title="Klimarapporter",
                slug="klimarapport",
                intro="Hvert år samler nettverket partnernes godkjente klimaregnskap i en "
                "rapport: hvor mange som rapporterte, utslippene, endringen og tiltakene.",
            )
        )
    existing = set(home.get_children().values_list("slug", flat=True))
    for title, slug, intro, body in (
        (
            statements.ACCESSIBILITY_TITLE,
            statements.ACCESSIBILITY_SLUG,
            statements.ACCESSIBILITY_INTRO,
            statements.ACCESSIBILITY_BODY,
        ),
        (
            statements.PRIVACY_TITLE,
            statements.PRIVACY_SLUG,
            statements.PRIVACY_INTRO,
            statements.PRIVACY_BODY,
        ),
    ):
        if slug not in existing:
            sections.append(
                StandardPage(
                    title=title,
                    slug=slug,
                    intro=intro,
                    body=[
                        (block, RichText(value) if block == "paragraph" else value)
                        for block, value in body
                    ],
                )
            )
    for section in sections:
        if section.slug in existing:
            continue  # an editor's own page has the address; leave it
        home.add_child(instance=section)
        section.save_revision().publish()
    return home
