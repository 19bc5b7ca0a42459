"""
Sample customers: the demo's switch and the editor's preview modes.

Each persona yields the claims a shop would sign for such an order.
"""

import re
import time
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thankyou.core.context import AUDIENCE


@dataclass(frozen=True)
class Persona:
    name: str
    label: str
    first_name: str
    is_guest: bool
    newsletter: bool
    orders_count: int
    total_spent: str
    first_order_days_ago: int
    order_number: str
    items: tuple
    shipping_country: str = "DE"
    locale: str = ""  # e.g. "de-AT"; used when it is in the page's language


BEANS = {
    "sku": "BG-ESP-500",
    "name": "Espresso Bohnenglück 500 g",
    "category": "coffee",
    "quantity": 2,
    "price": "14.90",
}
FILTER = {
    "sku": "BG-FIL-250",
    "name": "Filterkaffee Äthiopien 250 g",
    "category": "coffee",
    "quantity": 1,
    "price": "9.50",
}
GRINDER = {
    "sku": "BG-GRN-01",
    "name": "Handmühle Comandante",
    "category": "equipment",
    "quantity": 1,
    "price": "249.00",
}

PERSONAS = {
    persona.name: persona
    for persona in (
        Persona(
            "guest",
            _("Guest, first order"),
            "Lena",
            True,
            False,
            1,
            "39.30",
            0,
            "10421",
            (BEANS, FILTER),
        ),
        Persona(
            "returning",
            _("Returning customer"),
            "Jonas",
            False,
            True,
            3,
            "112.60",
            140,
            "10422",
            (BEANS,),
        ),
        Persona(
            "vip", _("VIP"), "Sophie", False, True, 14, "1840.50", 720, "10423", (GRINDER, BEANS)
        ),
    )
}
DEFAULT_PERSONA = "guest"


def persona_claims(persona, shop, locale, *, lifetime=3600, now=None, order_number=None):
    """Return the claims a shop would sign for this persona's order (or another
    order number of theirs)."""
    now = now or timezone.now()
    order_number = order_number or persona.order_number
    issued = int(time.time())
    total = sum(float(item["price"]) * item["quantity"] for item in persona.items)
    claims = {
        "iss": shop.key,
        "aud": AUDIENCE,
        "iat": issued,
        "exp": issued + lifetime,
        "locale": locale,
        "order": {
            "id": f"demo-{order_number}",
            "number": order_number,
            "created_at": now.isoformat(timespec="seconds"),
            "currency": "EUR",
            "total": f"{total:.2f}",
            "items": [dict(item) for item in persona.items],
            "shipping": {"country": persona.shipping_country, "method": "DHL"},
        },
        "customer": {
            "first_name": persona.first_name,
            "is_guest": persona.is_guest,
            "newsletter": persona.newsletter,
            "orders_count": persona.orders_count,
            "total_spent": persona.total_spent,
            "first_order_at": (now - timedelta(days=persona.first_order_days_ago)).isoformat(
                timespec="seconds"
            ),
        },
    }
    mailbox = re.sub(r"[^a-z0-9]", "", persona.first_name.lower())
    if mailbox:
        claims["customer"]["email"] = f"{mailbox}@example.com"
    if not persona.is_guest:
        claims["customer"]["id"] = f"cust-{persona.name}"
    return claims


def locale_for(persona, language):
    """The persona's own locale if it is in this language (de-AT for German), else the language."""
    if persona.locale and persona.locale.split("-")[0].lower() == language:
        return persona.locale
    return language
