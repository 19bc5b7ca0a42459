"""
Condition types of segments: small classes behind one interface.

A condition type is a StructBlock (its fields are the form the merchant fills
in) with two methods:

- ``is_satisfied(params, context)``: does this order satisfy the condition?
  ``params`` is the stored (JSON) value, ``context`` the OrderContext. When
  the context lacks the data a condition needs, it is not satisfied.
- ``describe(params)``: a short text for previews ("Order total 50.00 to 100.00").

Invalid settings are refused on save by the block's ``clean``. Types are
registered through the ``register_segment_conditions`` Wagtail hook, so an
app adds one without a model or a migration::

    @hooks.register("register_segment_conditions")
    def register_conditions():
        return [("weekday", WeekdayCondition())]
"""

import re
from decimal import Decimal, InvalidOperation

from babel import Locale
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks, hooks
from wagtail.blocks.struct_block import StructBlockValidationError

from thankyou.targeting.score import MAX_SCORE, customer_score

HOOK_NAME = "register_segment_conditions"
_LIST_SEPARATOR = re.compile(r"[\s,;]+")
_LOCALE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*\Z")
_CURRENCY = re.compile(r"^[A-Za-z]{3}\Z")


def get_condition_types():
    """Return the registered (name, condition) pairs in hook order."""
    types = {}
    for register in hooks.get_hooks(HOOK_NAME):
        for name, condition in register():
            if name in types:
                raise ValueError(f"Condition type {name!r} is registered twice.")
            types[name] = condition
    return list(types.items())


def split_list(text):
    """Split a merchant's list ("DE, AT; ch") into its non-empty entries."""
    return [entry for entry in _LIST_SEPARATOR.split(text or "") if entry]


def refuse(message=None, **fields):
    """Raise a message for the whole condition, or messages for named fields."""
    raise StructBlockValidationError(
        block_errors={name: ValidationError(text) for name, text in fields.items()},
        non_block_errors=[ValidationError(message)] if message else None,
    )


