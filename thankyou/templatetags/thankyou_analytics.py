"""Numbers on the analytics dashboard."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pct(value):
    """A fraction as a percentage: 0.1234 -> "12.3 %"; nothing -> "\u2013"."""
    if value is None or value == "":
        return "\u2013"
    return f"{percent(value)} %"


@register.filter
def points(value):
    """A difference of fractions in percentage points, with its sign."""
    if value is None:
        return "\u2013"
    shown = percent(value)
    sign = "+" if value > 0 and shown != percent(0) else ""
    return f"{sign}{shown} pp"


def percent(fraction):
    """Rounded to one decimal (number_format alone cuts off: 2/3 was 66.6), never -0.0."""
    return number_format(round(fraction * 100, 1) or 0, 1)
