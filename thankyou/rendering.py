"""
Render a shop's thank-you page for one order context.

Rendering writes nothing: it reads the live page, renders its blocks with the
order's context and returns HTML (absolute URLs, for the shop's origin), the
blocks as structured data, the CSS the blocks need and an action token.
"""

import re
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html_join

from . import action_tokens
from .blocks.base import read_static
from .errors import NotFound
from .models import ThankYouPage

BASE_STYLESHEET = "thankyou/embed/thankyou.css"
_URL_ATTR = re.compile(r'(\s(?:href|src|poster|data-src)=")/(?!/)')
_SRCSET_ATTR = re.compile(r'(\ssrcset=")([^"]*)"')
_SRCSET_ENTRY = re.compile(r"(^|,\s*)/(?!/)")


@dataclass
class RenderedPage:
    page: ThankYouPage
    revision_id: int | None
    variant: str
    language: str
    html: str
    css: str
    scripts: list[str]
    blocks: list[dict] = field(default_factory=list)
    calls_to_action: list[str] = field(default_factory=list)
    action_token: str = ""


def select_page(context, page_id=None):
    """Return the live page for this order, in its language or the shop's."""
    pages = ThankYouPage.objects.live().filter(shop=context.shop).select_related("locale")
    if page_id is not None:
        page = pages.filter(pk=page_id).first()
        if page is None:
            raise NotFound("No such page for this shop.", field="page")
        return page
    for language in dict.fromkeys([context.language, context.shop.default_locale]):
        page = pages.filter(locale__language_code=language).order_by("path").first()
        if page is not None:
            return page
    return None


def render(context, page_id=None):
    """Render the page this order should see, or return None if none applies."""
    page = select_page(context, page_id)
    if page is None:
        return None
    return render_page(context, page)


def render_page(context, page):
    """Render one page (live or a preview's unsaved one) for the context."""
    language = page.locale.language_code
    with translation.override(language):
        return _render_blocks(context, page, language)


def _render_blocks(context, page, language):
    template_context = {
        "order": context.order,
        "customer": context.customer,
        "shop": context.shop,
        "locale": language,
        "customer_locale": context.locale,
        "page": page,
    }
    sections, blocks, types = [], [], {}
    for child in page.body:
        block = child.block
        types[child.block_type] = block
        block_context = {**template_context, "block_id": child.id}
        html = block.render(child.value, context=block_context)
        sections.append((child.block_type, child.id, html))
        blocks.append(
            {
                "id": child.id,
                "type": child.block_type,
                "value": block.get_api_representation(child.value, block_context),
            }
        )
    body = format_html_join(
        "\n",
        '<section class="ty-block ty-block--{0}" data-block="{1}" data-type="{0}">{2}</section>',
        sections,
    )
    html = render_to_string(
        "thankyou/page.html", {**template_context, "body": body, "language": language}
    )
    stylesheets = tuple(sorted({b.meta.stylesheet for b in types.values() if b.meta.stylesheet}))
    revision_id = page.live_revision_id
    return RenderedPage(
        page=page,
        revision_id=revision_id,
        variant="",
        language=language,
        html=absolutize(html),
        css=stylesheet_text(stylesheets) + context.shop.theme_css(),
        scripts=[
            absolute(staticfiles_storage.url(b.meta.script))
            for b in types.values()
            if b.meta.script
        ],
        blocks=blocks,
        calls_to_action=[
            block["id"] for block in blocks if types[block["type"]].meta.call_to_action
        ],
        action_token=action_tokens.issue(
            context, page, revision_id, "", [block["id"] for block in blocks]
        ),
    )


@cache
def stylesheet_text(block_stylesheets):
    """Return the base stylesheet and the blocks' ones as one text."""
    return "\n".join(read_static(path) for path in (BASE_STYLESHEET, *block_stylesheets))


def absolute(url):
    return url if "//" in url else settings.PUBLIC_URL + url


def absolutize(html):
    """Make root-relative URLs in our HTML absolute to this server."""
    base = settings.PUBLIC_URL
    html = _URL_ATTR.sub(lambda m: m.group(1) + base + "/", html)
    return _SRCSET_ATTR.sub(
        lambda m: m.group(1)
        + _SRCSET_ENTRY.sub(lambda e: e.group(1) + base + "/", m.group(2))
        + '"',
        html,
    )
