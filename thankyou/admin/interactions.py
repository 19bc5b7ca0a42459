"""
Admin: what customers did (the answers of each kind its blocks list, gift
codes) and the webhooks that hand it on, each filtered to the user's shops.

Editors and owners of a shop see its answers and gift codes; sign-ups (they
hold e-mail addresses) and webhooks (secrets, payloads) only its owners.
CSV exports escape cells a spreadsheet would run as a formula.
"""

import csv
import io
import json
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry, register_permission_policy

from thankyou.admin.base import AdminPageMixin, ShopScopedMixin, offer_shops, shop_scoped
from thankyou.admin.display import ShownColumn, ShownTitleColumn, shop_time, shown
from thankyou.admin.exports import SpreadsheetExportMixin
from thankyou.admin.secrets import masked, reveal_once, take_reveal
from thankyou.blocks.interactive import answer_listings
from thankyou.blocks.models import GiftCode, GiftPool
from thankyou.core.models import Shop
from thankyou.pages.models import ThankYouPage
from thankyou.tenancy.permissions import ShopScopedPolicy
from thankyou.tenancy.scoping import owned_shops, shops_of
from thankyou.webhooks import outbox, sending
from thankyou.webhooks.events import event_choices
from thankyou.webhooks.models import (
    WebhookDelivery,
    WebhookSubscription,
    new_webhook_secret,
)

MAX_CODE_LENGTH = GiftCode._meta.get_field("code").max_length


class ShopDataPolicy(ShopScopedPolicy):
    """Allow ``actions`` on the rows of the user's shops (of owned shops only, if
    ``owners_only``); superusers too, for every shop, but no other actions."""

    def __init__(self, model, actions=("view",), owners_only=False):
        super().__init__(model, actions, owners_only)


def _shop_filter(request):
    return shops_of(request.user) if request is not None else Shop.objects.none()


class ShopFilterSet(WagtailFilterSet):
    """Filters whose shop choices are the user's shops only."""

    shop = django_filters.ModelChoiceFilter(label=gettext_lazy("Shop"), queryset=_shop_filter)


def filterset_for(model, *fields, **filters):
    meta = type("Meta", (), {"model": model, "fields": ["shop", *fields]})
    return type(f"{model.__name__}FilterSet", (ShopFilterSet,), {"Meta": meta, **filters})


class SafeExportIndexView(ShopScopedMixin, SpreadsheetExportMixin, generic.IndexView):
    """Columns show times in the shop's zone and nothing for nothing (``display.shown``)."""

    def _get_title_column(self, field_name, column_class=ShownTitleColumn, **kwargs):
        return super()._get_title_column(field_name, column_class, **kwargs)

    def _get_custom_column(self, field_name, column_class=ShownColumn, **kwargs):
        return super()._get_custom_column(field_name, column_class, **kwargs)

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, list):  # Wagtail joins lists of strings only (quiz answers)
            value = [str(item) for item in value]
        return super().preprocess_field_value(field, value, export_format)


class ScopedCreateView(ShopScopedMixin, generic.CreateView):
    pass


