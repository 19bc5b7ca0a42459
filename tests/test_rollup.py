"""The roll-up: raw events become daily counts that add up to the raw ones."""

import random
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from tests.conftest import send_events
from thankyou.analytics import rollup
from thankyou.analytics.models import DailyCount, Event, OrderSeen, RollupState
from thankyou.analytics.tasks import roll_up_events

BODY = [
    ("heading", {"text": "Danke", "subtitle": ""}),
    ("text", {"text": "<p>Frisch geröstet.</p>"}),
]


@pytest.fixture(autouse=True)
def _no_lag(settings):
    settings.THANKYOU = {**settings.THANKYOU, "ROLLUP_LAG": 0}


@pytest.fixture
def visit(api, shop, make_page, token_for):
    """Render the page for an order and send its events; return the render."""
    page = make_page(shop, body=BODY)

    def send(order_id, events, total="49.90"):
        return send_events(api, token_for, shop, order_id, events, total)

    send.page = page
    return send


def page_totals(metric, field="events", **filters):
    return (
        DailyCount.objects.filter(metric=metric, block="", detail="", **filters).aggregate(
            n=Sum(field)
        )["n"]
        or 0
    )


def test_roll_up_counts_equal_raw_counts(db, visit):
    rng = random.Random(7)
    kinds = ["view", "block_view", "click", "download", "video_play"]
    for order in range(40):
        events = [("view", None, {})]
        events += [(rng.choice(kinds[1:]), rng.randrange(2), {}) for _ in range(rng.randrange(6))]
        visit(f"order-{order}", events)
        if order % 3 == 0:  # a reload sends the view again
            visit(f"order-{order}", [("view", None, {})])

    assert rollup.roll_up() == Event.objects.count()

    raw = Counter(Event.objects.values_list("type", flat=True))
    for metric, count in raw.items():
        assert page_totals(metric) == count
        raw_orders = Event.objects.filter(type=metric).values("order").distinct().count()
        assert page_totals(metric, "orders") == raw_orders
    raw_blocks = Counter(Event.objects.exclude(block="").values_list("type", "block"))
    for (metric, block), count in raw_blocks.items():
        rolled = DailyCount.objects.filter(metric=metric, block=block, detail="")
        assert rolled.aggregate(n=Sum("events"))["n"] == count
    assert set(DailyCount.objects.values_list("block_type", flat=True)) >= {"heading", "text"}


def test_roll_up_is_idempotent_and_incremental(db, visit):
    visit("order-1", [("view", None, {}), ("click", 1, {})])
    assert rollup.roll_up() == 2
    assert rollup.roll_up() == 0  # nothing new: nothing added twice
    visit("order-1", [("view", None, {})])
    visit("order-2", [("view", None, {})])
    assert rollup.roll_up() == 2
    assert page_totals("view") == 3
    assert page_totals("view", "orders") == 2  # order-1 counts once
    assert RollupState.objects.get().last_event_id == Event.objects.latest("id").id


def test_answers_count_per_choice_weighted_by_order_value(db, visit):
    visit("o1", [("answer", 1, {"detail": "q1:a"})], total="10.00")
    visit("o2", [("answer", 1, {"detail": "q1:a"})], total="30.00")
    visit("o3", [("answer", 1, {"detail": "q1:b"})], total="100.00")
    visit("o3", [("answer", 1, {"detail": "q1:b"})], total="100.00")  # a replay
    rollup.roll_up()
    choices = dict(
        DailyCount.objects.exclude(detail="").values_list("detail", "orders").order_by("detail")
    )
    assert choices == {"q1:a": 2, "q1:b": 1}
    values = dict(DailyCount.objects.exclude(detail="").values_list("detail", "value"))
    assert values["q1:a"] == 40 and values["q1:b"] == 100


def test_events_newer_than_the_lag_wait_for_the_next_run(db, visit, settings):
    settings.THANKYOU = {**settings.THANKYOU, "ROLLUP_LAG": 60}
    visit("order-1", [("view", None, {})])
    assert rollup.roll_up() == 0
    Event.objects.update(received_at=timezone.now() - timedelta(seconds=61))
    assert rollup.roll_up() == 1


def test_days_are_the_shops_days(db, visit, shop):
    shop.timezone = "Pacific/Auckland"  # UTC+13 in November
    shop.save()
    visit("order-1", [("view", None, {})])
    received = timezone.make_aware(timezone.datetime(2026, 11, 24, 12, 30), timezone.UTC)
    Event.objects.update(received_at=received)
    rollup.roll_up()
    assert DailyCount.objects.get().day.isoformat() == "2026-11-25"


def test_the_task_rolls_up(db, visit):
    visit("order-1", [("view", None, {})])
    assert roll_up_events.enqueue().id  # queued for the worker, which runs it like this:
    assert roll_up_events.call() == 1
    assert page_totals("view") == 1


def test_prune_deletes_only_old_rolled_up_events(db, visit):
    visit("order-1", [("view", None, {})])
    visit("order-2", [("view", None, {})])
    rollup.roll_up()
    visit("order-3", [("view", None, {})])  # not rolled up yet
    Event.objects.update(received_at=timezone.now() - timedelta(days=40))
    OrderSeen.objects.update(seen_at=timezone.now() - timedelta(days=40))
    events, seen = rollup.prune()
    assert (events, seen) == (2, 2)
    assert Event.objects.count() == 1
    assert page_totals("view") == 2  # the counts stay


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database fails instead of waiting for a lock; a file "
    "database serialises the roll-ups' IMMEDIATE transactions (see cms/settings.py).",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_roll_ups_count_each_event_once(visit):
    for order in range(30):
        visit(f"order-{order}", [("view", None, {}), ("click", 1, {})])
    errors = []

    def run():
        try:
            while rollup.roll_up_batch(size=7):
                pass
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert page_totals("view") == 30
    assert page_totals("click") == 30
    assert page_totals("click", "orders") == 30
