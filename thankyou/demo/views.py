"""
/demo/: a fake shop's order-confirmation page that embeds the script.

The page signs the order context server-side, as a real shop backend would.
"""

import secrets

from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from ..models import Shop
from ..personas import DEFAULT_PERSONA, PERSONAS, persona_claims
from ..signing import sign_claims

DEMO_SHOP = "demo"
LANGUAGES = {"de": "de-DE", "en": "en-GB"}


@never_cache
def confirmation_page(request):
    persona = PERSONAS.get(request.GET.get("customer", ""), PERSONAS[DEFAULT_PERSONA])
    language = request.GET.get("lang", "de")
    if language not in LANGUAGES:
        language = "de"
    shop = Shop.objects.filter(key=DEMO_SHOP).first()
    token = claims = None
    if shop is not None and shop.secrets.exists():
        claims = persona_claims(persona, shop, LANGUAGES[language])
        order = request.GET.get("order", "")
        if order.isdigit() and len(order) <= 9:  # "New order": another order, maybe another variant
            claims["order"].update(id=f"demo-{order}", number=order)
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
                "new_order": secrets.randbelow(900_000_000) + 100_000_000,
            },
        )
