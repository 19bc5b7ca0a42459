"""
Placeholders in merchant text: {first_name}, {order_number}, {delivery_date},
{shop_name}, each with an optional fallback after a bar: {first_name|friend}.

Plain texts get the values as text, escaped where the text goes (Django's
templates, JSON); rich texts get them escaped into their HTML. A placeholder
without a value and without a fallback disappears together with the space or
comma before it ("Hello {first_name}," becomes "Hello,"). Unknown
placeholders are refused when the page is saved.
"""

import functools
import re

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

from thankyou.blocks import business_days

PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_]+)(?:\|(?P<fallback>[^{}|]*))?\}")
_ANY_BRACE = re.compile(r"\{[^{}]*\}")
_UNCLOSED = re.compile(r"\{[^{}\s]*")  # what is left of a brace once closed ones are gone
_PUNCTUATION = ".,!?;:)"
_AFTER_START = re.compile(r"[,!.]?[ \t]*")


def _first_name(context):
    return getattr(context.get("customer"), "first_name", "") or ""


def _order_number(context):
    return getattr(context.get("order"), "number", "") or ""


def _shop_name(context):
    return getattr(context.get("shop"), "name", "") or ""


def _delivery_date(context):
    """The shop's delivery time after the order's processing day, in the customer's locale."""
    shop = context.get("shop")
    if shop is None:
        return ""
    start, country = business_days.order_start(context.get("order"), shop)
    day = business_days.add_business_days(start, shop.delivery_days, country)
    locale = babel_locale_for(context)
    try:
        return format_skeleton("MMMMEd", day, locale=locale)
    except (ValueError, LookupError):
        return format_skeleton("MMMMEd", day, locale=locale.split("_")[0])


PLACEHOLDERS = {
    "first_name": _first_name,
    "order_number": _order_number,
    "delivery_date": _delivery_date,
    "shop_name": _shop_name,
}
# Placeholders that speak of this customer and order (the experience check's "personal").
CUSTOMER_PLACEHOLDERS = {"first_name", "order_number"}


def babel_locale_for(context):
    """
    The page's language as the customer's region writes it (de_AT; en_AT for
    an Austrian on an English page), if Babel knows that; else the language.
    """
    language = context.get("locale") or "en"
    return _babel_locale(language, (context.get("customer_locale") or "").replace("-", "_"))


@functools.lru_cache(maxsize=512)
def _babel_locale(language, customer_locale):
    _language, _sep, region = customer_locale.partition("_")
    if region:
        try:
            return str(Locale.parse(f"{language}_{region}"))
        except (ValueError, UnknownLocaleError):  # de_US, en_XX: the language alone
            pass
    return language


def _source(text):
    """A plain text as it is; a rich text's HTML."""
    return text.source if isinstance(text, RichText) else text


def has_placeholders(text):
    text = _source(text)
    return isinstance(text, str) and "{" in text and PLACEHOLDER.search(text) is not None


def placeholders_in(text):
    return {match["name"] for match in PLACEHOLDER.finditer(_source(text) or "")}


def personalise(text, context):
    """Fill the placeholders of a merchant text for the order in a block's template context."""
    if not has_placeholders(text):
        return text
    if isinstance(text, RichText):
        return RichText(_filled(text.source, context, escape))
    return _filled(text, context, str)


def _filled(text, context, quote):
    out, position = [], 0
    for match in PLACEHOLDER.finditer(text):
        before = text[position : match.start()]
        position = match.end()
        fill = PLACEHOLDERS.get(match["name"])
        value = quote(fill(context)) if fill else match.group(0)
        if not value and match["fallback"] is not None:
            value = match["fallback"]
        if not value:
            after = text[position : position + 1]
            if not after or after in _PUNCTUATION or after.isspace():
                before = re.sub(r",?[ \t]+$", "", before)
                if not before or before.endswith("\n"):
                    position += len(_AFTER_START.match(text, position).group())
        out.extend((before, value))
    out.append(text[position:])
    return "".join(out)


def validate_placeholders(text):
    """Refuse unknown placeholders (and braces that look like a mistyped one)."""
    unknown = []
    for candidate in _ANY_BRACE.findall(text or ""):
        match = PLACEHOLDER.fullmatch(candidate)
        if match is None or match["name"] not in PLACEHOLDERS:
            unknown.append(candidate)
    unclosed = _UNCLOSED.search(_ANY_BRACE.sub("", text or ""))
    if unclosed:
        raise ValidationError(
            _("This brace is not closed: %(start)s… Write a placeholder as {first_name}.")
            % {"start": unclosed.group()},
            code="unclosed_placeholder",
        )
    if unknown:
        raise ValidationError(
            _(
                "Unknown placeholder %(unknown)s. Use %(known)s, "
                "with a fallback: {first_name|friend}."
            )
            % {
                "unknown": ", ".join(unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


PLACEHOLDER_HELP = _(
    "Placeholders: {first_name}, {order_number}, {delivery_date}, {shop_name}; "
    "a fallback for a missing value after a bar: {first_name|friend}."
)


class PersonalTextMixin:
    """A text field whose placeholders are filled in for each order."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", PLACEHOLDER_HELP)
        kwargs["validators"] = [*kwargs.get("validators", ()), validate_placeholders]
        super().__init__(*args, **kwargs)


class PersonalCharBlock(PersonalTextMixin, blocks.CharBlock):
    pass


class PersonalTextBlock(PersonalTextMixin, blocks.TextBlock):
    pass


class PersonalRichTextBlock(PersonalTextMixin, blocks.RichTextBlock):
    pass


def refuse_placeholders(text):
    """Refuse placeholders in a text that nothing fills in."""
    names = sorted(placeholders_in(text) & PLACEHOLDERS.keys())
    if names:
        raise ValidationError(
            _(
                "Placeholders are not filled in here: customers would read %(names)s "
                "as written. Headings and texts that list the placeholders below them "
                "fill them in."
            )
            % {"names": ", ".join(f"{{{name}}}" for name in names)},
            code="placeholder_not_filled",
        )


def refuse_placeholders_below(block):
    """Give every plain text field in ``block``'s children the refuse_placeholders check."""
    children = getattr(block, "child_blocks", None) or {}
    for child in [*children.values(), *filter(None, [getattr(block, "child_block", None)])]:
        unfilled = isinstance(child, blocks.CharBlock | blocks.TextBlock) and not isinstance(
            child, PersonalTextMixin
        )
        if unfilled and refuse_placeholders not in child.field.validators:
            child.field.validators.append(refuse_placeholders)
        refuse_placeholders_below(child)


def is_personal(block, value):
    """Whether the block's output depends on the order (rendered per order)."""
    if getattr(block.meta, "personal", False):
        return True
    uses_placeholders = getattr(block, "uses_placeholders", None)
    return bool(uses_placeholders and uses_placeholders(value))
