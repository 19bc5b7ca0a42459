"""
/demo/: a fake shop's order-confirmation page that embeds the script.

The page signs the order context server-side, as a real shop backend would.
"""

import re
import secrets

from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.targeting.personas import DEFAULT_PERSONA, PERSONAS, persona_claims

ORDER_NUMBER = re.compile(r"^[0-9]{5}(?:-[0-9a-f]{4})?\Z")
DEMO_SHOP = "demo"
DEMO_RECEIVER = "/demo/webhook-receiver/"
DEMO_REGISTRATION = (
    "/demo/register/?order={order}&expires={expires}&kid={kid}&signature={signature}"
)
LANGUAGES = {"de": "de-DE", "en": "en-GB"}


@never_cache
def confirmation_page(request):
    persona = PERSONAS.get(request.GET.get("customer", ""), PERSONAS[DEFAULT_PERSONA])
    # A reload is the same order (it remembers what was answered); "new order"
    # gives the sample customer a fresh one to try everything again.
    order = request.GET.get("order", "")
    if not ORDER_NUMBER.match(order) or not order.startswith(persona.order_number):
        order = persona.order_number
    language = request.GET.get("lang", "de")
    if language not in LANGUAGES:
        language = "de"
    shop = Shop.objects.filter(key=DEMO_SHOP).first()
    token = claims = None
    if shop is not None and shop.secrets.exists():
        claims = persona_claims(persona, shop, LANGUAGES[language], order_number=order)
        token = sign_claims(shop, claims)
    with translation.override(language):
        return render(
            request,
            "demo/confirmation.html",
            {
                "shop": shop,
                "token": token,
                "persona": persona,
                "personas": PERSONAS.values(),
                "language": language,
                "languages": LANGUAGES,
                "claims": claims,
                "order": order,
                "new_order": f"{persona.order_number}-{secrets.token_hex(2)}",
            },
        )
