"""
Render a shop's thank-you page for one order context.

Rendering writes nothing. It happens in two steps so that the expensive part
is shared: `prepare` renders every block whose output is the same for all
orders (cached per page revision and language); `render_page` then renders
the personal blocks (those with ``Meta.personal``) for this order and puts the
page together. The HTML's URLs are absolute (it is inserted on the shop's
origin).
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from . import action_tokens, caching
from .analytics import ab_testing
from .blocks.base import read_static
from .errors import NotFound
from .models import ThankYouPage

BASE_STYLESHEET = "thankyou/embed/thankyou.css"
CACHE_SECONDS = 24 * 3600
_URL_ATTR = re.compile(r'(\s(?:href|src|poster|data-src)=")/(?!/)')
_SRCSET_ATTR = re.compile(r'(\ssrcset=")([^"]*)"')
_SRCSET_ENTRY = re.compile(r"(^|,\s*)/(?!/)")
_CSS_COMMENT = re.compile(r"/\*.*?\*/\n?", re.DOTALL)
_NONE = "none"  # cached marker: no page applies
SECTION = '<section class="ty-block ty-block--{0}" data-block="{1}" data-type="{0}">{2}</section>'


@dataclass
class PreparedBlock:
    id: str
    type: str
    personal: bool
    html: str = ""  # empty for personal blocks: rendered per order
    value: object = None  # API representation; None for personal blocks


@dataclass
class PreparedPage:
    """What every order that sees this page revision shares."""

    page: ThankYouPage
    language: str
    blocks: list[PreparedBlock]
    css: str
    scripts: list[str]
    calls_to_action: list[str]
    body: object = None  # the body rendered: the page's or a variant's
    test_id: int | None = None  # the running A/B test, with its arms
    arms: tuple = ()


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


def render(context, page_id=None):
    """Render the page this order should see, or return None if none applies."""
    prepared = prepared_page_for(context, page_id)
    if prepared is None:
        return None
    return render_prepared(context, prepared)


def render_page(context, page):
    """Render one page (live or a preview's unsaved one) for the context, uncached."""
    return render_prepared(context, prepare(page, context.shop))


def prepared_page_for(context, page_id=None):
    """Return the shared rendering of the page for this order (cached)."""
    shop = context.shop
    generation = context.generation or caching.generation(shop.key)
    key = f"ty:page:{shop.key}:{generation}:{context.language}:{page_id or '-'}"

    def compute():
        page = select_page(context, page_id)
        if page is None:
            return _NONE
        return ab_testing.with_arms(prepare(page, shop), lambda body: prepare(page, shop, body))

    prepared = caching.shared(key, compute, CACHE_SECONDS)
    return None if prepared == _NONE else prepared


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


def prepare(page, shop, body=None):
    """Render the blocks that are the same for every order; note the others."""
    body = page.body if body is None else body
    language = page.locale.language_code
    shared_context = {"shop": shop, "locale": language, "page": page}
    blocks, types = [], {}
    with translation.override(language):
        for child in body:
            block = child.block
            types[child.block_type] = block
            if block.meta.personal:
                blocks.append(PreparedBlock(child.id, child.block_type, personal=True))
                continue
            block_context = {**shared_context, "block_id": child.id}
            blocks.append(
                PreparedBlock(
                    child.id,
                    child.block_type,
                    personal=False,
                    html=absolutize(block.render(child.value, context=block_context)),
                    value=block.get_api_representation(child.value, block_context),
                )
            )
    stylesheets = tuple(sorted({b.meta.stylesheet for b in types.values() if b.meta.stylesheet}))
    return PreparedPage(
        page=page,
        language=language,
        blocks=blocks,
        css=stylesheet_text(stylesheets) + shop.theme_css(),
        scripts=[
            absolute(staticfiles_storage.url(b.meta.script))
            for b in types.values()
            if b.meta.script
        ],
        calls_to_action=[b.id for b in blocks if types[b.type].meta.call_to_action],
        body=body,
    )


def render_prepared(context, prepared):
    """Render this order's personal blocks into the prepared page."""
    prepared, variant = ab_testing.choose(context, prepared)
    page, language = prepared.page, prepared.language
    children = {child.id: child for child in prepared.body} if _has_personal(prepared) else {}
    personal_context = {
        "order": context.order,
        "customer": context.customer,
        "shop": context.shop,
        "locale": language,
        "customer_locale": context.locale,
        "page": page,
    }
    sections, blocks = [], []
    with translation.override(language):
        for prepared_block in prepared.blocks:
            html, value = prepared_block.html, prepared_block.value
            if prepared_block.personal:
                child = children[prepared_block.id]
                block_context = {**personal_context, "block_id": child.id}
                html = absolutize(child.block.render(child.value, context=block_context))
                value = child.block.get_api_representation(child.value, block_context)
            sections.append((prepared_block.type, prepared_block.id, html))
            blocks.append({"id": prepared_block.id, "type": prepared_block.type, "value": value})
        body = format_html_join("\n", SECTION, sections)
        html = render_to_string("thankyou/page.html", {"body": body, "language": language})
    revision_id = page.live_revision_id
    return RenderedPage(
        page=page,
        revision_id=revision_id,
        variant=variant,
        language=language,
        html=html,
        css=prepared.css,
        scripts=prepared.scripts,
        blocks=blocks,
        calls_to_action=prepared.calls_to_action,
        action_token=action_tokens.issue(
            context, page, revision_id, variant, [block["id"] for block in blocks]
        ),
    )


def _has_personal(prepared):
    return any(block.personal for block in prepared.blocks)


_stylesheets = {}


def stylesheet_text(block_stylesheets):
    """Return the base stylesheet and the blocks' ones as one text."""
    if block_stylesheets not in _stylesheets:
        text = "\n".join(read_static(path) for path in (BASE_STYLESHEET, *block_stylesheets))
        _stylesheets[block_stylesheets] = _CSS_COMMENT.sub("", text)
    return _stylesheets[block_stylesheets]


def absolute(url):
    return url if "//" in url else settings.PUBLIC_URL + url


def absolutize(html):
    """Make root-relative URLs in our (safe) HTML absolute to this server."""
    base = settings.PUBLIC_URL
    html = _URL_ATTR.sub(lambda m: m.group(1) + base + "/", html)
    html = _SRCSET_ATTR.sub(
        lambda m: (
            m.group(1) + _SRCSET_ENTRY.sub(lambda e: e.group(1) + base + "/", m.group(2)) + '"'
        ),
        html,
    )
    return mark_safe(html)  # noqa: S308  (only URLs in already safe HTML changed)
