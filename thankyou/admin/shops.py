"""Shop administration: settings, branding and signing secrets."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import PasswordInput, TimeInput
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from thankyou.admin.base import ShopScopedMixin, shop_scoped
from thankyou.admin.secrets import masked, reveal_once, take_reveal
from thankyou.core.models import MAX_SECRETS, Shop, ShopSecret
from thankyou.tenancy.scoping import scope

# Shopify's secrets are entered here, copied from Shopify; afterwards the form
# never shows them again, only their last characters.
SHOPIFY_SECRETS = ("shopify_client_secret", "shopify_access_token")
SHOPIFY_FIELDS = ("shopify_domain", "shopify_client_id", *SHOPIFY_SECRETS)


class ShopForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Shops sign with the key; changing it would break every live tag.
            self.fields["key"].disabled = True
        for name in SHOPIFY_SECRETS:
            field = self.fields.get(name)
            if field is None:
                continue
            field.widget = PasswordInput(render_value=False, attrs={"autocomplete": "off"})
            stored = getattr(self.instance, name)
            if stored:
                field.help_text = _("Stored: %(masked)s. Leave empty to keep it.") % {
                    "masked": masked(stored)
                }

    def clean(self):
        cleaned = super().clean()
        for name in SHOPIFY_SECRETS:
            if name in self.fields and not cleaned.get(name):
                cleaned[name] = getattr(self.instance, name)
        present = [name for name in SHOPIFY_FIELDS if name in self.fields]
        if any(cleaned.get(name) for name in present):
            for name in present:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("A Shopify shop needs all four of these."))
        return cleaned


class SecretsPanel(Panel):
    """The shop's signing secrets, with buttons to add and revoke them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "thankyou/admin/secrets_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            shop = self.instance
            secrets = list(shop.secrets.all()) if shop.pk else []
            for secret in secrets:
                secret.revealed = take_reveal(self.request, secret)
                secret.masked = masked(secret.secret)
            context.update(
                shop=shop,
                secrets=secrets,
                can_add=len(secrets) < MAX_SECRETS,
                can_revoke=len(secrets) > 1,
            )
            return context


class ShopIndexView(ShopScopedMixin, generic.IndexView):
    pass


class ShopCreateView(ShopScopedMixin, generic.CreateView):
    """A new shop's first signing secret is shown once, on its form, right after saving."""

    def save_instance(self):
        shop = super().save_instance()
        for secret in shop.secrets.all():
            reveal_once(self.request, secret)
        return shop

    def get_success_url(self):
        return self.get_edit_url()

    def get_success_message(self, instance):
        return _("Shop “%(shop)s” created. Copy its signing secret now: it is shown only once.") % {
            "shop": instance
        }


class ShopEditView(ShopScopedMixin, generic.EditView):
    pass


class ShopDeleteView(ShopScopedMixin, generic.DeleteView):
    pass


class ShopHistoryView(ShopScopedMixin, generic.HistoryView):
    pass


class ShopUsageView(ShopScopedMixin, generic.UsageView):
    pass


