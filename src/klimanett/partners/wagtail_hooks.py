"""The partner registry in the Wagtail admin, grouped under one "Partners" menu."""

from wagtail import hooks

from klimanett.partners.viewsets import PartnersViewSetGroup


@hooks.register("register_admin_viewset")
def register_partner_viewsets() -> PartnersViewSetGroup:
    return PartnersViewSetGroup()