def decimal_or_none(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def in_range(number, minimum, maximum):
    return (minimum is None or number >= minimum) and (maximum is None or number <= maximum)


def describe_range(minimum, maximum):
    if maximum is None:
        return _("at least %(min)s") % {"min": minimum}
    if minimum is None:
        return _("at most %(max)s") % {"max": maximum}
    if minimum == maximum:
        return str(minimum)
    return _("%(min)s to %(max)s") % {"min": minimum, "max": maximum}


class Condition(blocks.StructBlock):
    """A test on the order context (see the module docstring)."""

    def is_satisfied(self, params, context):
        raise NotImplementedError

    def describe(self, params):
        return str(self.label)


class RangeCondition(Condition):
    """A minimum and/or maximum; at least one is required, and min ≤ max."""

    def clean(self, value):
        value = super().clean(value)
        minimum, maximum = value.get("minimum"), value.get("maximum")
        if minimum is None and maximum is None:
            refuse(_("Enter a minimum, a maximum or both."))
        if minimum is not None and maximum is not None and maximum < minimum:
            refuse(maximum=_("The maximum must not be less than the minimum."))
        return value

    def bounds(self, params):
        return params.get("minimum"), params.get("maximum")


class CustomerTypeCondition(Condition):
    """Guest or account holder. Not satisfied when the shop does not say."""

    customer = blocks.ChoiceBlock(
        choices=[("guest", gettext_lazy("Guest")), ("account", gettext_lazy("Account holder"))],
        default="guest",
        label=gettext_lazy("Customer is a"),
    )

    class Meta:
        icon = "user"
        label = gettext_lazy("Guest or account")
        description = gettext_lazy("Whether the customer ordered as a guest or with an account.")

    def is_satisfied(self, params, context):
        is_guest = context.customer.is_guest
        return is_guest is not None and is_guest == (params.get("customer") == "guest")

    def describe(self, params):
        return _("Guest") if params.get("customer") == "guest" else _("Account holder")


class NewsletterCondition(Condition):
    """Newsletter status. Not satisfied when the shop does not say."""

    status = blocks.ChoiceBlock(
        choices=[
            ("subscribed", gettext_lazy("Subscribed")),
            ("not_subscribed", gettext_lazy("Not subscribed")),
        ],
        default="not_subscribed",
        label=gettext_lazy("Newsletter"),
    )

    class Meta:
        icon = "mail"
        label = gettext_lazy("Newsletter status")
        description = gettext_lazy("Whether the customer already receives the newsletter.")

    def is_satisfied(self, params, context):
        newsletter = context.customer.newsletter
        return newsletter is not None and newsletter == (params.get("status") == "subscribed")

    def describe(self, params):
        if params.get("status") == "subscribed":
            return _("Subscribed to the newsletter")
        return _("Not subscribed to the newsletter")


class OrderCountCondition(RangeCondition):
    """Number of orders including this one. Not satisfied when the count is missing."""

    minimum = blocks.IntegerBlock(required=False, min_value=1, label=gettext_lazy("At least"))
    maximum = blocks.IntegerBlock(required=False, min_value=1, label=gettext_lazy("At most"))

    class Meta:
        icon = "list-ol"
        label = gettext_lazy("Number of orders")
        description = gettext_lazy("How many orders the customer has placed.")
        help_text = gettext_lazy(
            "Including this order. First order: at most 1. Returning customer: at least 2."
        )

    def is_satisfied(self, params, context):
        count = context.customer.orders_count
        return count is not None and in_range(count, *self.bounds(params))

    def describe(self, params):
        minimum, maximum = self.bounds(params)
        if maximum == 1:
            return _("First order")
        if minimum == 2 and maximum is None:
            return _("Returning customer")
        return _("Orders: %(range)s") % {"range": describe_range(minimum, maximum)}


class CustomerScoreCondition(RangeCondition):
    """
    The customer score (thankyou.targeting.score) within a range. Not satisfied
    without the order count and the total spent.
    """

    minimum = blocks.IntegerBlock(
        required=False, min_value=0, max_value=MAX_SCORE, label=gettext_lazy("At least")
    )
    maximum = blocks.IntegerBlock(
        required=False, min_value=0, max_value=MAX_SCORE, label=gettext_lazy("At most")
    )

    class Meta:
        icon = "pick"
        label = gettext_lazy("Customer score")
        description = gettext_lazy("Loyalty from order frequency and lifetime value (0 to 100).")
        help_text = gettext_lazy(
            "0 to 100 points: half from orders per year, half from the money spent, each "
            "full at the shop's reference values (Shops → Customer score). "
            "For example VIP: at least 80; Premium: at least 50."
        )

    def is_satisfied(self, params, context):
        score = customer_score(context)
        return score is not None and in_range(score, *self.bounds(params))

    def describe(self, params):
        return _("Customer score %(range)s") % {"range": describe_range(*self.bounds(params))}


class OrderTotalCondition(RangeCondition):
    """
    The order total within a range, optionally only in one currency. Not
    satisfied without a total, or in another currency.
    """

    minimum = blocks.DecimalBlock(
        required=False, min_value=0, decimal_places=2, label=gettext_lazy("At least")
    )
    maximum = blocks.DecimalBlock(
        required=False, min_value=0, decimal_places=2, label=gettext_lazy("At most")
    )
    currency = blocks.CharBlock(
        required=False,
        max_length=3,
        label=gettext_lazy("Currency"),
        help_text=gettext_lazy("ISO code such as EUR. Empty: any currency."),
    )

    class Meta:
        icon = "doc-full"
        label = gettext_lazy("Order total")
        description = gettext_lazy("The order's total within a range.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("currency") and not _CURRENCY.match(value["currency"]):
            refuse(currency=_("Enter a three-letter currency code such as EUR."))
        return value

    def bounds(self, params):
        return decimal_or_none(params.get("minimum")), decimal_or_none(params.get("maximum"))

    def is_satisfied(self, params, context):
        order = context.order
        currency = (params.get("currency") or "").upper()
        if order.total is None or (currency and order.currency.upper() != currency):
            return False
        return in_range(order.total, *self.bounds(params))

    def describe(self, params):
        text = _("Order total %(range)s") % {"range": describe_range(*self.bounds(params))}
        return f"{text} {params['currency'].upper()}" if params.get("currency") else text


class ProductsCondition(Condition):
    """
    Any item of the order has one of the SKUs or categories (case-insensitive;
    a SKU ending in * matches every SKU that starts with the rest). Not
    satisfied for an order without items.
    """

    skus = blocks.CharBlock(
        required=False,
        max_length=1000,
        label=gettext_lazy("SKUs"),
        help_text=gettext_lazy("Separated by commas. BG-ESP-* matches every SKU starting BG-ESP-."),
    )
    categories = blocks.CharBlock(
        required=False,
        max_length=1000,
        label=gettext_lazy("Categories"),
        help_text=gettext_lazy("Separated by commas, as the shop sends them."),
    )

    class Meta:
        icon = "tag"
        label = gettext_lazy("Products in the order")
        description = gettext_lazy("The order contains one of these products or categories.")

    def clean(self, value):
        value = super().clean(value)
        if not split_list(value.get("skus")) and not split_list(value.get("categories")):
            refuse(_("Enter at least one SKU or category."))
        return value

    def is_satisfied(self, params, context):
        skus = [sku.lower() for sku in split_list(params.get("skus"))]
        categories = {category.lower() for category in split_list(params.get("categories"))}
        for item in context.order.items:
            if item.category and item.category.lower() in categories:
                return True
            sku = item.sku.lower()
            if sku and any(
                sku.startswith(wanted[:-1]) if wanted.endswith("*") else sku == wanted
                for wanted in skus
            ):
                return True
        return False

    def describe(self, params):
        names = [*split_list(params.get("skus")), *split_list(params.get("categories"))]
        return _("Order contains %(products)s") % {"products": ", ".join(names)}


class ShippingCountryCondition(Condition):
    """The shipping country is one of a list. Not satisfied without a country."""

    countries = blocks.CharBlock(
        max_length=500,
        label=gettext_lazy("Countries"),
        help_text=gettext_lazy("Two-letter codes separated by commas, e.g. DE, AT, CH."),
    )

    class Meta:
        icon = "site"
        label = gettext_lazy("Shipping country")
        description = gettext_lazy("The order ships to one of these countries.")

    def clean(self, value):
        value = super().clean(value)
        known = Locale("en").territories
        unknown = [c for c in split_list(value["countries"]) if not _is_country(c, known)]
        if unknown:
            refuse(
                countries=_("Not a two-letter country code: %(codes)s.")
                % {"codes": ", ".join(unknown)}
            )
        return value

    def is_satisfied(self, params, context):
        country = context.order.shipping_country.upper()
        return bool(country) and country in {c.upper() for c in split_list(params["countries"])}

    def describe(self, params):
        return _("Ships to %(countries)s") % {
            "countries": ", ".join(c.upper() for c in split_list(params.get("countries")))
        }


def _is_country(code, known):
    return len(code) == 2 and code.isalpha() and code.upper() in known


class LocaleCondition(Condition):
    """
    The order's locale is one of a list: "de" matches every German locale,
    "de-AT" only Austrian German. Not satisfied when the shop sends no locale.
    """

    locales = blocks.CharBlock(
        max_length=500,
        label=gettext_lazy("Locales"),
        help_text=gettext_lazy(
            "Separated by commas: de matches de-DE and de-AT; de-AT only itself."
        ),
    )

    class Meta:
        icon = "globe"
        label = gettext_lazy("Locale")
        description = gettext_lazy("The language or locale the shop sent.")

    def clean(self, value):
        value = super().clean(value)
        invalid = [
            entry for entry in split_list(value["locales"]) if not _LOCALE.match(_norm(entry))
        ]
        if invalid:
            refuse(locales=_("Not a locale: %(locales)s.") % {"locales": ", ".join(invalid)})
        return value

    def is_satisfied(self, params, context):
        locale = _norm(context.locale)
        if not locale:
            return False
        for wanted in split_list(params["locales"]):
            wanted = _norm(wanted)
            if locale == wanted or locale.startswith(wanted + "-"):
                return True
        return False

    def describe(self, params):
        return _("Locale %(locales)s") % {"locales": ", ".join(split_list(params.get("locales")))}


def _norm(locale):
    return (locale or "").replace("_", "-").lower()


STANDARD_CONDITIONS = [
    ("customer_type", CustomerTypeCondition()),
    ("newsletter", NewsletterCondition()),
    ("orders_count", OrderCountCondition()),
    ("customer_score", CustomerScoreCondition()),
    ("order_total", OrderTotalCondition()),
    ("products", ProductsCondition()),
    ("shipping_country", ShippingCountryCondition()),
    ("locale", LocaleCondition()),
]
