"""POST /api/v1/events: batches from the embed script, checked event by event."""

import json
import re

import jwt
import pytest

from tests.conftest import send_events
from thankyou.analytics import reports, rollup
from thankyou.analytics.events import order_hash
from thankyou.analytics.models import DailyCount, Event

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", {"text": "Danke", "subtitle": ""}),
    ("text", {"text": "<p>Frisch geröstet.</p>"}),
]


@pytest.fixture
def shown(api, make_page, shop, token_for):
    """Render a page for an order; return the render response's JSON."""

    def render(shop=shop, body=BODY, **claims):
        make_page(shop, body=body)
        response = api.render({"token": token_for(shop, **claims)})
        assert response.status_code == 200, response.content
        return response.json()

    return render


def post(api, body, content_type="text/plain"):
    data = body if isinstance(body, str) else json.dumps(body)
    return api.post("/api/v1/events", data=data, content_type=content_type)


def test_a_batch_is_stored_as_sent_by_a_beacon(api, shown):
    render = shown()
    block = render["blocks"][1]["id"]
    response = post(
        api,
        {
            "action_token": render["action_token"],
            "events": [
                {"type": "view"},
                {"type": "block_view", "block": block},
                {"type": "answer", "block": block, "detail": "q1:2"},
            ],
        },
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"accepted": 3, "rejected": [], "counted": True}
    stored = list(Event.objects.order_by("id").values("type", "block", "detail", "page_id"))
    assert stored == [
        {"type": "view", "block": "", "detail": "", "page_id": render["page"]["id"]},
        {"type": "block_view", "block": block, "detail": "", "page_id": render["page"]["id"]},
        {"type": "answer", "block": block, "detail": "q1:2", "page_id": render["page"]["id"]},
    ]


def test_one_bad_event_is_reported_and_the_rest_stored(api, shown):
    render = shown()
    block = render["blocks"][0]["id"]
    events = [{"type": "block_view", "block": block} for _ in range(20)]
    events[7] = {"type": "block_view", "block": "not-on-this-page"}
    events[12] = {"type": "teleport"}
    response = post(api, {"action_token": render["action_token"], "events": events})
    assert response.status_code == 207
    body = response.json()
    assert body["accepted"] == 18
    assert [(r["index"], r["field"], r["code"]) for r in body["rejected"]] == [
        (7, "events.7.block", "unknown_block"),
        (12, "events.12.type", "invalid_type"),
    ]
    assert Event.objects.count() == 18


@pytest.mark.parametrize(
    ("event", "field", "code"),
    [
        ("view", "events.0", "invalid_event"),
        ({"type": "click"}, "events.0.block", "missing_block"),
        ({"type": "view", "block": "x"}, "events.0.block", "unexpected_block"),
        ({"type": "answer", "block": "B", "detail": "anna@example.com"}, "events.0.detail", None),
        ({"type": "answer", "block": "B", "detail": 3}, "events.0.detail", "invalid_detail"),
        # 65 characters on PostgreSQL: a 500, and the whole batch lost.
        ({"type": "answer", "block": "B", "detail": "x" * 64 + "\n"}, "events.0.detail", None),
        ({"type": "answer", "block": "B", "detail": "q1:a\n"}, "events.0.detail", None),
    ],
)
def test_an_invalid_event_names_its_field(api, shown, event, field, code):
    render = shown()
    if isinstance(event, dict) and event.get("block") == "B":
        event["block"] = render["blocks"][0]["id"]
    response = post(api, {"action_token": render["action_token"], "events": [event]})
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert body["accepted"] == 0
    if code:
        assert body["rejected"][0]["code"] == code
    assert not Event.objects.exists()


def test_events_with_another_shops_token_are_refused(api, shown, make_shop, make_page, token_for):
    mine = shown()
    other_shop = make_shop("other")
    make_page(other_shop, body=BODY)
    theirs = api.render({"token": token_for(other_shop)}).json()
    # The other shop's token cannot speak for my blocks...
    response = post(
        api,
        {
            "action_token": theirs["action_token"],
            "events": [{"type": "click", "block": mine["blocks"][0]["id"]}],
        },
    )
    assert response.status_code == 400
    assert response.json()["rejected"][0]["code"] == "unknown_block"
    # ...nor can a token it signed itself (only our server issues action tokens).
    forged = jwt.encode(
        {
            "aud": "thankyou-action",
            "shop": "acme",
            "order": "A-1",
            "page": mine["page"]["id"],
            "rev": None,
            "var": "",
            "blocks": [mine["blocks"][0]["id"]],
            "total": "",
            "cur": "",
            "test": False,
        },
        other_shop.secrets.first().secret,
        algorithm="HS256",
    )
    response = post(api, {"action_token": forged, "events": [{"type": "view"}]})
    assert response.status_code == 401
    assert response.json()["field"] == "action_token"
    # ...and an order token is not an action token.
    response = post(api, {"action_token": token_for(other_shop), "events": [{"type": "view"}]})
    assert response.status_code == 401
    assert not Event.objects.exists()


