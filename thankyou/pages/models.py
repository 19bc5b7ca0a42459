"""Page types: a shop's page tree and its thank-you pages."""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from thankyou.blocks.fields import BlocksField
from thankyou.pages.panels import ExperienceCheckPanel
from thankyou.targeting.models import SampleCustomer, Segment
from thankyou.targeting.personas import DEFAULT_PERSONA, PERSONAS
from thankyou.targeting.visibility import rules_for
from thankyou.tenancy.media import FOREIGN_MEDIA, foreign_media

EMAIL_PREVIEW = "email-"  # a preview mode's prefix: the e-mail, not the page


class ShopRootPage(Page):
    """The root of one shop's page tree in one locale."""

    shop = models.ForeignKey(
        "thankyou.Shop",
        on_delete=models.PROTECT,
        related_name="root_pages",
        editable=False,
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["thankyou.ThankYouPage"]
    content_panels = [FieldPanel("title")]
    promote_panels = []
    max_count_per_parent = None

    class Meta:
        verbose_name = _("shop page tree")
        verbose_name_plural = _("shop page trees")

    def serve(self, request, *args, **kwargs):
        raise Http404  # rendered only through the API


FOREIGN_SEGMENT = _(
    "A block is limited to a segment that was deleted or is not one of this "
    "shop's: choose the shop's own segments."
)


def foreign_segments(body, shop_id):
    """Whether a block of the body is limited to a segment that is not the shop's (any more)."""

    wanted = {segment for rule in rules_for(body) for segment in rule.segments}
    own = Segment.objects.filter(shop_id=shop_id, pk__in=wanted).values_list("pk", flat=True)
    return bool(wanted - set(own))


class VariantForm(WagtailAdminModelForm):
    copy_original = forms.BooleanField(
        label=_("Start from the page's content"),
        required=False,
        initial=True,
        help_text=_(
            "A variant without content yet starts as a copy of the page's content (its "
            "gift, quiz and all), to change from there."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # only a new variant starts from the page
            del self.fields["copy_original"]


class VariantsPanel(InlinePanel):
    """The page's A/B variants, each new one offering to copy the page's content."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = VariantForm
        return options


class ThankYouPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new page has no place in the tree yet, where the model finds its
        # shop: without it, the shop's own images and segments count as foreign.
        if self.instance.shop_id is None and self.parent_page is not None:
            self.instance.shop_id = getattr(self.parent_page.specific, "shop_id", None)

    def clean(self):
        """Check the A/B variants' bodies as the model checks the page's own."""
        cleaned_data = super().clean()
        shop_id = self.instance.shop_id
        variants = self.formsets.get("variants")
        if variants is not None and variants.is_valid():
            for form in variants.forms:
                self._copy_original(form, cleaned_data.get("body"))
                body = form.cleaned_data.get("body")
                if body and foreign_segments(body, shop_id):
                    form.add_error("body", FOREIGN_SEGMENT)
                elif body and foreign_media(body, shop_id):
                    form.add_error("body", FOREIGN_MEDIA)
        return cleaned_data

    @staticmethod
    def _copy_original(form, original):
        """A new variant without content starts from the page's (same block ids:
        the same gift, the same quiz)."""
        wanted = form.cleaned_data.get("copy_original") and not form.cleaned_data.get("body")
        if wanted and original:
            copy = original.stream_block.to_python(original.get_prep_value())
            form.cleaned_data["body"] = form.instance.body = copy


class ThankYouPage(Page):
    """A thank-you page composed of blocks, shown after an order."""

    shop = models.ForeignKey(
        "thankyou.Shop",
        on_delete=models.PROTECT,
        related_name="pages",
        editable=False,
    )
    body = BlocksField(blank=True, verbose_name=_("content"))
    segment = models.ForeignKey(
        "thankyou.Segment",
        verbose_name=_("for segment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("Empty: a default page, for every order no page for a segment takes."),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Pages for segments are tried from the highest priority down; the first whose "
            "segment the order is in wins. Default pages come last."
        ),
    )
    cta_limit = models.PositiveSmallIntegerField(
        _("calls to action per visit"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_(
            "Calls to action are shown one at a time, the highest priority first; when the "
            "customer completes or dismisses one, the next may follow, up to this number. "
            "One is best: ask one thing."
        ),
    )

    parent_page_types = ["thankyou.ShopRootPage"]
    subpage_types = []
    # A plain title field: without a slug field (promote_panels is empty), the
    # title's slug sync would throw in the editor's console.
    content_panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("segment"), FieldPanel("priority")], heading=_("Who sees this page")
        ),
        ExperienceCheckPanel(heading=_("Experience check")),
        FieldPanel("body"),
        FieldPanel("cta_limit"),
        VariantsPanel(
            "variants",
            heading=_("Variants for A/B tests"),
            label=_("Variant"),
            help_text=_(
                "Alternative contents of this page. Orders see them only while an A/B test "
                "runs (Analytics → A/B tests)."
            ),
        ),
    ]
    promote_panels = []
    base_form_class = ThankYouPageForm

    class Meta:
        verbose_name = _("thank-you page")
        verbose_name_plural = _("thank-you pages")

    def full_clean(self, *args, **kwargs):
        self._inherit_shop()
        super().full_clean(*args, **kwargs)

    def clean(self):
        """Refuse segments of another shop (choosers list every shop of the user)
        and images or documents of another shop (a form can name any id)."""
        super().clean()
        errors = {}
        if self.segment_id and self.segment.shop_id != self.shop_id:
            errors["segment"] = _("Choose a segment of this page's shop.")
        if foreign_segments(self.body, self.shop_id):
            errors["body"] = FOREIGN_SEGMENT
        elif foreign_media(self.body, self.shop_id):
            errors["body"] = FOREIGN_MEDIA
        if errors:
            raise ValidationError(errors)

    def bodies(self):
        """The page's body and those of its A/B variants."""
        return [self.body, *(variant.body for variant in self.variants.all())]

    def save(self, *args, **kwargs):
        self._inherit_shop()
        super().save(*args, **kwargs)

    def _inherit_shop(self):
        if self.shop_id is None and self.path:
            parent = self.get_parent().specific
            if isinstance(parent, ShopRootPage):
                self.shop_id = parent.shop_id

    def serve(self, request, *args, **kwargs):
        raise Http404  # rendered only through the API

    @property
    def preview_modes(self):
        """
        The built-in personas, then the shop's own sample customers; then the
        confirmation e-mail of each (``EMAIL_PREVIEW`` and the page's mode).
        """
        modes = [(persona.name, persona.label) for persona in PERSONAS.values()]
        shop_id = self.shop_id or self._parent_shop_id()
        if shop_id:
            modes += [
                (sample.preview_mode, sample.shown_name)
                for sample in SampleCustomer.objects.filter(shop_id=shop_id)
            ]
        return modes + [
            (EMAIL_PREVIEW + name, format_lazy(_("E-mail: {label}"), label=label))
            for name, label in modes
        ]

    def _parent_shop_id(self):
        parent = self.get_parent() if self.path else None
        return getattr(parent.specific, "shop_id", None) if parent else None

    @property
    def default_preview_mode(self):
        return DEFAULT_PERSONA

    def serve_preview(self, request, mode_name):
        # The preview reads pages through routing, which imports this module.
        from thankyou.pages.preview import serve_preview

        return serve_preview(self, request, mode_name)


def new_variant_key():
    return secrets.token_hex(3)


class ThankYouPageVariant(Orderable):
    """An alternative body of a thank-you page, for A/B tests."""

    page = ParentalKey("thankyou.ThankYouPage", on_delete=models.CASCADE, related_name="variants")
    key = models.CharField(max_length=12, default=new_variant_key, editable=False)
    name = models.CharField(_("name"), max_length=60, help_text=_("E.g. “Gift first”."))
    weight = models.PositiveSmallIntegerField(
        _("traffic share (%)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Share of orders that see this variant while a test runs; the original gets the rest."
        ),
    )
    body = BlocksField(blank=True, verbose_name=_("content"))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("weight")]),
        FieldPanel("copy_original"),
        FieldPanel("body"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")


def pages_using(segment):
    """The shop's pages whose live or latest content (A/B variants included)
    targets this segment."""
    using = []
    for page in ThankYouPage.objects.filter(shop_id=segment.shop_id).select_related(
        "latest_revision"
    ):
        versions = [page]
        if page.latest_revision is not None:
            versions.append(page.latest_revision.as_object())
        bodies = [body for version in versions for body in version.bodies()]
        if any(version.segment_id == segment.pk for version in versions) or any(
            segment.pk in rule.segments for body in bodies for rule in rules_for(body)
        ):
            using.append(page)
    return using


def new_hosted_key():
    return secrets.token_urlsafe(18)


class HostedOrder(models.Model):
    """
    An order's hosted page: the verified claims of its order context, kept
    here so that the page's link carries only this row's key (signed).
    Deleted when it expires and when its customer is erased.
    """

    key = models.CharField(max_length=32, unique=True, default=new_hosted_key, editable=False)
    shop = models.ForeignKey("thankyou.Shop", on_delete=models.CASCADE, editable=False)
    order_id = models.CharField(max_length=128, editable=False)
    claims = models.JSONField(editable=False)
    # Who, for erasure only: action_tokens.customer_key of the order's e-mail address.
    customer_key = models.CharField(max_length=64, blank=True, editable=False)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("hosted order page")
        constraints = [
            models.UniqueConstraint(fields=["shop", "order_id"], name="one_hosted_page_per_order")
        ]
        indexes = [models.Index(fields=["customer_key"], name="hosted_customer")]

    def __str__(self):
        return self.key
