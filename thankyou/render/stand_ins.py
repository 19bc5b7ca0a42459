"""
Render a personal block once for many orders.

What makes a personal block differ between orders is mostly a little: the
day the order is processed, the guide its categories choose, whether the
customer still has a question to answer. The block names that in
``order_key`` and its output is kept per page revision and key, in each
worker (``kept``, ``keep``: the least recently used go first). The
customer's first name and the order number differ for every order: the
block is rendered with stand-ins for them, and each order's values replace
the stand-ins afterwards, escaped in the HTML and as they are in the API
value. A block whose ``order_key`` is None is rendered for every
order.

The page put together from these outputs is kept too (``rendering.assemble``),
per decisions and keys, and the render response fills the stand-ins into its
JSON text (``Filling.json``), so an order like one before it costs no rendering
and no encoding of the page.
"""

import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import replace

from django.utils.html import escape
from django.utils.safestring import mark_safe
from rest_framework.renderers import JSONRenderer

# Letters and digits only: escaping, URL quoting and linebreaks leave them as
# they are. Random per process: no merchant text contains them.
_PREFIX = f"tystandin{secrets.token_hex(6)}"
FIRST_NAME, ORDER_NUMBER = f"{_PREFIX}n", f"{_PREFIX}o"
_STAND_IN = re.compile(f"{_PREFIX}[no]")
# Values that read the same escaped, URL-quoted and as text: the stand-in's places hold them.
_PLAIN_NUMBER = re.compile(r"[A-Za-z0-9._~-]+")
# Shared outputs and assembled pages a worker keeps, of all pages together: at
# most a few tens of megabytes (an assembled page with its JSON is ~25 KB).
MAX_KEPT = 2000
_kept = OrderedDict()  # (page revision's serial, kind, key) -> value, least recently used first
_lock = threading.Lock()
_UNUSABLE = object()  # the block's template changed a stand-in (e.g. |upper, |first)


def key(child, context):
    """What the block's output for this order shares with other orders'; None if nothing."""
    order_key = child.block.order_key(child.value, context)
    if order_key is None:
        return None
    first_name = context["customer"].first_name
    number = context["order"].number
    if "\n" in first_name or "\r" in first_name or (number and not _PLAIN_NUMBER.fullmatch(number)):
        return None
    return (child.id, order_key, bool(first_name), bool(number))


def output(prepared, key, child, context, render):
    """
    Return the block's (html, api value) with stand-ins, kept for ``prepared``
    under ``key`` (made with ``render(child, context)`` the first time), or
    None if the block must be rendered for the order itself.
    """
    shared = kept(prepared, "block", key)
    if shared is None:
        shared = keep(prepared, "block", key, _render_with_stand_ins(child, context, render))
    return None if shared is _UNUSABLE else shared


def kept(prepared, kind, key):
    """What was kept for the prepared page under (kind, key), or None."""
    with _lock:
        value = _kept.get((prepared.serial, kind, key))
        if value is not None:
            _kept.move_to_end((prepared.serial, kind, key))
        return value


def keep(prepared, kind, key, value):
    """Keep a value for the prepared page; the least recently used go past MAX_KEPT."""
    with _lock:
        _kept[(prepared.serial, kind, key)] = value
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return value


class Filling:
    """One order's values for the stand-ins, put in as each place needs them."""

    def __init__(self, context):
        values = {FIRST_NAME: context.customer.first_name, ORDER_NUMBER: context.order.number}
        self.raw = values
        self.escaped = {stand_in: escape(value) for stand_in, value in values.items()}

    def html(self, text):
        return mark_safe(_fill(text, self.escaped))  # noqa: S308  (escaped)

    def value(self, value):
        return _fill_value(value, self.raw)

    def json(self, text, *, html):
        """Fill stand-ins inside JSON text: in an HTML string (`html`) or an API value."""
        values = self.escaped if html else self.raw
        return _fill(text, {stand_in: json_string(v)[1:-1] for stand_in, v in values.items()})


def json_string(value):
    """JSON text of a value, as the API's JSON renderer writes it."""
    return _renderer.render(value).decode()


_renderer = JSONRenderer()  # keeps no state between calls


def _render_with_stand_ins(child, context, render):
    customer, order = context["customer"], context["order"]
    stand_in_context = {
        **context,
        "customer": replace(customer, first_name=FIRST_NAME) if customer.first_name else customer,
        "order": replace(order, number=ORDER_NUMBER) if order.number else order,
    }
    html, value = render(child, stand_in_context)
    if str(html).lower().count(_PREFIX) != len(_STAND_IN.findall(html)):
        return _UNUSABLE
    # A filter may also have cut a stand-in short or dropped it (|first,
    # |truncatechars): the key's first order checks that its own values,
    # filled in, give what the block renders for it.
    values = {FIRST_NAME: customer.first_name, ORDER_NUMBER: order.number}
    own_html, own_value = render(child, context)
    escaped = {stand_in: escape(item) for stand_in, item in values.items()}
    if _fill(str(html), escaped) != str(own_html) or _fill_value(value, values) != own_value:
        return _UNUSABLE
    return str(html), value


def _fill(text, values):
    return _STAND_IN.sub(lambda match: values[match.group()], text) if _PREFIX in text else text


def _fill_value(value, values):
    if isinstance(value, str):
        return _fill(value, values)
    if isinstance(value, dict):
        return {key: _fill_value(item, values) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_fill_value(item, values) for item in value]
    return value
