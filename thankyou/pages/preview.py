"""
Preview a thank-you page as a sample customer, in the editor.

The preview modes are the built-in personas and the shop's own sample
customers, each as the page and as the confirmation e-mail. Above either,
the preview says which segments the customer is in, whether this page is the
one the live site would pick for them, which blocks are hidden and why, and
what the experience check finds.
"""

from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.users.models import UserProfile

from thankyou.media import work
from thankyou.pages.experience_check import check
from thankyou.pages.explain import block_notes, customer_facts
from thankyou.pages.models import EMAIL_PREVIEW, ThankYouPage
from thankyou.pages.routing import targeting_for
from thankyou.render.email import render_email
from thankyou.render.pipeline import render_page
from thankyou.targeting.sample_customers import persona_context, persona_for
from thankyou.targeting.segments import Audience
from thankyou.targeting.visibility import SHOWN


def page_shop(page):
    return page.shop if page.shop_id else page.get_parent().specific.shop


def serve_preview(page, request, mode_name):
    with translation.override(editor_language(request.user)):  # the page: its own language
        return _serve_preview(page, request, mode_name).render()


def _serve_preview(page, request, mode_name):
    email = mode_name.startswith(EMAIL_PREVIEW)
    mode_name = mode_name.removeprefix(EMAIL_PREVIEW)
    shop = page_shop(page)
    persona = persona_for(shop, mode_name)
    context = persona_context(persona, shop, page.locale.language_code)
    # An editor's draft may use images not yet published: the worker makes them.
    waiting = work.request_renditions(page.body)
    targeting = targeting_for(context)
    audience = Audience(context, targeting.segments)
    result = render_page(context, page, audience)
    # The hosted page's link is made for real orders only.
    email = render_email(result, shop, "#") if email else None
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
            "email": email,
            "email_bytes": len(email.html.encode()) if email else 0,
        },
    )


def editor_language(user):
    """The admin language the editor chose (the preview's stand-in request has none)."""
    if not getattr(user, "is_authenticated", False):
        return translation.get_language()
    return UserProfile.get_for_user(user).get_preferred_language()


def live_page(route, page):
    """The live page the customer gets (title and priority), when it is another one."""

    if route is None or route.page_id == page.pk:
        return None
    return ThankYouPage.objects.filter(pk=route.page_id).values("title", "priority").first()
