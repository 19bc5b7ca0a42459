"""
The customer score: 0 to 100 points from order frequency and lifetime value.

Half the points come from orders per year since the first order (counted over
at least one year, so a new customer's burst of orders is not mistaken for
loyalty), half from the money spent; each half is full at the shop's
reference value. Merchants name thresholds on it with segments ("VIP": a
score of at least 80).
"""

from datetime import UTC, datetime
from decimal import Decimal

MAX_SCORE = 100
DAYS_PER_YEAR = Decimal("365.25")


def customer_score(context):
    """Return the order's customer score, or None when the context lacks the data."""
    customer, shop = context.customer, context.shop
    if customer.orders_count is None or customer.total_spent is None:
        return None
    years = Decimal(1)
    ordered_at = context.order.created_at or datetime.fromtimestamp(context.issued_at, UTC)
    if customer.first_order_at is not None and ordered_at is not None:
        days = Decimal((ordered_at - customer.first_order_at).days)
        years = max(days / DAYS_PER_YEAR, years)
    frequency = Decimal(customer.orders_count) / years
    half = Decimal(MAX_SCORE) / 2
    points = half * min(frequency / max(shop.score_orders_per_year, 1), 1) + half * min(
        customer.total_spent / max(shop.score_lifetime_value, Decimal(1)), 1
    )
    return max(0, int(points.to_integral_value()))
