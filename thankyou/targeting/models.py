"""Segments and sample customers: shop-owned targeting data, edited in the admin."""

from decimal import Decimal

from django.contrib.admin.decorators import display
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import StreamField

from thankyou.core.fields import RegistryStreamField
from thankyou.targeting.conditions import get_condition_types
from thankyou.targeting.personas import Persona

MAX_CONDITIONS = 100


class ConditionsField(RegistryStreamField):
    """A segment's conditions, from the condition registry (no migration per type)."""

    registry = staticmethod(get_condition_types)


def english_name_field():
    return models.CharField(
        _("name in English"),
        max_length=80,
        blank=True,
        help_text=_("Shown in the English admin; leave empty to show the name in every language."),
    )


def shown_name(name, name_en):
    """The English name in the English admin where one is given, else the name as typed."""
    return name_en if name_en and (get_language() or "").startswith("en") else name


class Named(models.Model):
    """A name as the merchant typed it, and optionally one for the English admin."""

    class Meta:
        abstract = True

    def __str__(self):
        return self.shown_name

    @property
    @display(description=_("name"), ordering="name")
    def shown_name(self):
        return shown_name(self.name, self.name_en)


class Segment(Named):
    """A group of customers, defined by conditions on the order context."""

    ALL, ANY = "all", "any"

    shop = models.ForeignKey(
        "thankyou.Shop", verbose_name=_("shop"), on_delete=models.CASCADE, related_name="segments"
    )
    name = models.CharField(_("name"), max_length=80)
    name_en = english_name_field()
    match = models.CharField(
        _("customers must meet"),
        max_length=3,
        choices=[(ALL, _("all conditions")), (ANY, _("at least one condition"))],
        default=ALL,
    )
    conditions = ConditionsField(
        verbose_name=_("conditions"), min_num=1, max_num=MAX_CONDITIONS, blank=False
    )

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["shop", "name"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "name"], name="unique_segment_name_per_shop"),
        ]

    def clean(self):
        """Validate the conditions here too, so no path saves an invalid segment."""
        super().clean()
        try:
            self.conditions = self._meta.get_field("conditions").stream_block.clean(self.conditions)
        except ValidationError as error:
            raise ValidationError({"conditions": error_messages(error)}) from None

    def summary(self):
        """The conditions in words, for the listing."""
        types = self._meta.get_field("conditions").stream_block.child_blocks
        joiner = _(" and ") if self.match == self.ALL else _(" or ")
        return joiner.join(
            types[item["type"]].describe(item["value"])
            for item in self.conditions.raw_data
            if item["type"] in types
        )

    summary.short_description = _("conditions")


def error_messages(error):
    """The messages of a (nested) block validation error, flattened."""
    if not hasattr(error, "block_errors"):
        return list(error.messages)
    messages = []
    for nested in [*error.non_block_errors.as_data(), *error.block_errors.values()]:
        messages.extend(error_messages(nested))
    return messages


class SampleItemBlock(blocks.StructBlock):
    sku = blocks.CharBlock(label=_("SKU"), max_length=64)
    name = blocks.CharBlock(label=_("Product"), max_length=120)
    category = blocks.CharBlock(label=_("Category"), max_length=64, required=False)
    quantity = blocks.IntegerBlock(label=_("Quantity"), min_value=1, default=1)
    price = blocks.DecimalBlock(label=_("Price"), min_value=0, decimal_places=2)


class SampleCustomer(Named):
    """A customer the merchant previews pages as, next to the built-in personas."""

    shop = models.ForeignKey(
        "thankyou.Shop",
        verbose_name=_("shop"),
        on_delete=models.CASCADE,
        related_name="sample_customers",
    )
    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("Shown in the preview menu, e.g. “Coffee subscriber”."),
    )
    name_en = english_name_field()
    first_name = models.CharField(
        _("first name"), max_length=80, blank=True, help_text=_("Leave empty to test fallbacks.")
    )
    is_guest = models.BooleanField(_("guest order"), default=False)
    newsletter = models.BooleanField(_("subscribed to the newsletter"), default=False)
    orders_count = models.PositiveIntegerField(
        _("number of orders"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Including this order."),
    )
    total_spent = models.DecimalField(
        _("total spent"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Including this order."),
    )
    first_order_days_ago = models.PositiveIntegerField(_("first order (days ago)"), default=0)
    shipping_country = models.CharField(
        _("shipping country"),
        max_length=2,
        default="DE",
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, e.g. DE."))],
    )
    locale = models.CharField(
        _("locale"),
        max_length=16,
        blank=True,
        validators=[RegexValidator(r"^[a-z]{2}(-[A-Z]{2})?$", _("E.g. de-AT or en-GB."))],
        help_text=_("Used when it is in the page's language (e.g. de-AT for German pages)."),
    )
    items = StreamField(
        [("item", SampleItemBlock())], verbose_name=_("items"), min_num=1, blank=False
    )

    class Meta:
        verbose_name = _("sample customer")
        verbose_name_plural = _("sample customers")
        ordering = ["shop", "name"]

    @property
    def preview_mode(self):
        return f"sample-{self.pk}"

    def as_persona(self):
        return Persona(
            name=self.preview_mode,
            label=self.shown_name,
            first_name=self.first_name,
            is_guest=self.is_guest,
            newsletter=self.newsletter,
            orders_count=self.orders_count,
            total_spent=f"{self.total_spent:.2f}",
            first_order_days_ago=self.first_order_days_ago,
            order_number="10999",
            items=tuple(
                {
                    "sku": item.value["sku"],
                    "name": item.value["name"],
                    "category": item.value["category"],
                    "quantity": item.value["quantity"],
                    "price": f"{item.value['price']:.2f}",
                }
                for item in self.items
            ),
            shipping_country=self.shipping_country,
            locale=self.locale,
        )
