"""
Roll raw events up into daily counts, and prune what is no longer needed.

The roll-up reads events in id order after a high-water mark and moves the
mark in the same transaction as it adds the counts, so a run that fails adds
nothing and a repeated run adds nothing twice. Runs queue behind each other
on the mark's row lock (SQLite serialises writing transactions anyway).

Ids are handed out when an INSERT starts, not when it commits, so a run
could see id 101 before the still-open insert of id 100 commits. The
roll-up therefore only reads events received more than THANKYOU["ROLLUP_LAG"]
seconds ago, and stops at the first newer one: an insert is one statement,
long committed by then.
"""

import json
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Revision

from thankyou.analytics.models import DailyCount, Event, OrderSeen, RollupState
from thankyou.core.models import Shop

BATCH = 2000
_KEY = (
    "shop_id",
    "day",
    "page_id",
    "variant",
    "channel",
    "block",
    "metric",
    "detail",
    "currency",
)


def roll_up(max_batches=None):
    """Roll up every event old enough; return how many were read."""
    total = 0
    while max_batches is None or max_batches > 0:
        done = roll_up_batch()
        total += done
        if done < BATCH:
            break
        if max_batches is not None:
            max_batches -= 1
    return total


@transaction.atomic
def roll_up_batch(size=BATCH):
    state = RollupState.objects.select_for_update().get(pk=1)
    cutoff = timezone.now() - timedelta(seconds=settings.THANKYOU["ROLLUP_LAG"])
    events = list(
        Event.objects.filter(id__gt=state.last_event_id)
        .order_by("id")
        .values_list(
            "id",
            "received_at",
            "shop_id",
            "page_id",
            "revision_id",
            "variant",
            "channel",
            "block",
            "type",
            "detail",
            "order",
            "total",
            "currency",
        )[:size]
    )
    ready = []
    for event in events:
        if event[1] >= cutoff:
            break
        ready.append(event)
    if not ready:
        return 0
    _count(ready)
    state.last_event_id = ready[-1][0]
    state.save(update_fields=["last_event_id", "updated_at"])
    return len(ready)


def _levels(block, detail):
    """The (block, detail) rows an event counts in: page, block, choice."""
    levels = [("", "")]
    if block:
        levels.append((block, ""))
        if detail:
            levels.append((block, detail))
    return levels


def _count(events):
    zones = {
        pk: ZoneInfo(name)
        for pk, name in Shop.objects.filter(pk__in={e[2] for e in events}).values_list(
            "pk", "timezone"
        )
    }
    block_types = _block_types({e[4] for e in events if e[4]})
    seen = _already_seen(events)
    new_seen = []
    deltas = defaultdict(lambda: [0, 0, Decimal(0), ""])
    for (
        _id,
        received_at,
        shop_id,
        page_id,
        revision_id,
        variant,
        channel,
        block,
        kind,
        detail,
        order,
        total,
        currency,
    ) in events:
        if shop_id not in zones:  # the shop was deleted meanwhile
            continue
        day = received_at.astimezone(zones[shop_id]).date()
        for level_block, level_detail in _levels(block, detail):
            key = (
                shop_id,
                day,
                page_id,
                variant,
                channel,
                level_block,
                kind,
                level_detail,
                currency,
            )
            delta = deltas[key]
            delta[0] += 1
            delta[3] = block_types.get((revision_id, level_block), "")
            once = (page_id, order, kind, level_block, level_detail)
            if once not in seen:
                seen.add(once)
                new_seen.append((*once, received_at))
                delta[1] += 1
                delta[2] += total or 0
    OrderSeen.objects.bulk_create(
        [
            OrderSeen(page_id=p, order=o, metric=m, block=b, detail=d, seen_at=at)
            for p, o, m, b, d, at in new_seen
        ],
        batch_size=500,
    )
    _add(deltas)


def _already_seen(events):
    pages = {e[3] for e in events}
    orders = {e[10] for e in events}
    return set(
        OrderSeen.objects.filter(page_id__in=pages, order__in=orders).values_list(
            "page_id", "order", "metric", "block", "detail"
        )
    )


def _add(deltas):
    """Add the deltas to the daily counts: one upsert that increments."""
    quote = connection.ops.quote_name
    table = quote(DailyCount._meta.db_table)
    columns = [*_KEY, "block_type", "events", "orders", "value"]
    update = ", ".join(
        f"{quote(c)} = {table}.{quote(c)} + EXCLUDED.{quote(c)}"
        for c in ("events", "orders", "value")
    )
    names = ", ".join(quote(c) for c in columns)
    values = ", ".join(["%s"] * len(columns))
    key = ", ".join(quote(c) for c in _KEY)
    sql = (
        f"INSERT INTO {table} ({names}) VALUES ({values}) "  # noqa: S608  (names from the model)
        f"ON CONFLICT ({key}) DO UPDATE SET {update}"
    )
    ops = connection.ops
    rows = [
        (
            *key[:1],
            ops.adapt_datefield_value(key[1]),
            *key[2:],
            block_type,
            events,
            orders,
            ops.adapt_decimalfield_value(value, 18, 2),
        )
        for key, (events, orders, value, block_type) in deltas.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _block_types(revision_ids):
    """Map (revision, block id) to the block's type, from the revisions' bodies."""
    types = {}
    for pk, content in Revision.objects.filter(pk__in=revision_ids).values_list("pk", "content"):
        bodies = [content.get("body")]
        bodies += [variant.get("body") for variant in content.get("variants") or []]
        for body in bodies:
            if isinstance(body, str):
                try:
                    body = json.loads(body)
                except ValueError:
                    continue
            for child in body or []:
                if isinstance(child, dict) and "id" in child:
                    types[(pk, child["id"])] = child.get("type", "")
    return types


def prune(now=None):
    """Delete raw events (already rolled up) and order marks past the retention period."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.THANKYOU["EVENT_RETENTION_DAYS"])
    mark = RollupState.objects.get(pk=1).last_event_id
    stamp = connection.ops.adapt_datetimefield_value(cutoff)
    # Plain DELETEs: Django's delete() would load every row to send signals.
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Event._meta.db_table} WHERE received_at < %s AND id <= %s",  # noqa: S608
            [stamp, mark],
        )
        events = cursor.rowcount
        table = OrderSeen._meta.db_table
        cursor.execute(f"DELETE FROM {table} WHERE seen_at < %s", [stamp])  # noqa: S608
        return events, cursor.rowcount
