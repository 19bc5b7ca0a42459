"""Preview a thank-you page as one of the sample customers, in the editor."""

from django.template.response import TemplateResponse

from . import images
from .context import context_from_claims
from .personas import DEFAULT_PERSONA, PERSONAS, persona_claims
from .rendering import render_page


def serve_preview(page, request, mode_name):
    persona = PERSONAS.get(mode_name) or PERSONAS[DEFAULT_PERSONA]
    shop = page.shop if page.shop_id else page.get_parent().specific.shop
    language = page.locale.language_code
    context = context_from_claims(shop, persona_claims(persona, shop, language))
    images.prepare(page.body)  # an editor's draft may use images not yet published
    result = render_page(context, page)
    return TemplateResponse(
        request,
        "thankyou/preview.html",
        {"result": result, "persona": persona, "page": page},
    )
