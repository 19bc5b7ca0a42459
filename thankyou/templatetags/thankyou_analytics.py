"""Numbers on the analytics dashboard."""

from django import template

from thankyou.analytics.reports import percent, signed_points

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
    return signed_points(value)
