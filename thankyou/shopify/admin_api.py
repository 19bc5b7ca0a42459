"""
An order's facts from Shopify's Admin API (GraphQL), as the claims a shop
would sign.

What the page targets on (total, customer, guest or not, orders so far) is
read here, server to server with the shop's access token, never taken from
the browser. The API version is pinned: a new one is adopted on purpose, with
its answers recorded for the tests again.
"""

import http.client
import json
import logging
import re
import time
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from thankyou.core.claims import is_locale
from thankyou.core.errors import ClientError, NotFound

logger = logging.getLogger(__name__)

API_VERSION = "2025-07"
TIMEOUT_SECONDS = 5
MAX_LINE_ITEMS = 100
MAX_RESPONSE_BYTES = 2 * 1024 * 1024
# The extension's API gives gid://shopify/OrderIdentity/<id>; the Admin API's
# order of the same id is gid://shopify/Order/<id>.
ORDER_ID_RE = re.compile(r"^(?:gid://shopify/(?:Order|OrderIdentity)/)?([0-9]{1,20})\Z")

ORDER_QUERY = """
query ThankYouOrder($id: ID!, $lines: Int!) {
  order(id: $id) {
    legacyResourceId
    name
    createdAt
    test
    customerLocale
    email
    totalPriceSet { presentmentMoney { amount currencyCode } }
    shippingAddress { countryCodeV2 }
    billingAddress { firstName }
    shippingLine { title }
    lineItems(first: $lines) {
      nodes {
        sku
        name
        quantity
        originalUnitPriceSet { presentmentMoney { amount } }
        product { productType }
      }
    }
    customer {
      legacyResourceId
      firstName
      state
      numberOfOrders
      amountSpent { amount currencyCode }
      emailMarketingConsent { marketingState }
      orders(first: 1, sortKey: CREATED_AT) { nodes { createdAt } }
    }
  }
}
"""


class Unavailable(ClientError):
    """Shopify did not answer as it should: nothing of the shop's is wrong with the request."""

    status = 502
    code = "shopify_unavailable"


def order_gid(order_id):
    """The Admin API's id of the order the extension names, or raise ClientError."""
    match = ORDER_ID_RE.match(order_id) if isinstance(order_id, str) else None
    if match is None:
        raise ClientError(
            _("Must be the order's id, such as gid://shopify/OrderIdentity/1234567890."),
            field="order_id",
        )
    return f"gid://shopify/Order/{match[1]}"


def admin_url(shop):
    base = settings.THANKYOU["SHOPIFY_ADMIN_URL"].format(domain=shop.shopify_domain)
    return f"{base.rstrip('/')}/admin/api/{API_VERSION}/graphql.json"


def fetch_order(shop, gid):
    """The order as the Admin API has it; NotFound if the shop has no such order."""
    variables = {"id": gid, "lines": MAX_LINE_ITEMS}
    body = json.dumps({"query": ORDER_QUERY, "variables": variables}).encode()
    answer = _post(shop, body)
    errors = answer.get("errors")
    if errors:
        # Messages name fields and scopes, never the order's data.
        logger.warning("Shopify Admin API errors for %s: %s", shop.key, str(errors)[:500])
        raise Unavailable(_("Shopify's Admin API refused the query."))
    order = (answer.get("data") or {}).get("order")
    if order is None:
        raise NotFound(_("The shop has no such order."), field="order_id", code="order_not_found")
    return order


def _post(shop, body):
    url = urlsplit(admin_url(shop))
    connection_class = (
        http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    )
    # http.client follows no redirect: the access token goes to the shop's API only.
    connection = connection_class(url.hostname, url.port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request(
            "POST",
            url.path,
            body=body,
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "X-Shopify-Access-Token": shop.shopify_access_token,
            },
        )
        response = connection.getresponse()
        data = response.read(MAX_RESPONSE_BYTES + 1)
    except (OSError, http.client.HTTPException) as error:
        logger.warning("Shopify Admin API unreachable for %s: %s", shop.key, error)
        raise Unavailable(_("Shopify's Admin API did not answer.")) from None
    finally:
        connection.close()
    if response.status != 200 or len(data) > MAX_RESPONSE_BYTES:
        logger.warning("Shopify Admin API answered %s for %s", response.status, shop.key)
        raise Unavailable(_("Shopify's Admin API did not answer as expected."))
    try:
        answer = json.loads(data)
    except ValueError:
        raise Unavailable(_("Shopify's Admin API did not answer as expected.")) from None
    if not isinstance(answer, dict):
        raise Unavailable(_("Shopify's Admin API did not answer as expected."))
    return answer


