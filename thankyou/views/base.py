"""What our own admin pages share."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPageMixin(WagtailAdminTemplateMixin):
    """An admin page of ours: its title in the header's breadcrumbs, after "Home"."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
