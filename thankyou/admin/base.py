"""What our own admin pages share, and the one way they see only the user's shops."""

from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from thankyou.tenancy.scoping import shops_of


class AdminPageMixin(WagtailAdminTemplateMixin):
    """An admin page of ours: its title in the header's breadcrumbs, after "Home"."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ShopScopedMixin:
    """
    Every admin view of ours: it sees the rows of the user's shops only,
    through the model's permission policy (a ShopScopedPolicy), in its
    listings, choosers and the object its URL names (another shop's is not
    found); views without a model choose among ``shops``.
    tests/test_tenancy.py checks that every admin view we register uses it.
    """

    @cached_property
    def shops(self):
        return shops_of(self.request.user)

    def scoped(self, queryset):
        return policy_registry.get_by_type(queryset.model).scope(queryset, self.request.user)

    def get_base_queryset(self):
        # A listing of the view's rows, filtered and sorted further; the other
        # listings (an object's history, its uses) are of the object it checks.
        queryset = super().get_base_queryset()
        return self.scoped(queryset) if queryset.model is self.model else queryset

    def get_object_list(self):  # choosers
        return self.scoped(super().get_object_list())

    def get_objects(self, pks):  # choosing several
        return self.scoped(super().get_objects(pks))

    def get_object(self, *args, **kwargs):  # None in a create view
        instance = super().get_object(*args, **kwargs)
        if instance is None:
            return None
        if not self.scoped(type(instance)._default_manager.filter(pk=instance.pk)).exists():
            raise Http404
        return instance


def shop_scoped(view):
    """
    Mark a view scoped without the mixin: a function view that finds what it
    shows through ``thankyou.tenancy.scoping``, or a Wagtail view of ours
    narrowed to the shops' page trees or collections.
    """
    view.shop_scoped = True
    return view


def offer_shops(field, shops):
    """Let a form's shop field choose among these shops, the only one preselected."""
    field.queryset = shops
    if len(shops) == 1:
        field.initial = shops[0].pk
