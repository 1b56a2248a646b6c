from wagtail import hooks

from klimanett.site.choosers import event_chooser_viewset, organisation_chooser_viewset


@hooks.register("register_admin_viewset")
def register_choosers() -> list[object]:
    return [event_chooser_viewset, organisation_chooser_viewset]
