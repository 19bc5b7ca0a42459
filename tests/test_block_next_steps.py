"""The next-steps timeline: dates a customer reads, in their locale."""

import pytest

from thankyou.blocks.next_steps import NextStepsBlock
from thankyou.blocks.samples import render_block, sample_context

pytestmark = pytest.mark.django_db

STEPS = {
    "heading": "So geht es weiter",
    "steps": [
        {"title": "Bestellung erhalten", "text": ""},
        {"title": "Geröstet", "text": "", "days": 0},
        {"title": "Versendet", "text": "", "days": 1},
        {"title": "Bei dir", "text": "", "days": 2, "days_max": 3},
    ],
    "tracking_url": "https://shop.example/track?order={order}",
    "tracking_label": "Sendung verfolgen",
}


def order(created_at, country="DE", number="10 421"):
    return {
        "id": "A-1",
        "number": number,
        "created_at": created_at,
        "currency": "EUR",
        "total": "10.00",
        "items": [],
        "shipping": {"country": country, "method": "DHL"},
    }


def test_preview_value_renders_dated_steps():
    html = render_block(NextStepsBlock(), name="next_steps")
    assert html.count("<time") == 3
    assert "Sendung verfolgen" in html


def test_friday_after_cutoff_before_whit_monday_in_german(shop, rendered):
    body = rendered(
        shop,
        [("next_steps", STEPS)],
        order=order("2026-05-22T16:45:00+02:00"),
    )
    html = body["html"]
    assert 'datetime="2026-05-26">Di., 26. Mai<' in html  # processing: Tuesday
    assert 'datetime="2026-05-27">Mi., 27. Mai<' in html  # shipped
    assert "Do., 28.\u2009\u2013\u2009Fr., 29. Mai" in html  # delivered: a range
    steps = body["blocks"][0]["value"]["steps"]
    assert [s["date"] for s in steps] == [
        None,
        "2026-05-26",
        "2026-05-27",
        "2026-05-28",
    ]
    assert steps[3]["date_max"] == "2026-05-29"


def test_unknown_country_counts_only_weekends(shop, rendered):
    body = rendered(shop, [("next_steps", STEPS)], order=order("2026-05-22T16:45:00+02:00", "XX"))
    assert body["blocks"][0]["value"]["steps"][1]["date"] == "2026-05-25"


def test_english_customer_gets_english_dates(shop, rendered):
    body = rendered(
        shop,
        [("next_steps", STEPS)],
        language="en",
        locale="en-GB",
        order=order("2026-11-25T09:00:00+01:00"),
    )
    assert ">Wed 25 Nov<" in body["html"]


def test_shop_cutoff_is_respected(shop, rendered):
    shop.order_cutoff = None
    shop.save()
    body = rendered(shop, [("next_steps", STEPS)], order=order("2026-11-25T22:00:00+01:00"))
    assert body["blocks"][0]["value"]["steps"][1]["date"] == "2026-11-25"


def test_tracking_link_carries_the_order_number_encoded(shop, rendered):
    body = rendered(shop, [("next_steps", STEPS)], order=order("2026-11-25T09:00:00+01:00"))
    assert 'href="https://shop.example/track?order=10%20421"' in body["html"]


def test_empty_steps_render_only_the_heading():
    html = render_block(
        NextStepsBlock(), {**STEPS, "steps": [], "tracking_url": ""}, sample_context()
    )
    assert "So geht es weiter" in html
    assert "<ol" not in html and "<a " not in html


def test_range_must_not_end_before_it_starts():
    from django.core.exceptions import ValidationError

    block = NextStepsBlock()
    value = block.to_python(
        {**STEPS, "steps": [{"title": "Bei dir", "text": "", "days": 3, "days_max": 1}]}
    )
    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.parametrize(
    "created_at",
    ["9999-12-31T23:59:59+00:00", "9999-12-31T23:00:00", "0001-01-01T00:30:00+01:00"],
)
def test_an_order_date_out_of_range_is_refused(shop, api, make_page, token_for, created_at):
    # Backends send their minimum or maximum date for "none"; the timeline's
    # dates computed from it would not exist.
    make_page(shop, body=[("next_steps", STEPS)])
    response = api.render({"token": token_for(shop, order=order(created_at))})
    assert response.status_code == 400, response.content
    assert "order.created_at" in response.json()["fields"]
