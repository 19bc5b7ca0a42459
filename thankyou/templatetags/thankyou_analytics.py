"""Numbers on the analytics dashboard."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pct(value):
    """A fraction as a percentage: 0.1234 -> "12.3 %"; nothing -> "\u2013"."""
    if value is None or value == "":
        return "\u2013"
    return f"{number_format(value * 100, 1)} %"


@register.filter
def points(value):
    """A difference of fractions in percentage points, with its sign."""
    if value is None:
        return "\u2013"
    sign = "+" if value > 0 else ""
    return f"{sign}{number_format(value * 100, 1)} pp"
