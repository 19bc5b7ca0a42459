"""
Segment conditions, each true, false and with the data missing, as an order
notices them: the page for the segment is shown or the default page is.
Invalid conditions are refused when saved.
"""

import time

import pytest
from django.core.exceptions import ValidationError

from thankyou.core.signing import sign_claims
from thankyou.targeting.models import Segment

pytestmark = pytest.mark.django_db

MISSING = object()
CUSTOMER = {
    "id": "c-1",
    "first_name": "Anna",
    "is_guest": False,
    "newsletter": False,
    "orders_count": 1,
    "total_spent": "49.90",
}
ORDER = {
    "id": "A-1",
    "number": "1001",
    "created_at": "2026-11-25T10:15:00+01:00",
    "currency": "EUR",
    "total": "49.90",
    "items": [
        {"sku": "ESP-1", "name": "Espresso", "category": "coffee", "quantity": 2, "price": "14.90"}
    ],
    "shipping": {"country": "DE", "method": "DHL"},
}
VIP = {
    **CUSTOMER,
    "orders_count": 14,
    "total_spent": "1840.50",
    "first_order_at": "2024-12-05T09:00:00+01:00",
}


def claims_for(shop, customer=None, order=None, locale="de-DE"):
    now = int(time.time())
    claims = {
        "iss": shop.key,
        "aud": "thankyou",
        "iat": now,
        "exp": now + 600,
        "order": {k: v for k, v in {**ORDER, **(order or {})}.items() if v is not MISSING},
        "customer": {k: v for k, v in {**CUSTOMER, **(customer or {})}.items() if v is not MISSING},
    }
    if locale is not MISSING:
        claims["locale"] = locale
    return claims


@pytest.fixture
def segment_page(shop, make_page, api):
    """
    Publish a default page and a page for a segment with these conditions;
    return a function telling whether an order gets the segment's page.
    """

    def publish(conditions, match="all"):
        make_page(shop, title="Everyone")
        segment = Segment(shop=shop, name="Tested", match=match, conditions=conditions)
        segment.full_clean()
        segment.save()
        make_page(shop, title="For the segment", segment=segment)

        def sees(**claims):
            response = api.render({"token": sign_claims(shop, claims_for(shop, **claims))})
            assert response.status_code == 200
            return response.json()["page"]["title"] == "For the segment"

        return sees

    return publish


CASES = [
    # condition, order data that satisfies it, data that does not, data that is missing
    (
        ("customer_type", {"customer": "guest"}),
        {"customer": {"is_guest": True, "id": MISSING}},
        {"customer": {"is_guest": False}},
        {"customer": {"is_guest": MISSING}},
    ),
    (
        ("customer_type", {"customer": "account"}),
        {"customer": {"is_guest": False}},
        {"customer": {"is_guest": True, "id": MISSING}},
        {"customer": {"is_guest": MISSING}},
    ),
    (
        ("newsletter", {"status": "subscribed"}),
        {"customer": {"newsletter": True}},
        {"customer": {"newsletter": False}},
        {"customer": {"newsletter": MISSING}},
    ),
    (
        ("newsletter", {"status": "not_subscribed"}),
        {"customer": {"newsletter": False}},
        {"customer": {"newsletter": True}},
        {"customer": {"newsletter": MISSING}},
    ),
    (
        ("orders_count", {"minimum": None, "maximum": 1}),
        {"customer": {"orders_count": 1}},
        {"customer": {"orders_count": 3}},
        {"customer": {"orders_count": MISSING}},
    ),
    (
        ("orders_count", {"minimum": 2, "maximum": None}),
        {"customer": {"orders_count": 2}},
        {"customer": {"orders_count": 1}},
        {"customer": {"orders_count": MISSING}},
    ),
    (
        ("customer_score", {"minimum": 80, "maximum": None}),
        {"customer": VIP},
        {"customer": {"orders_count": 3, "total_spent": "112.60"}},
        {"customer": {**VIP, "total_spent": MISSING}},
    ),
    (
        ("customer_score", {"minimum": None, "maximum": 20}),
        {"customer": {"orders_count": 1, "total_spent": "49.90"}},
        {"customer": VIP},
        {"customer": {"orders_count": MISSING}},
    ),
    (
        ("order_total", {"minimum": "50", "maximum": "100", "currency": ""}),
        {"order": {"total": "75.00"}},
        {"order": {"total": "49.90"}},
        {"order": {"total": MISSING}},
    ),
    (
        ("order_total", {"minimum": "10", "maximum": None, "currency": "eur"}),
        {"order": {"total": "49.90", "currency": "EUR"}},
        {"order": {"total": "49.90", "currency": "CHF"}},
        {"order": {"total": MISSING}},
    ),
    (
        ("products", {"skus": "ESP-*, GRN-2", "categories": ""}),
        {"order": {"items": [{"sku": "esp-9", "quantity": 1}]}},
        {"order": {"items": [{"sku": "FIL-1", "quantity": 1}]}},
        {"order": {"items": MISSING}},
    ),
    (
        ("products", {"skus": "", "categories": "Equipment, tea"}),
        {"order": {"items": [{"sku": "GRN-1", "category": "equipment", "quantity": 1}]}},
        {"order": {"items": [{"sku": "ESP-1", "category": "coffee", "quantity": 1}]}},
        {"order": {"items": [{"sku": "GRN-1", "quantity": 1}]}},
    ),
    (
        ("shipping_country", {"countries": "at, CH"}),
        {"order": {"shipping": {"country": "AT"}}},
        {"order": {"shipping": {"country": "DE"}}},
        {"order": {"shipping": MISSING}},
    ),
    (
        ("locale", {"locales": "de-AT"}),
        {"locale": "de_AT"},
        {"locale": "de-DE"},
        {"locale": MISSING},
    ),
    (
        ("locale", {"locales": "en"}),
        {"locale": "en-GB"},
        {"locale": "de-DE"},
        {"locale": MISSING},
    ),
]


