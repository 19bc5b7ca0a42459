"""Validation of the order context's claims: types are checked strictly."""

import re
from decimal import Decimal

from babel.numbers import list_currencies
from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

CURRENCIES = frozenset(list_currencies())
LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
AMOUNT_RE = re.compile(r"^\d{1,12}(?:\.\d{1,4})?$")


class StrictCharField(serializers.CharField):
    """A string; numbers are accepted only where ``allow_numbers`` says so."""

    def __init__(self, *, allow_numbers=False, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        self.allow_numbers = allow_numbers
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        numeric = isinstance(data, int) and not isinstance(data, bool)
        if not isinstance(data, str) and not (self.allow_numbers and numeric):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.Field):
    default_error_messages = {"invalid": _("Must be true or false.")}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if not isinstance(data, int) or isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


class DecimalStringField(serializers.Field):
    """A non-negative amount as a decimal string such as "129.90"."""

    default_error_messages = {
        "invalid": _('Must be a decimal string such as "129.90".'),
        "negative": _("Must not be negative."),
    }

    def to_internal_value(self, data):
        if isinstance(data, str) and data.strip().startswith("-"):
            self.fail("negative")
        if not isinstance(data, str) or not AMOUNT_RE.match(data.strip()):
            self.fail("invalid")
        return Decimal(data.strip())

    def to_representation(self, value):
        return str(value)


class TimestampField(serializers.Field):
    """An ISO 8601 date-time; without an offset it is read in the shop's zone."""

    default_error_messages = {
        "invalid": _("Must be an ISO 8601 date-time such as 2026-11-27T14:05:00+01:00.")
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            value = parse_datetime(data)
        except ValueError:
            value = None
        if value is None:
            self.fail("invalid")
        return value

    def to_representation(self, value):
        return value.isoformat()


class ItemSerializer(serializers.Serializer):
    sku = StrictCharField(max_length=100, allow_numbers=True)
    name = StrictCharField(max_length=300)
    category = StrictCharField(max_length=100)
    quantity = StrictIntegerField(required=False, min_value=0, max_value=1_000_000)
    price = DecimalStringField(required=False)


class ShippingSerializer(serializers.Serializer):
    country = StrictCharField(max_length=2)
    method = StrictCharField(max_length=100)

    def validate_country(self, value):
        value = value.upper()
        if value and not COUNTRY_RE.match(value):
            raise serializers.ValidationError(_("Must be an ISO 3166 country code such as DE."))
        return value


class OrderSerializer(serializers.Serializer):
    id = StrictCharField(max_length=100, allow_numbers=True, required=True, allow_blank=False)
    number = StrictCharField(max_length=100, allow_numbers=True)
    created_at = TimestampField(required=False)
    currency = StrictCharField(max_length=3)
    total = DecimalStringField(required=False)
    items = serializers.ListField(
        child=ItemSerializer(),
        required=False,
        max_length=settings.THANKYOU["TOKEN_MAX_ITEMS"],
    )
    shipping = ShippingSerializer(required=False)

    def validate_currency(self, value):
        if value and value not in CURRENCIES:
            raise serializers.ValidationError(_("Must be an ISO 4217 code such as EUR."))
        return value


class CustomerSerializer(serializers.Serializer):
    id = StrictCharField(max_length=100, allow_numbers=True)
    first_name = StrictCharField(max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    is_guest = StrictBooleanField(required=False)
    newsletter = StrictBooleanField(required=False)
    orders_count = StrictIntegerField(required=False, min_value=0, max_value=10_000_000)
    total_spent = DecimalStringField(required=False)
    first_order_at = TimestampField(required=False)


class ClaimsSerializer(serializers.Serializer):
    """The claims the renderer reads; unknown claims are ignored."""

    iat = serializers.IntegerField()
    exp = serializers.IntegerField()
    test = StrictBooleanField(required=False)
    locale = StrictCharField(max_length=35)
    order = OrderSerializer()
    customer = CustomerSerializer(required=False)

    def validate_locale(self, value):
        if value and not LOCALE_RE.match(value):
            raise serializers.ValidationError(_("Must be a locale such as de-DE."))
        return value


def flatten_errors(errors, prefix=""):
    """Turn DRF's nested errors into {"order.items.3.price": ["..."]}."""
    flat = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten_errors(value, path))
    elif isinstance(errors, list) and errors and not isinstance(errors[0], str):
        for index, value in enumerate(errors):
            if value:
                flat.update(flatten_errors(value, f"{prefix}.{index}"))
    else:
        flat[prefix or "non_field_errors"] = [str(e) for e in errors]
    return flat