class ScopedInspectView(ShopScopedMixin, generic.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return shown(value, getattr(self.object, "shop", None))


class ScopedEditView(ShopScopedMixin, generic.EditView):
    pass


class ScopedDeleteView(ShopScopedMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ShopScopedMixin, generic.HistoryView):
    pass


class ScopedUsageView(ShopScopedMixin, generic.UsageView):
    pass


class ShopDataViewSet(ModelViewSet):
    """Read-only listing with inspect and CSV/XLSX export."""

    index_view_class = SafeExportIndexView
    add_view_class = ScopedCreateView
    inspect_view_class = ScopedInspectView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    owners_only = False
    actions = ("view",)  # of the policy InteractionsGroup registers
    exclude_form_fields = []  # read-only: no action here allows a form
    export_headings = {}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(export_headings=self.export_headings, **kwargs)


def answer_viewset(listing):
    """The listing of one kind of answers, as its blocks declare it (``AnswerListing``)."""
    attrs = {
        "model": listing.model,
        "icon": listing.icon,
        "owners_only": listing.owners_only,
        "list_display": [
            BooleanColumn("test", label=gettext_lazy("test order")) if name == "test" else name
            for name in listing.list_display
        ],
        "list_export": list(listing.list_export),
        "export_headings": listing.export_headings,
        "filterset_class": filterset_for(listing.model, *listing.filters),
        "export_filename": listing.name.replace("_", "-"),
        "inspect_view_fields": list(listing.inspect_fields or listing.list_export),
    }
    return type(f"{listing.model.__name__}ViewSet", (ShopDataViewSet,), attrs)(listing.name)


def empty_pools(user):
    """The pools of the user's shops whose customers found no gift code since the last
    upload to them, each with its ``name``."""
    pools = GiftPool.objects.filter(
        shop__in=shops_of(user), missed__gt=0, empty_since__isnull=False
    ).select_related("shop")
    pools = [
        pool
        for pool in pools
        if not GiftCode.objects.filter(
            shop=pool.shop, pool=pool.pool, claimed_at__isnull=True
        ).exists()
    ]
    if pools:
        names = pool_names(shops_of(user))
        for pool in pools:
            pool.name = pool_name(names, pool.shop_id, pool.pool)
    return pools


def warn_about_empty_pools(request):
    for pool in empty_pools(request.user):
        since = localtime(pool.empty_since, ZoneInfo(pool.shop.timezone))
        messages.warning(
            request,
            ngettext(
                "“%(pool)s” has no gift codes left: %(n)d customer could not reveal a gift "
                "since %(since)s. Upload new codes.",
                "“%(pool)s” has no gift codes left: %(n)d customers could not reveal a gift "
                "since %(since)s. Upload new codes.",
                pool.missed,
            )
            % {"pool": pool.name, "n": pool.missed, "since": date_format(since, "DATETIME_FORMAT")},
        )


class GiftCodeFilterSet(
    filterset_for(
        GiftCode,
        claimed=django_filters.BooleanFilter(
            field_name="claimed_at",
            lookup_expr="isnull",
            exclude=True,
            label=gettext_lazy("Claimed"),
        ),
    )
):
    """The codes of one pool: a gift block's, or a shop's shared one."""

    pool = django_filters.ChoiceFilter(label=gettext_lazy("Gift block"), method="in_pool")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = pool_names(_shop_filter(self.request))
        self.filters["pool"].extra["choices"] = [
            (f"{shop}:{pool}", name) for (shop, pool), name in names.items()
        ]

    def in_pool(self, queryset, name, value):
        shop, _colon, pool = value.partition(":")
        return queryset.filter(shop_id=shop, pool=pool)


class GiftCodeIndexView(SafeExportIndexView):
    """Each code says its pool by name: the gift block's page and heading."""

    @cached_property
    def pool_names(self):
        return pool_names(self.shops)

    def named(self, code):
        code.pool_name = pool_name(self.pool_names, code.shop_id, code.pool)
        return code

    def get_table(self, object_list):
        return super().get_table([self.named(code) for code in object_list])

    def to_row_dict(self, item):
        return super().to_row_dict(self.named(item))

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            warn_about_empty_pools(request)
        return super().get(request, *args, **kwargs)

    @property
    def header_buttons(self):
        return [
            HeaderButton(_("Upload codes"), url=reverse("gift_codes:upload"), icon_name="upload")
        ]


class GiftCodeViewSet(ShopDataViewSet):
    model = GiftCode
    icon = "pick"
    index_view_class = GiftCodeIndexView
    list_display = [
        "code",
        ShownColumn("pool_name", label=gettext_lazy("Gift block")),
        "shop",
        "claimed_at",
        "order_id",
        "uploaded_at",
    ]
    list_export = ["code", "pool_name", "shop", "uploaded_at", "claimed_at", "order_id"]
    export_headings = {"pool_name": gettext_lazy("Gift block")}
    filterset_class = GiftCodeFilterSet
    search_fields = ["code"]
    export_filename = "gift-codes"
    inspect_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("upload/", GiftCodeUploadView.as_view(), name="upload"),
        ]