def claims_for(order, *, lifetime=3600):
    """The claims a shop would sign for this order (docs/integrating.md, "The order context")."""
    now = int(time.time())
    total = _money(order.get("totalPriceSet"))
    items = [
        {
            "sku": _cut(line.get("sku"), 100),
            "name": _cut(line.get("name"), 300),
            "category": _cut((line.get("product") or {}).get("productType"), 100),
            "quantity": line.get("quantity") or 1,
            "price": _amount(
                ((line.get("originalUnitPriceSet") or {}).get("presentmentMoney") or {}).get(
                    "amount"
                )
            ),
        }
        for line in (order.get("lineItems") or {}).get("nodes") or []
    ]
    claims = {
        "iat": now,
        "exp": now + lifetime,
        "test": bool(order.get("test")),
        "order": {
            "id": order.get("legacyResourceId"),
            "number": (order.get("name") or "").lstrip("#"),
            "created_at": order.get("createdAt"),
            "currency": total["currencyCode"],
            "total": total["amount"],
            "items": [_without_none(item) for item in items],
            "shipping": _without_none(
                {
                    "country": (order.get("shippingAddress") or {}).get("countryCodeV2"),
                    "method": _cut((order.get("shippingLine") or {}).get("title"), 100),
                }
            ),
        },
        "customer": _customer(order),
    }
    locale = order.get("customerLocale")
    if isinstance(locale, str) and is_locale(locale):
        claims["locale"] = locale
    return claims


def _customer(order):
    """
    The customer as the claims know them. Shopify keeps a customer record for
    guests too: one without an account (state other than ENABLED) is a guest.
    """
    customer = order.get("customer")
    first_name = _cut((order.get("billingAddress") or {}).get("firstName"), 100)
    email = _email(order.get("email"))
    if customer is None:
        return _without_none({"first_name": first_name, "email": email, "is_guest": True})
    spent = customer.get("amountSpent") or {}
    first_orders = (customer.get("orders") or {}).get("nodes") or []
    count = customer.get("numberOfOrders")
    consent = (customer.get("emailMarketingConsent") or {}).get("marketingState")
    is_guest = customer.get("state") != "ENABLED"
    return _without_none(
        {
            "id": None if is_guest else customer.get("legacyResourceId"),
            "first_name": _cut(customer.get("firstName"), 100) or first_name,
            "email": email,
            "is_guest": is_guest,
            "newsletter": None if consent is None else consent == "SUBSCRIBED",
            "orders_count": int(count) if str(count).isdigit() else None,
            "total_spent": _amount(spent.get("amount")),
            "first_order_at": first_orders[0].get("createdAt") if first_orders else None,
        }
    )


# What the claims would refuse costs that value, never the customer's page.


def _cut(text, length):
    return text.replace("\x00", "")[:length] if isinstance(text, str) else ""


def _email(address):
    try:
        validate_email(address)
    except ValidationError:
        return None
    return address


def _money(money_set):
    money = (money_set or {}).get("presentmentMoney") or {}
    return {"amount": _amount(money.get("amount")), "currencyCode": money.get("currencyCode")}


def _amount(value):
    """Shopify's decimal string ("39.3") as the claims' ("39.30"); None if there is none."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0:
        return None
    return f"{amount.quantize(Decimal('0.01')) if amount.as_tuple().exponent > -2 else amount}"


def _without_none(mapping):
    return {key: value for key, value in mapping.items() if value is not None}


def same_total(order_claims, total):
    """Whether the total the extension saw is the order's total."""
    try:
        return Decimal(str(total)) == Decimal(order_claims.get("total") or "NaN")
    except InvalidOperation:
        return False
