"""
Preview a thank-you page as a sample customer, in the editor.

The preview modes are the built-in personas and the shop's own sample
customers. Above the page, the preview says which segments the customer is
in, whether this page is the one the live site would pick for them, which
blocks are hidden and why, and what the experience check finds.
"""

from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.users.models import UserProfile

from . import images
from .context import context_from_claims
from .experience_check import check
from .personas import DEFAULT_PERSONA, PERSONAS, locale_for, persona_claims
from .rendering import render_page, targeting_for
from .targeting.explain import block_notes, customer_facts
from .targeting.segments import Audience
from .targeting.visibility import SHOWN


def personas_for(shop):
    """The built-in personas, then the shop's sample customers."""
    from .models import SampleCustomer

    samples = SampleCustomer.objects.filter(shop=shop) if shop is not None else []
    return [*PERSONAS.values(), *(sample.as_persona() for sample in samples)]


def persona_for(shop, mode_name):
    if mode_name in PERSONAS:
        return PERSONAS[mode_name]
    return next(
        (persona for persona in personas_for(shop) if persona.name == mode_name),
        PERSONAS[DEFAULT_PERSONA],
    )


def persona_context(persona, shop, language):
    """The verified order context of the persona's order on a page in this language."""
    return context_from_claims(shop, persona_claims(persona, shop, locale_for(persona, language)))


def page_shop(page):
    return page.shop if page.shop_id else page.get_parent().specific.shop


def serve_preview(page, request, mode_name):
    with translation.override(editor_language(request.user)):  # the page: its own language
        return _serve_preview(page, request, mode_name).render()


def _serve_preview(page, request, mode_name):
    shop = page_shop(page)
    persona = persona_for(shop, mode_name)
    context = persona_context(persona, shop, page.locale.language_code)
    # An editor's draft may use images not yet published: the worker makes them.
    waiting = images.request_renditions(page.body)
    targeting = targeting_for(context)
    audience = Audience(context, targeting.segments)
    result = render_page(context, page, audience)
    live = targeting.select(audience, context.language, shop.default_locale)
    notes = block_notes(result.decisions, audience, page.cta_limit)
    return TemplateResponse(
        request,
        "thankyou/preview.html",
        {
            "result": result,
            "persona": persona,
            "page": page,
            "facts": customer_facts(context),
            "segments": audience.matched(),
            "page_segment": audience.name_of(page.segment_id) if page.segment_id else None,
            "page_segment_matched": page.segment_id is None or audience.is_in(page.segment_id),
            "live_page_id": live.page_id if live else None,
            "live_page": live_page(live, page),
            "notes": notes,
            "notes_open": any(note.state != SHOWN for note in notes),
            "check": check(page, context, audience),
            "images_waiting": len(waiting),
        },
    )


def editor_language(user):
    """The admin language the editor chose (the preview's stand-in request has none)."""
    if not getattr(user, "is_authenticated", False):
        return translation.get_language()
    return UserProfile.get_for_user(user).get_preferred_language()


def live_page(route, page):
    """The live page the customer gets (title and priority), when it is another one."""
    from .models import ThankYouPage

    if route is None or route.page_id == page.pk:
        return None
    return ThankYouPage.objects.filter(pk=route.page_id).values("title", "priority").first()