def gift_blocks(shops):
    """Each gift block of these shops' pages and variants: {block id: (shop id, title)}."""
    found = {}
    for page in ThankYouPage.objects.filter(shop__in=shops).order_by("title"):
        page = page.get_latest_revision_as_object()
        bodies = [(page.title, page.body)]
        variants = page.variants.all()
        bodies += [(f"{page.title} · {variant.name}", variant.body) for variant in variants]
        for title, body in bodies:
            for child in body:
                if child.block_type == "gift_code" and child.id not in found:
                    heading = child.value.get("heading") or _("Gift code")
                    found[child.id] = (page.shop_id, f"{title}: {heading}")
    return found


def pool_names(shops):
    """{(shop id, pool): name} of these shops' pools: a gift block's by page and heading."""
    prefix = {shop.pk: f"{shop} · " if len(shops) > 1 else "" for shop in shops}
    names = {(shop, ""): prefix[shop] + _("The shop's shared pool") for shop in prefix}
    for block, (shop, title) in gift_blocks(shops).items():
        names[(shop, block)] = prefix[shop] + title
    return names


def pool_name(names, shop_id, pool):
    return names.get((shop_id, pool)) or _("A gift block no longer on any page")


def parse_codes(text):
    """The codes of a CSV text (first column) or of pasted lines, and how many were skipped."""
    codes, skipped = [], 0
    for row in csv.reader(io.StringIO(text)):
        code = row[0].strip() if row else ""
        if not code or (not codes and not skipped and code.lower() in {"code", "codes"}):
            continue
        if len(code) > MAX_CODE_LENGTH or any(ch.isspace() for ch in code):
            skipped += 1
            continue
        codes.append(code)
    return codes, skipped


