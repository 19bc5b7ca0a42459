"""
Ingest a batch of events from the embed script.

Each event is checked on its own: a bad one is reported with its index, the
field and the reason, and the good ones of the same batch are stored. The
action token decides everything else (shop, order, page, variant, which
blocks may be named), so an event cannot be made up for another shop or for
a block the order was not shown. Test orders are accepted and not stored.
"""

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from thankyou.analytics.models import SERVER_EVENTS, Event, EventType
from thankyou.core import rules

MAX_EVENTS = 100
is_detail = rules.matcher(rules.DETAIL_PATTERN)
MAX_TOTAL = Decimal("999999999999.99")  # what Event.total holds
PAGE_EVENTS = {EventType.VIEW}  # the others name a block
CLIENT_TYPES = [kind for kind in EventType.values if kind not in SERVER_EVENTS]  # the embed's
TYPES = frozenset(CLIENT_TYPES)


@dataclass
class Rejected:
    index: int
    field: str
    code: str
    detail: str

    def as_dict(self):
        return {"index": self.index, "field": self.field, "code": self.code, "detail": self.detail}


@lru_cache(maxsize=4)
def _order_key(secret_key):
    return hashlib.sha256(b"thankyou.analytics.order|" + secret_key.encode()).digest()


def order_hash(shop_key, order_id):
    """A keyed hash of the order id: the same order counts once, its id is not stored."""
    digest = hmac.new(
        _order_key(settings.SECRET_KEY), f"{shop_key}\x00{order_id}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()


def check(index, event, shown_blocks):
    """Return (type, block, detail) of a valid event, or a Rejected."""
    prefix = f"events.{index}"
    if not isinstance(event, dict):
        return Rejected(index, prefix, "invalid_event", _("An event must be a JSON object."))
    kind = event.get("type")
    if not isinstance(kind, str) or kind not in TYPES:
        return Rejected(
            index,
            f"{prefix}.type",
            "invalid_type",
            _("Unknown event type; expected one of: %(types)s.")
            % {"types": ", ".join(CLIENT_TYPES)},
        )
    block = event.get("block", "")
    if kind in PAGE_EVENTS:
        if block:
            return Rejected(
                index, f"{prefix}.block", "unexpected_block", _("This event names no block.")
            )
    elif not isinstance(block, str) or not block:
        return Rejected(
            index, f"{prefix}.block", "missing_block", _("This event must name its block.")
        )
    elif block not in shown_blocks:
        return Rejected(
            index,
            f"{prefix}.block",
            "unknown_block",
            _("This block was not shown with this action token."),
        )
    detail = event.get("detail", "")
    if detail and (not isinstance(detail, str) or not is_detail(detail)):
        return Rejected(
            index,
            f"{prefix}.detail",
            "invalid_detail",
            str(rules.DETAIL_MESSAGE),
        )
    return kind, block, detail or ""


def ingest(claims, shop_id, events):
    """Validate and store a batch; return (number accepted, [Rejected])."""
    shown = frozenset(claims.blocks)
    valid, rejected = [], []
    for index, event in enumerate(events):
        result = check(index, event, shown)
        (rejected if isinstance(result, Rejected) else valid).append(result)
    if valid and not claims.test:
        store(claims, shop_id, valid)
    return len(valid), rejected


def store(claims, shop_id, valid):
    """Append the events in one INSERT."""
    order = order_hash(claims.shop, claims.order)
    try:
        # The claim allows 12 digits and 4 decimals: rounded to cents it may need 13.
        total = min(Decimal(claims.total), MAX_TOTAL) if claims.total else None
    except InvalidOperation:
        total = None
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    common = (now, shop_id, claims.page, claims.revision, claims.variant, claims.channel)
    tail = (order, ops.adapt_decimalfield_value(total, 14, 2), claims.currency or "")
    insert_rows(common, [(block, kind, detail) for kind, block, detail in valid], tail)


# The columns of an event row: what the batch shares, what each event says, what it shares again.
_COMMON = ("received_at", "shop_id", "page_id", "revision_id", "variant", "channel")
_OWN = ("block", "type", "detail")
_TAIL = ("order", "total", "currency")


def insert_rows(common, own, tail):
    """
    Store one row per `own` (block, type, detail) with the batch's `common`
    and `tail` values, in one INSERT without Django's per-instance work.

    A single statement in autocommit: one round trip, and durable before the
    2xx answer (an event answered 2xx is never lost).
    """
    if connection.vendor == "postgresql":
        params = [*common, *tail, json.dumps(own)]
    else:
        params = [value for row in own for value in (*common, *row, *tail)]
    with connection.cursor() as cursor:
        cursor.execute(_insert_statement(connection, len(own)), params)


_statements = {}


def _insert_statement(connection, count):
    """
    The INSERT for `count` rows. On PostgreSQL one statement for any count:
    the events' own values come as one JSON array, so the statement's text
    and parameters are the same for every batch and the driver neither parses
    hundreds of placeholders nor adapts a value per event.
    """
    postgres = connection.vendor == "postgresql"
    key = (connection.alias, postgres or count)
    if key not in _statements:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(name) for name in (*_COMMON, *_OWN, *_TAIL))
        table = quote(Event._meta.db_table)
        if postgres:
            own = ", ".join(f"event->>{index}" for index in range(len(_OWN)))
            shared = ", ".join(["%s"] * len(_COMMON))
            tail = ", ".join(["%s"] * len(_TAIL))
            values = f"SELECT {shared}, {own}, {tail} FROM json_array_elements(%s::json) AS event"  # noqa: S608
        else:
            row = "(" + ", ".join(["%s"] * (len(_COMMON) + len(_OWN) + len(_TAIL))) + ")"
            values = "VALUES " + ", ".join([row] * count)
        _statements[key] = f"INSERT INTO {table} ({columns}) {values}"
    return _statements[key]
