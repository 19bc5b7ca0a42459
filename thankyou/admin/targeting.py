"""
Admin for segments and sample customers: shop-owned snippets.

Each shop's editors and owners manage their shop's segments and sample
customers; nobody sees, chooses or edits another shop's (superusers see all).
Every view of the snippets is filtered: listings, edit, delete, usage and
history pages, and the chooser that pages and blocks use.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.views import chooser, snippets

from thankyou.admin.base import ShopScopedMixin, offer_shops
from thankyou.pages.models import pages_using
from thankyou.targeting.models import SampleCustomer, Segment
from thankyou.tenancy.scoping import shops_of


class IndexView(ShopScopedMixin, snippets.IndexView):
    pass


class CreateView(ShopScopedMixin, snippets.CreateView):
    pass


class EditView(ShopScopedMixin, snippets.EditView):
    pass


class UsageView(ShopScopedMixin, snippets.UsageView):
    pass


class HistoryView(ShopScopedMixin, snippets.HistoryView):
    pass


class DeleteView(ShopScopedMixin, snippets.DeleteView):
    pass


class ChooseView(ShopScopedMixin, chooser.ChooseView):
    pass


class ChooseResultsView(ShopScopedMixin, chooser.ChooseResultsView):
    pass


class ChosenView(ShopScopedMixin, chooser.SnippetChosenView):
    pass


class ChosenMultipleView(ShopScopedMixin, chooser.SnippetChosenMultipleView):
    pass


class ChooserCreateView(ShopScopedMixin, chooser.SnippetCreateView):
    """Creating one from a chooser: the form offers the user's shops only."""


class OwnChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = ChooserCreateView


class ShopOwnedForm(WagtailAdminModelForm):
    """The shop is one of the user's; it stays fixed once saved (pages target by it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_shops(self.fields["shop"], shops_of(self.for_user))
        self.fields["shop"].disabled = bool(self.instance.pk)

    def validate_constraints(self):
        """Say at its field that the shop already uses a value (Django says it above the form)."""
        try:
            self.instance.validate_constraints(exclude=self._get_validation_exclusions())
        except ValidationError as error:
            self._update_errors(ValidationError(taken_at_field(error)))


def taken_at_field(error):
    """Move a unique (shop, field) violation from the form's errors to the field's."""
    errors = error.update_error_dict({})
    for item in errors.pop(NON_FIELD_ERRORS, []):
        unique = item.code == "unique_together"
        check = (item.params or {}).get("unique_check", ()) if unique else ()
        fields = [name for name in check if name != "shop"]
        if "shop" in check and len(fields) == 1:
            item = ValidationError(_("Already used in this shop."), code="taken")
        errors.setdefault(fields[0] if len(fields) == 1 else NON_FIELD_ERRORS, []).append(item)
    return errors


class ShopOwnedViewSet(snippets.SnippetViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    usage_view_class = UsageView
    history_view_class = HistoryView
    chooser_viewset_class = OwnChooserViewSet
    copy_view_enabled = False
    inspect_view_enabled = False


def refuse_to_delete_segments_in_use(request, instances):
    """
    Keep segments that pages or blocks still use (say which), whether deleted
    one by one or in bulk: a page for a deleted segment would be shown to no one.
    """
    refused = False
    for segment in instances:
        pages = pages_using(segment) if isinstance(segment, Segment) else []
        if pages:
            refused = True
            messages.error(
                request,
                _("“%(segment)s” is still used by: %(pages)s. Remove it there first.")
                % {"segment": segment, "pages": ", ".join(page.title for page in pages)},
            )
    return redirect(Segment.snippet_viewset.get_url_name("list")) if refused else None


class SegmentViewSet(ShopOwnedViewSet):
    model = Segment
    icon = "group"
    menu_label = gettext_lazy("Segments")
    list_display = ["shown_name", "summary", "shop"]
    search_fields = ["name", "name_en"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("name_en"), FieldPanel("shop")]),
            FieldPanel("match"),
            FieldPanel("conditions"),
        ],
        base_form_class=ShopOwnedForm,
    )


class SampleCustomerViewSet(ShopOwnedViewSet):
    model = SampleCustomer
    icon = "user"
    menu_label = gettext_lazy("Sample customers")
    list_display = ["shown_name", "shop", "first_name", "orders_count"]
    search_fields = ["name", "name_en"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("name_en"), FieldPanel("shop")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("locale")]),
                    FieldRowPanel([FieldPanel("is_guest"), FieldPanel("newsletter")]),
                    FieldRowPanel(
                        [
                            FieldPanel("orders_count"),
                            FieldPanel("total_spent"),
                            FieldPanel("first_order_days_ago"),
                        ]
                    ),
                ],
                heading=gettext_lazy("Customer"),
            ),
            MultiFieldPanel(
                [FieldPanel("shipping_country"), FieldPanel("items")],
                heading=gettext_lazy("Order"),
            ),
        ],
        base_form_class=ShopOwnedForm,
    )


class TargetingViewSetGroup(snippets.SnippetViewSetGroup):
    items = (SegmentViewSet, SampleCustomerViewSet)
    menu_icon = "crosshairs"
    menu_label = gettext_lazy("Targeting")
    menu_order = 140
