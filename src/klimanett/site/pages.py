"""Set up the site's page tree: a home page at the root with the partner directory under it."""

from __future__ import annotations

from wagtail.models import Page, Site

from klimanett.site.models import HomePage, PartnerDirectoryPage


def ensure_site_pages(
    *, home_title: str, intro: str, aims: list[tuple[str, str]], aims_heading: str = ""
) -> HomePage:
    """Make the home page the default site's root and give it a partner directory; idempotent."""
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
    if not PartnerDirectoryPage.objects.exists():
        directory = PartnerDirectoryPage(title="Partnere", slug="partnere", show_in_menus=True)
        home.add_child(instance=directory)
        directory.save_revision().publish()
    return home