class GiftCodeUploadForm(forms.Form):
    shop = forms.ModelChoiceField(label=gettext_lazy("Shop"), queryset=None)
    pool = forms.ChoiceField(
        label=gettext_lazy("For gift block"),
        required=False,
        help_text=gettext_lazy(
            "Only this block's customers get these codes. "
            "Gift blocks without codes of their own share the shop's pool."
        ),
    )
    codes = forms.CharField(
        label=gettext_lazy("Paste codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=gettext_lazy("One code per line."),
    )
    file = forms.FileField(
        label=gettext_lazy("Or a CSV file"),
        required=False,
        help_text=gettext_lazy(
            "One code per line, in the first column; a header line “code” is skipped."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        shops = shops_of(user)
        offer_shops(self.fields["shop"], shops)
        self.blocks = gift_blocks(shops)
        names = pool_names(shops)
        self.fields["pool"].choices = [("", _("The shop's shared pool"))] + [
            (block, names[(shop, block)]) for block, (shop, _title) in self.blocks.items()
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:
            return None
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Save the file as UTF-8 text (CSV).")) from None
        codes, skipped = parse_codes(text)
        if not codes:
            raise forms.ValidationError(_("The file holds no codes."))
        return codes, skipped

    def clean_codes(self):
        text = self.cleaned_data["codes"]
        if not text.strip():
            return None
        codes, skipped = parse_codes(text)
        if not codes:
            raise forms.ValidationError(_("No line holds a code (one per line, without spaces)."))
        return codes, skipped

    def clean(self):
        cleaned = super().clean()
        shop, pool = cleaned.get("shop"), cleaned.get("pool")
        if shop and pool and self.blocks[pool][0] != shop.pk:
            self.add_error("pool", _("This gift block is on a page of another shop."))
        if "codes" in cleaned and "file" in cleaned:
            parts = [part for part in (cleaned["codes"], cleaned["file"]) if part]
            if not parts:
                self.add_error("codes", _("Paste codes or choose a CSV file."))
            cleaned["all_codes"] = (
                [code for codes, _skipped in parts for code in codes],
                sum(skipped for _codes, skipped in parts),
            )
        return cleaned


class GiftCodeUploadView(ShopScopedMixin, AdminPageMixin, FormView):
    template_name = "thankyou/admin/gift_code_upload.html"
    form_class = GiftCodeUploadForm
    page_title = gettext_lazy("Upload gift codes")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not self.shops.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    @transaction.atomic
    def form_valid(self, form):
        shop, pool = form.cleaned_data["shop"], form.cleaned_data["pool"]
        codes, skipped = form.cleaned_data["all_codes"]
        before = GiftCode.objects.filter(shop=shop).count()
        GiftCode.objects.bulk_create(
            (GiftCode(shop=shop, pool=pool, code=code) for code in dict.fromkeys(codes)),
            ignore_conflicts=True,
            batch_size=1000,
        )
        added = GiftCode.objects.filter(shop=shop).count() - before
        GiftPool.objects.filter(shop=shop, pool=pool).update(missed=0, empty_since=None)
        known = len(set(codes)) - added
        messages.success(
            self.request,
            ngettext(
                "%(added)d code added to “%(pool)s”.",
                "%(added)d codes added to “%(pool)s”.",
                added,
            )
            % {"added": added, "pool": pool_name(pool_names(self.shops), shop.pk, pool)}
            + (
                ngettext(
                    " %(n)d was in the pool already.",
                    " %(n)d were in the pool already.",
                    known,
                )
                % {"n": known}
                if known
                else ""
            )
            + (
                ngettext(
                    " %(n)d line was skipped (too long or with spaces).",
                    " %(n)d lines were skipped (too long or with spaces).",
                    skipped,
                )
                % {"n": skipped}
                if skipped
                else ""
            ),
        )
        return redirect("gift_codes:index")


class SubscriptionForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"), choices=event_choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].queryset = owned_shops(self.for_user)
        self.fields["active"].help_text = _(
            "An inactive subscription receives nothing; what is queued for it waits until "
            "it is active again."
        )

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            sending.check_receiver(url)
        except sending.Refused as error:
            raise forms.ValidationError(str(error)) from None
        return url


class SubscriptionSecretPanel(Panel):
    """The subscription's signing secret (in full once, after it is made) and how receivers
    check it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "thankyou/admin/webhook_secret_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            subscription = self.instance
            context["subscription"] = subscription
            if subscription.pk:
                context["revealed"] = take_reveal(self.request, subscription)
                context["masked"] = masked(subscription.secret)
            return context


class SubscriptionCreateView(ShopScopedMixin, generic.CreateView):
    """The new subscription's secret is shown once, on its form, right after saving."""

    def save_instance(self):
        subscription = super().save_instance()
        reveal_once(self.request, subscription)
        return subscription

    def get_success_url(self):
        return self.get_edit_url()

    def get_success_message(self, instance):
        return _("Subscription added. Copy its signing secret now: it is shown only once.")


class WebhookSubscriptionViewSet(ShopDataViewSet):
    model = WebhookSubscription
    icon = "link"
    owners_only = True
    actions = ("view", "add", "change", "delete")
    inspect_view_enabled = False
    index_view_class = SafeExportIndexView
    list_display = [
        "url",
        "shop",
        "description",
        "event_names",
        BooleanColumn("active", label=gettext_lazy("active")),
    ]
    filterset_class = filterset_for(WebhookSubscription, "active")
    form_fields = ["shop", "url", "events", "description", "active"]
    panels = [
        FieldPanel("shop"),
        FieldPanel("url"),
        FieldPanel("events"),
        FieldPanel("description"),
        FieldPanel("active"),
        SubscriptionSecretPanel(heading=gettext_lazy("Signing secret")),
    ]

    add_view_class = SubscriptionCreateView

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        return type("WebhookSubscriptionAdminForm", (SubscriptionForm, form_class), {})

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/new-secret/", new_subscription_secret, name="new_secret"),
        ]


@shop_scoped
def new_subscription_secret(request, pk):
    """Replace a subscription's secret (asks first: the receiver must change too)."""
    policy = policy_registry.get_by_type(WebhookSubscription)
    subscriptions = policy.instances_user_has_any_permission_for(request.user, ["change"])
    subscription = get_object_or_404(subscriptions, pk=pk)
    edit_url = reverse("webhook_subscriptions:edit", args=[subscription.pk])
    if request.method == "POST":
        subscription.secret = new_webhook_secret()
        subscription.save(update_fields=["secret"])
        reveal_once(request, subscription)
        messages.success(
            request,
            _("New secret made. Copy it now: it is shown only once."),
        )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "thankyou/admin/secret_confirm.html",
        {
            "title": _("Replace the signing secret"),
            "subtitle": str(subscription),
            "text": _(
                "Requests are signed with the new secret from then on: the receiving system "
                "refuses them until it checks with the new one. Deliveries it refused are "
                "tried again."
            ),
            "action": _("Replace the secret"),
            "destructive": True,
            "cancel_url": edit_url,
        },
    )


class DeliveryInspectView(ScopedInspectView):
    template_name = "thankyou/admin/webhook_delivery.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attempts"] = [
            (shop_time(attempt.started_at, self.object.shop), attempt)
            for attempt in self.object.attempt_log.all()
        ]
        context["retry_url"] = reverse("webhook_deliveries:retry", args=[self.object.pk])
        context["payload"] = json.dumps(self.object.payload, indent=2, ensure_ascii=False)
        return context


class WebhookDeliveryViewSet(ShopDataViewSet):
    model = WebhookDelivery
    icon = "resubmit"
    owners_only = True
    inspect_view_class = DeliveryInspectView
    list_display = [
        "created_at",
        "event",
        "shop",
        "status",
        "attempts",
        "last_status_code",
        "last_error_text",
        "next_attempt_at",
    ]
    list_export = [
        "created_at",
        "shop",
        "event",
        "idempotency_key",
        "status",
        "attempts",
        "last_status_code",
        "last_error_text",
        "delivered_at",
    ]
    filterset_class = filterset_for(WebhookDelivery, "status", "event")
    export_filename = "webhook-deliveries"
    inspect_view_fields = [
        "created_at",
        "shop",
        "subscription",
        "event",
        "idempotency_key",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status_code",
        "last_error_text",
        "delivered_at",
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/retry/", retry_delivery, name="retry")]


@shop_scoped
@require_POST
def retry_delivery(request, pk):
    policy = policy_registry.get_by_type(WebhookDelivery)
    deliveries = policy.instances_user_has_any_permission_for(request.user, ["view"])
    delivery = get_object_or_404(deliveries.select_related("subscription"), pk=pk)
    if not outbox.retry(WebhookDelivery.objects.filter(pk=delivery.pk)):
        messages.info(request, _("It was delivered already."))
    elif delivery.subscription.active:
        messages.success(request, _("The delivery is sent again in a moment."))
    else:
        messages.warning(
            request, _("Its subscription is inactive: it is sent once you activate it again.")
        )
    return redirect("webhook_deliveries:inspect", delivery.pk)


class InteractionsGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Customer answers")
    menu_icon = "form"
    menu_order = 155

    def __init__(self):
        # Built once the blocks are registered: each kind of answers its listing.
        self.items = [
            *(answer_viewset(listing) for listing in answer_listings()),
            GiftCodeViewSet("gift_codes"),
            WebhookSubscriptionViewSet("webhook_subscriptions"),
            WebhookDeliveryViewSet("webhook_deliveries"),
        ]
        for viewset in self.items:
            policy = ShopDataPolicy(viewset.model, viewset.actions, viewset.owners_only)
            register_permission_policy(viewset.model, policy, exact_class=True)
        super().__init__()


def homepage_panel():
    """A warning on the dashboard while a shop's gift code pool is empty."""

    class EmptyGiftPools(Component):
        order = 50
        template_name = "thankyou/admin/empty_gift_pools.html"

        def __init__(self, pools):
            self.pools = pools

        def get_context_data(self, parent_context):
            return {"pools": self.pools, "upload_url": reverse("gift_codes:upload")}

    return EmptyGiftPools
