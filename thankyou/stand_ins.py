"""
Render a personal block once for many orders.

What makes a personal block differ between orders is mostly a little: the
day the order is processed, the guide its categories choose, whether the
customer still has a question to answer. The block names that in
``order_key`` and its output is kept per key with the page's shared
rendering. The customer's first name and the order number differ for every
order: the block is rendered with stand-ins for them, and each order's
values replace the stand-ins afterwards, escaped in the HTML and as they are
in the API value. A block whose ``order_key`` is None is rendered for every
order.
"""

import re
import secrets
from dataclasses import replace

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Letters and digits only: escaping, URL quoting and linebreaks leave them as
# they are. Random per process: no merchant text contains them.
_PREFIX = f"tystandin{secrets.token_hex(6)}"
FIRST_NAME, ORDER_NUMBER = f"{_PREFIX}n", f"{_PREFIX}o"
_STAND_IN = re.compile(f"{_PREFIX}[no]")
# Values that read the same escaped, URL-quoted and as text: the stand-in's places hold them.
_PLAIN_NUMBER = re.compile(r"[A-Za-z0-9._~-]+")
# Per page revision; each worker keeps at most LOCAL_MAX_ENTRIES (caching) of those.
MAX_OUTPUTS = 128
_UNUSABLE = object()  # the block's template changed a stand-in (e.g. |upper)


def render_personal(prepared, child, context, render):
    """
    Return the block's (html, api value) for this order: from the outputs
    kept for ``prepared``, or ``render(child, context)``.
    """
    key = _key(child, context)
    if key is None:
        return render(child, context)
    outputs = prepared.outputs
    output = outputs.get(key)
    if output is None:
        output = _render_with_stand_ins(child, context, render)
        if len(outputs) >= MAX_OUTPUTS:
            outputs.clear()
        outputs[key] = output
    if output is _UNUSABLE:
        return render(child, context)
    values = _values(context)
    html, value, value_has_stand_ins = output
    if value_has_stand_ins:
        value = _fill_value(value, values)
    return mark_safe(_fill(html, {k: escape(v) for k, v in values.items()})), value  # noqa: S308  (escaped)


def _key(child, context):
    order_key = child.block.order_key(child.value, context)
    if order_key is None:
        return None
    first_name = context["customer"].first_name
    number = context["order"].number
    if "\n" in first_name or "\r" in first_name or (number and not _PLAIN_NUMBER.fullmatch(number)):
        return None
    return (child.id, order_key, bool(first_name), bool(number))


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
    return str(html), value, _PREFIX in repr(value)


def _values(context):
    return {FIRST_NAME: context["customer"].first_name, ORDER_NUMBER: context["order"].number}


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
