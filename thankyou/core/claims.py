"""
The order context's claims, checked strictly and fast.

Every render validates one set of claims, so this is a small declarative
checker rather than a DRF serializer: 5 to 30 times faster (bin/bench-claims,
docs/performance.md). Its rules are those of ``rules.py``, shared with the
serializers. Errors are collected per claim
path, e.g. ``{"order.items.3.price": ['Must be a decimal string such as "129.90".']}``.
Unknown claims are ignored.
"""

import math
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from thankyou.core import rules

is_locale = rules.matcher(rules.LOCALE_PATTERN)
is_country = rules.matcher(rules.COUNTRY_PATTERN)
is_amount = rules.matcher(rules.AMOUNT_PATTERN)
is_referral = rules.matcher(rules.REFERRAL_PATTERN)
is_channel = rules.matcher(rules.CHANNEL_PATTERN)


class Invalid(Exception):
    pass


class Field:
    required = False

    def parse(self, value, path, errors):
        """Return the parsed value, or record errors and return None."""
        try:
            return self.clean(value)
        except Invalid as error:
            errors[path] = [str(error)]
            return None

    def clean(self, value):
        raise NotImplementedError


class Text(Field):
    """A string (or an integer, where ``numbers``), stripped; `pattern` a rules.matcher()."""

    def __init__(self, max_length, *, numbers=False, required=False, pattern=None, message=""):
        self.max_length, self.numbers, self.required = max_length, numbers, required
        self.pattern, self.message = pattern, message

    def clean(self, value):
        if self.numbers and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise Invalid(_("Not a valid string."))
        if "\x00" in value or not (value.isascii() or is_unicode(value)):
            raise Invalid(_("Not valid text: it holds a NUL character or half a character."))
        value = value.strip()
        if len(value) > self.max_length:
            raise Invalid(
                _("Ensure this field has no more than %(n)d characters.") % {"n": self.max_length}
            )
        if self.required and not value:
            raise Invalid(_("This field is required."))
        if value and self.pattern and not self.pattern(value):
            raise Invalid(self.message)
        return value


def is_unicode(text):
    """Whether the text has no lone surrogate (half of a character cut short)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


class Boolean(Field):
    def clean(self, value):
        if not isinstance(value, bool):
            raise Invalid(_("Must be true or false."))
        return value


class Integer(Field):
    def __init__(self, maximum):
        self.maximum = maximum

    def clean(self, value):
        if not isinstance(value, int) or isinstance(value, bool):
            raise Invalid(_("A valid integer is required."))
        if not 0 <= value <= self.maximum:
            raise Invalid(_("Ensure this value is between 0 and %(max)d.") % {"max": self.maximum})
        return value


class NumericDate(Integer):
    """Unix seconds; RFC 7519 allows a fraction (``time.time()``), which is dropped."""

    def clean(self, value):
        if isinstance(value, float) and math.isfinite(value):
            value = int(value)
        return super().clean(value)


class Amount(Field):
    """A non-negative amount as a decimal string such as "129.90"."""

    def clean(self, value):
        if isinstance(value, str) and value.strip().startswith("-"):
            raise Invalid(_("Must not be negative."))
        if not isinstance(value, str) or not is_amount(value.strip()):
            raise Invalid(rules.AMOUNT_MESSAGE)
        return Decimal(value.strip())


class Timestamp(Field):
    """
    An ISO 8601 date-time; without an offset it is read in the shop's zone.
    Years far from now are refused: dates computed from them (a delivery
    window, a zone's local day) would leave what Python can represent, and
    some backends send their minimum date for "none".
    """

    YEARS = range(1970, 3000)

    def clean(self, value):
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None:
            raise Invalid(_("Must be an ISO 8601 date-time such as 2026-11-27T14:05:00+01:00."))
        if parsed.year not in self.YEARS:
            raise Invalid(_("Must be a date-time between the years 1970 and 2999."))
        return parsed


class Currency(Text):
    def __init__(self):
        super().__init__(3)

    def clean(self, value):
        value = super().clean(value)
        if value and value not in rules.CURRENCIES:
            raise Invalid(rules.CURRENCY_MESSAGE)
        return value


class Country(Text):
    def __init__(self):
        super().__init__(2)

    def clean(self, value):
        value = super().clean(value).upper()
        if value and not is_country(value):
            raise Invalid(rules.COUNTRY_MESSAGE)
        return value


class Email(Text):
    def __init__(self):
        super().__init__(rules.EMAIL_MAX_LENGTH)

    def clean(self, value):
        value = super().clean(value)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                raise Invalid(_("Enter a valid email address.")) from None
        return value


class Object(Field):
    """A JSON object of known keys."""

    def __init__(self, fields, *, required=False):
        self.fields, self.required = fields, required

    def parse(self, value, path, errors):
        if not isinstance(value, dict):
            errors[path] = [str(_("Must be an object."))]
            return None
        result = {}
        for name, field in self.fields.items():
            field_path = f"{path}.{name}" if path else name
            if value.get(name) is None:
                if field.required:
                    errors[field_path] = [str(_("This field is required."))]
                continue
            parsed = field.parse(value[name], field_path, errors)
            if parsed is not None:
                result[name] = parsed
        return result


class List(Field):
    def __init__(self, item, max_items):
        self.item, self.max_items = item, max_items

    def parse(self, value, path, errors):
        if not isinstance(value, list):
            errors[path] = [str(_("Must be a list."))]
            return None
        if len(value) > self.max_items:
            errors[path] = [
                str(_("Ensure this field has no more than %(n)d elements.") % {"n": self.max_items})
            ]
            return None
        return [self.item.parse(item, f"{path}.{i}", errors) for i, item in enumerate(value)]


@cache
def schema(max_items):
    return Object(
        {
            "iat": NumericDate(2**40),
            "exp": NumericDate(2**40),
            "test": Boolean(),
            "referral": Text(64, pattern=is_referral, message=rules.REFERRAL_MESSAGE),
            # Set by our hosted order page on the tokens it signs; the shop's are "embed".
            "channel": Text(8, pattern=is_channel, message=rules.CHANNEL_MESSAGE),
            "locale": Text(35, pattern=is_locale, message=rules.LOCALE_MESSAGE),
            "order": Object(
                {
                    "id": Text(rules.ORDER_ID_MAX_LENGTH, numbers=True, required=True),
                    "number": Text(100, numbers=True),
                    "created_at": Timestamp(),
                    "currency": Currency(),
                    "total": Amount(),
                    "items": List(
                        Object(
                            {
                                "sku": Text(100, numbers=True),
                                "name": Text(300),
                                "category": Text(100),
                                "quantity": Integer(1_000_000),
                                "price": Amount(),
                            }
                        ),
                        max_items,
                    ),
                    "shipping": Object({"country": Country(), "method": Text(100)}),
                },
                required=True,
            ),
            "customer": Object(
                {
                    "id": Text(100, numbers=True),
                    "first_name": Text(100),
                    "email": Email(),
                    "is_guest": Boolean(),
                    "newsletter": Boolean(),
                    "orders_count": Integer(10_000_000),
                    "total_spent": Amount(),
                    "first_order_at": Timestamp(),
                }
            ),
        }
    )


def validate_claims(claims, max_items):
    """Return (data, errors): the parsed claims and any errors by claim path."""
    errors = {}
    data = schema(max_items).parse(claims, "", errors)
    return data, errors