@pytest.mark.parametrize(
    ("condition", "satisfied", "not_satisfied", "missing"),
    CASES,
    ids=[f"{case[0][0]}-{index}" for index, case in enumerate(CASES)],
)
def test_each_condition_type(segment_page, condition, satisfied, not_satisfied, missing):
    sees = segment_page([condition])
    assert sees(**satisfied) is True
    assert sees(**not_satisfied) is False
    assert sees(**missing) is False, "missing data: not satisfied"


GUEST = ("customer_type", {"customer": "guest"})
FIRST_ORDER = ("orders_count", {"minimum": None, "maximum": 1})


def test_all_conditions_must_hold(segment_page):
    sees = segment_page([GUEST, FIRST_ORDER])
    assert sees(customer={"is_guest": True, "id": MISSING, "orders_count": 1})
    assert not sees(customer={"is_guest": True, "id": MISSING, "orders_count": 2})


def test_any_condition_is_enough(segment_page):
    sees = segment_page([GUEST, FIRST_ORDER], "any")
    assert sees(customer={"is_guest": False, "orders_count": 1})
    assert not sees(customer={"is_guest": False, "orders_count": 2})


def test_the_score_follows_the_shops_reference_values(segment_page, shop):
    """A customer with 3 orders and 112.60 spent is a VIP where the bar is low."""
    regular = {"customer": {"orders_count": 3, "total_spent": "112.60"}}
    sees = segment_page([("customer_score", {"minimum": 80, "maximum": None})])
    assert not sees(**regular)
    shop.score_orders_per_year, shop.score_lifetime_value = 3, 100
    shop.save()
    assert sees(**regular)


INVALID = [
    ([], "minimum number of items is 1"),
    ([("orders_count", {"minimum": None, "maximum": None})], "Enter a minimum, a maximum or both"),
    ([("orders_count", {"minimum": 3, "maximum": 2})], "must not be less than the minimum"),
    ([("customer_score", {"minimum": 120, "maximum": None})], "less than or equal to 100"),
    ([("order_total", {"minimum": "5", "maximum": None, "currency": "EU1"})], "three-letter"),
    ([("products", {"skus": " , ", "categories": ""})], "at least one SKU or category"),
    ([("shipping_country", {"countries": "DE, Germany, XX"})], "Germany, XX"),
    ([("locale", {"locales": "de-DE, deutsch!"})], "Not a locale: deutsch!"),
]


@pytest.mark.parametrize(("conditions", "message"), INVALID)
def test_invalid_conditions_are_refused_with_a_message(shop, conditions, message):
    segment = Segment(shop=shop, name="Broken", conditions=conditions)
    with pytest.raises(ValidationError) as refused:
        segment.full_clean()
    assert message in str(refused.value.message_dict)
