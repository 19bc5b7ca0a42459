"""What our own admin pages share."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPageMixin(WagtailAdminTemplateMixin):
    """An admin page of ours: its title in the header's breadcrumbs, after "Home"."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def offer_shops(field, shops):
    """Let a form's shop field choose among these shops, the only one preselected."""
    field.queryset = shops
    if len(shops) == 1:
        field.initial = shops[0].pk