def test_test_orders_are_accepted_and_not_counted(api, shown, shop, token_for):
    render = shown(test=True)
    response = post(api, {"action_token": render["action_token"], "events": [{"type": "view"}]})
    assert response.status_code == 200
    assert response.json() == {"accepted": 1, "rejected": [], "counted": False}
    assert not Event.objects.exists()
    # The same order, not a test: counted.
    render = api.render({"token": token_for(shop)}).json()
    response = post(api, {"action_token": render["action_token"], "events": [{"type": "view"}]})
    assert response.json()["counted"] is True
    assert Event.objects.count() == 1


def test_no_personal_data_is_stored(api, shown, shop):
    render = shown()
    block = render["blocks"][0]["id"]
    events = [{"type": "view"}, {"type": "click", "block": block}]
    response = post(api, {"action_token": render["action_token"], "events": events})
    assert response.json()["accepted"] == 2
    rows = list(Event.objects.order_by("id").values())
    # What the events and the order are is kept, the order by a keyed hash only.
    assert [(row["type"], row["block"]) for row in rows] == [("view", ""), ("click", block)]
    assert {(row["order"], str(row["total"]), row["currency"]) for row in rows} == {
        (order_hash(shop.key, "A-1001"), "49.90", "EUR")
    }
    stored = json.dumps(rows, default=str)
    for personal in ("Anna", "anna@example.com", "A-1001", "127.0.0.1", "c-1"):
        assert personal not in stored


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ("not json", 400, None),
        ([], 400, None),
        ({"events": [{"type": "view"}]}, 400, "action_token"),
        ({"action_token": "a.b.c", "events": [{"type": "view"}]}, 401, "action_token"),
        ({"action_token": "TOKEN", "events": []}, 400, "events"),
        ({"action_token": "TOKEN", "events": {"type": "view"}}, 400, "events"),
        ({"action_token": "TOKEN", "events": [{"type": "view"}] * 101}, 400, "events"),
    ],
)
def test_malformed_batches_get_a_clear_4xx(api, shown, body, status, field):
    render = shown()
    if isinstance(body, dict) and body.get("action_token") == "TOKEN":
        body["action_token"] = render["action_token"]
    response = post(api, body)
    assert response.status_code == status, response.content
    assert response.json().get("field") == field


def test_json_content_type_and_cors_for_the_shop(api, shown):
    render = shown()
    response = api.post(
        "/api/v1/events",
        data=json.dumps({"action_token": render["action_token"], "events": [{"type": "view"}]}),
        content_type="application/json",
        headers={"Origin": "https://acme.example"},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://acme.example"
    assert "Set-Cookie" not in response


def test_events_from_a_page_on_another_origin_are_refused_and_not_stored(api, shown):
    render = shown()
    before = Event.objects.count()
    response = api.post(
        "/api/v1/events",
        data=json.dumps({"action_token": render["action_token"], "events": [{"type": "view"}]}),
        content_type="text/plain",
        headers={"Origin": "https://elsewhere.example"},
    )
    assert response.status_code == 403 and response.json()["field"] == "origin"
    assert response["Access-Control-Allow-Origin"] == "https://elsewhere.example"
    assert Event.objects.count() == before


def test_the_largest_order_total_a_token_may_carry_is_stored(api, token_for, shop, make_page):
    # Rounded to cents it has 13 digits: on PostgreSQL the batch was a 500, and lost.
    make_page(shop, body=BODY)
    send_events(api, token_for, shop, "big-order", [("view", None, {})], total="999999999999.9999")
    assert str(Event.objects.get().total) == "999999999999.99"


def test_shares_and_copies_are_counted_and_reported(api, shown, settings):
    settings.THANKYOU = {**settings.THANKYOU, "ROLLUP_LAG": 0}
    render = shown()
    block = render["blocks"][1]["id"]
    events = [
        {"type": "share", "block": block, "detail": "whatsapp"},
        {"type": "copy", "block": block},
    ]
    response = post(api, {"action_token": render["action_token"], "events": events})
    assert response.status_code == 200, response.content
    assert sorted(Event.objects.values_list("type", "detail")) == [
        ("copy", ""),
        ("share", "whatsapp"),
    ]
    rollup.roll_up()
    totals = {str(row["label"]): row["value"] for row in reports.totals(DailyCount.objects.all())}
    assert totals["Shares"] == 1
    assert totals["Copies"] == 1


def test_the_schema_documents_the_rules_the_endpoint_applies(api, shown, client):
    """A client generated from the schema sends only what the endpoint accepts."""
    schema = client.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    event = components["EventRequest"]["properties"]
    types = components["EventTypeEnum"]["enum"]
    assert "view" in types and "answer" in types
    assert "referral" not in types  # the server records it; the embed cannot send it

    render = shown()
    block = render["blocks"][0]["id"]
    detail_re = re.compile(event["detail"]["pattern"])
    sent = [{"type": kind, "block": block} for kind in types if kind != "view"]
    sent += [{"type": "answer", "block": block, "detail": "q1:a"}, {"type": "referral"}]
    assert detail_re.fullmatch("q1:a") and not detail_re.fullmatch("anna@example.com")
    response = post(api, {"action_token": render["action_token"], "events": sent})
    assert response.status_code == 207
    assert response.json()["accepted"] == len(sent) - 1
    assert response.json()["rejected"][0]["code"] == "invalid_type"