class ShopViewSet(ModelViewSet):
    model = Shop
    icon = "site"
    menu_label = gettext_lazy("Shops")
    menu_order = 150
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["name", "key", "default_locale"]
    search_fields = ["name", "key"]
    index_view_class = ShopIndexView
    add_view_class = ShopCreateView
    edit_view_class = ShopEditView
    delete_view_class = ShopDeleteView
    history_view_class = ShopHistoryView
    usage_view_class = ShopUsageView

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("key")], heading=gettext_lazy("Shop")),
        MultiFieldPanel(
            [
                FieldPanel("allowed_origins"),
                FieldPanel("timezone"),
                FieldPanel("country"),
                # The browser's own time field: Wagtail's picker turned "25:00" into now.
                FieldPanel(
                    "order_cutoff", widget=TimeInput(attrs={"type": "time"}, format="%H:%M")
                ),
                FieldPanel("delivery_days"),
                FieldPanel("default_locale"),
            ],
            heading=gettext_lazy("Integration"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("score_orders_per_year"), FieldPanel("score_lifetime_value")]
                )
            ],
            heading=gettext_lazy("Customer score"),
            help_text=gettext_lazy(
                "Segments can target loyal customers by a score of 0 to 100 points: half for "
                "how often they order, half for how much they have spent. Set what earns "
                "full points; name thresholds with segments (VIP: at least 80)."
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("color_primary"),
                        FieldPanel("color_text"),
                        FieldPanel("color_background"),
                    ]
                ),
                FieldRowPanel([FieldPanel("font_family"), FieldPanel("corner_radius")]),
            ],
            heading=gettext_lazy("Branding"),
            help_text=gettext_lazy(
                "Become CSS custom properties (--ty-primary, --ty-text, --ty-bg, "
                "--ty-font, --ty-radius) that the shop's own CSS can override."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_url")],
            heading=gettext_lazy("Customer accounts"),
        ),
        MultiFieldPanel(
            [FieldPanel("retention_days"), FieldPanel("email_open_tracking")],
            heading=gettext_lazy("Personal data"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in SHOPIFY_FIELDS],
            heading=gettext_lazy("Shopify"),
            help_text=gettext_lazy(
                "For a Shopify shop with the thank-you page extension: the shop's domain, the "
                "client ID and secret of the app that holds the extension, and an Admin API "
                "access token with read_orders and read_customers. The secrets are not shown "
                "again after saving."
            ),
        ),
        SecretsPanel(heading=gettext_lazy("Signing secrets")),
    ]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        return type("ShopAdminForm", (ShopForm, form_class), {})

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/secrets/add/", add_secret, name="add_secret"),
            path("<int:pk>/secrets/<int:secret_pk>/revoke/", revoke_secret, name="revoke_secret"),
        ]


def _owned_shop(request, pk):
    shop = get_object_or_404(scope(Shop.objects, request.user, via="", owners_only=True), pk=pk)
    if not shop.is_owner(request.user):
        raise PermissionDenied
    return shop


def _edit_url(shop):
    return reverse("shop:edit", args=[shop.pk])


# Adding and revoking are pages of their own, reached by links from the shop's
# form: a button in it would submit (and lose) the form's unsaved changes, and
# a revoke takes the shop's pages off every confirmation page signed with it.


@shop_scoped
def add_secret(request, pk):
    shop = _owned_shop(request, pk)
    if request.method == "POST":
        if shop.secrets.count() >= MAX_SECRETS:
            messages.error(request, _("Revoke the older secret before adding a new one."))
        else:
            secret = ShopSecret.objects.create(shop=shop)
            reveal_once(request, secret)
            messages.success(
                request,
                _(
                    "New secret %(kid)s added. Copy it now: it is shown only once. Sign with it, "
                    "then revoke the old one."
                )
                % {"kid": secret.kid},
            )
        return redirect(_edit_url(shop))
    return _confirm(
        request,
        shop,
        title=_("Add a new signing secret"),
        text=_(
            "Both secrets verify tokens until you revoke one. Change the shop backend to sign "
            "with the new secret and its key id, then revoke the old one."
        ),
        action=_("Add a new secret"),
    )


@shop_scoped
def revoke_secret(request, pk, secret_pk):
    shop = _owned_shop(request, pk)
    secret = get_object_or_404(shop.secrets, pk=secret_pk)
    if request.method == "POST":
        if shop.secrets.count() <= 1:
            messages.error(request, _("A shop needs at least one secret; add a new one first."))
        else:
            secret.delete()
            messages.success(request, _("Secret %(kid)s revoked.") % {"kid": secret.kid})
        return redirect(_edit_url(shop))
    return _confirm(
        request,
        shop,
        title=_("Revoke the secret %(kid)s") % {"kid": secret.kid},
        text=_(
            "Tokens signed with %(kid)s stop verifying at once: the thank-you page no longer "
            "shows on confirmation pages your shop backend signs with it. Revoke it only once "
            "the backend signs with another secret."
        )
        % {"kid": secret.kid},
        action=_("Revoke"),
        destructive=True,
    )


def _confirm(request, shop, *, title, text, action, destructive=False):
    return TemplateResponse(
        request,
        "thankyou/admin/secret_confirm.html",
        {
            "title": title,
            "subtitle": shop.name,
            "text": text,
            "action": action,
            "destructive": destructive,
            "cancel_url": _edit_url(shop),
        },
    )
