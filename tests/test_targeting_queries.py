"""
Targeting costs a bounded number of queries: a segment with 50 conditions and
a shop with 100 pages render with as many queries as a tiny shop (cold), and
with none once cached (warm).
"""

import pytest
from conftest import make_claims
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thankyou.targeting.models import Segment

pytestmark = pytest.mark.django_db

# Fifty conditions the test order meets, so each one is evaluated.
CONDITIONS = [
    ("customer_type", {"customer": "account"}),
    ("newsletter", {"status": "not_subscribed"}),
    ("orders_count", {"minimum": 1, "maximum": 5}),
    ("customer_score", {"minimum": 0, "maximum": 50}),
    ("order_total", {"minimum": "10", "maximum": "100", "currency": "EUR"}),
    ("products", {"skus": "ESP-*", "categories": "coffee"}),
    ("shipping_country", {"countries": "DE, AT, CH"}),
    ("locale", {"locales": "de"}),
] * 6 + [("locale", {"locales": "de-DE"}), ("orders_count", {"minimum": 1, "maximum": None})]
NOBODY = [("shipping_country", {"countries": "IS"})]
# The shop's generation (what has changed since, docs/operating.md), the shop, its
# secrets, its segments, its live pages' routing facts, the chosen page and its
# running A/B test.
COLD_QUERIES = 7


def queries_of(api, token):
    with CaptureQueriesContext(connection) as queries:
        response = api.render({"token": token})
    assert response.status_code == 200
    return len(queries), response.json()


def test_fifty_conditions_and_a_hundred_pages_cost_no_more_queries_than_one(
    make_shop, make_page, api, token_for
):
    assert len(CONDITIONS) == 50
    warm_up, small, big = make_shop("warm-up"), make_shop("small"), make_shop("big")
    make_page(warm_up)

    tiny = Segment.objects.create(shop=small, name="Accounts", conditions=CONDITIONS[:1])
    make_page(small, title="Default")
    make_page(small, title="Target", segment=tiny)

    many = Segment.objects.create(shop=big, name="Everything", conditions=CONDITIONS)
    nobody = Segment.objects.create(shop=big, name="Nobody", conditions=NOBODY)
    for number in range(97):
        make_page(big, title=f"Elsewhere {number}", segment=nobody, priority=90)
    make_page(big, title="Default", language="en")
    make_page(big, title="Default")
    make_page(
        big,
        title="Target",
        segment=many,
        priority=10,
        body=[
            ("heading", {"text": "Thanks, {first_name}!", "subtitle": ""}),
            ("heading", {"text": "Hidden", "subtitle": "", "target_segments": [nobody]}),
        ],
    )

    queries_of(api, token_for(warm_up))  # the process's one-time lookups
    small_cold, small_body = queries_of(api, token_for(small))
    assert small_body["page"]["title"] == "Target"

    big_cold, big_body = queries_of(api, token_for(big))
    assert big_body["page"]["title"] == "Target"
    assert big_cold == small_cold == COLD_QUERIES

    another_order = {**make_claims(big)["order"], "id": "another-order"}
    warm, body = queries_of(api, token_for(big, order=another_order))
    assert warm == 0, "personal text and block conditions are decided without the database"
    assert body["page"]["title"] == "Target"
    assert "Thanks, Anna!" in body["html"] and "Hidden" not in body["html"]
