"""
Render a shop's thank-you page for one order context.

Rendering writes nothing. It happens in steps so that the expensive part is
shared: the shop's segments and pages (``targeting``) and each page's shared
rendering (``prepare``: every block whose output is the same for all orders)
are cached per shop generation; per order, ``render`` picks the page by the
segments the order is in, decides which blocks it sees (``visibility.plan``),
renders the personal blocks (``Meta.personal`` or placeholders in their text)
and puts the page together. The HTML's URLs are absolute (it is inserted on
the shop's origin).
"""

import secrets
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import Page

from thankyou.analytics import ab_testing
from thankyou.blocks import answers
from thankyou.blocks.personal import is_personal
from thankyou.blocks.styles import page_css
from thankyou.core import action_tokens
from thankyou.core.html import absolute, absolutize
from thankyou.render import stand_ins
from thankyou.targeting.visibility import (
    WAITING,
    BlockRule,
    Decision,
    calls_to_action,
    plan,
    rules_for,
)

CACHE_SECONDS = 24 * 3600
SECTION_START = '<section class="ty-block ty-block--{0}" data-block="{1}" data-type="{0}"'
PAGE_BODY = "\x00body\x00"  # where the sections go in the page's frame
# A call to action waiting for the one before it: hidden until the client
# reveals it, then focusable so that the focus can follow a "Not now".
WAITING_ATTRIBUTES = ' hidden data-cta-waiting="{0}" tabindex="-1"'
# On a page offering several calls to action, each may be put off for the next.
DISMISS = (
    '<p class="ty-later" data-ask>'
    '<button type="button" class="ty-link" data-dismiss>{0}</button></p>'
)


@dataclass
class PreparedBlock:
    rule: BlockRule
    personal: bool
    html: str = ""  # empty for personal blocks: rendered per order
    value: object = None  # API representation; None for personal blocks
    start: str = ""  # the section's opening tag, up to its closing ">"

    @property
    def id(self):
        return self.rule.id

    @property
    def type(self):
        return self.rule.type


@dataclass
class PreparedPage:
    """What every order that sees this page revision shares."""

    page: Page  # a thank-you page
    language: str
    blocks: list[PreparedBlock]
    css: str
    scripts: list[str]
    cta_limit: int = 1
    frame: tuple = ("", "")  # the page's HTML before and after the sections
    body: object = None  # the body rendered: the page's or a variant's
    test_id: int | None = None  # the running A/B test, with its arms
    arms: tuple = ()
    actions: bool = False  # has blocks that record answers: look up what this order did
    # Names this rendering in each worker's store of what orders share (stand_ins).
    serial: str = field(default_factory=lambda: secrets.token_hex(8))

    @property
    def rules(self):
        return [block.rule for block in self.blocks]


@dataclass
class Assembly:
    """
    The page put together for one set of decisions: its HTML and blocks, in
    which personal blocks may hold stand-ins for the order's name and number.
    Shared by the orders with the same decisions and personal blocks' keys.
    """

    html: str
    blocks: list[dict]
    calls_to_action: list[str]
    # JSON text of the parts of a response that orders share, made when first asked.
    encoded: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class RenderedPage:
    page: Page  # a thank-you page
    revision_id: int | None
    variant: str
    language: str
    css: str
    scripts: list[str]
    assembly: Assembly
    filling: stand_ins.Filling
    action_token: str = ""
    decisions: list[Decision] = field(default_factory=list)
    body: object = None  # the blocks rendered (the page's or its variant's), for the e-mail

    @cached_property
    def html(self):
        return self.filling.html(self.assembly.html)

    @cached_property
    def blocks(self):
        fill = self.filling.value
        return [{**block, "value": fill(block["value"])} for block in self.assembly.blocks]

    @property
    def calls_to_action(self):
        return self.assembly.calls_to_action


def render_page(context, page, audience):
    """Render one page (live or a preview's unsaved one) for the context, uncached."""
    return render_prepared(context, prepare(page, context.shop), audience)


def prepare(page, shop, body=None):
    """Render the blocks that are the same for every order; note the others."""
    body = page.body if body is None else body
    language = page.locale.language_code
    shared_context = {"shop": shop, "locale": language, "page": page}
    blocks, types = [], {}
    with translation.override(language):
        for child, rule in zip(body, rules_for(body), strict=True):
            block = child.block
            types[child.block_type] = block
            start = format_html(SECTION_START, child.block_type, child.id)
            if is_personal(block, child.value):
                blocks.append(PreparedBlock(rule, personal=True, start=start))
                continue
            block_context = {**shared_context, "block_id": child.id}
            blocks.append(
                PreparedBlock(
                    rule,
                    personal=False,
                    html=absolutize(block.render(child.value, context=block_context)),
                    value=block.get_api_representation(child.value, block_context),
                    start=start,
                )
            )
        frame = render_to_string(
            "thankyou/page.html", {"body": PAGE_BODY, "language": language, "shop": shop}
        )
    return PreparedPage(
        page=page,
        language=language,
        blocks=blocks,
        css=page_css(((child.block, child.value) for child in body), shop),
        scripts=list(
            dict.fromkeys(
                absolute(staticfiles_storage.url(script))
                for child in body
                for script in child.block.scripts(child.value)
            )
        ),
        cta_limit=page.cta_limit,
        frame=tuple(frame.split(PAGE_BODY)),
        body=body,
        actions=any(getattr(b.meta, "action", None) for b in types.values()),
    )


def order_block_context(context, page, language, done_actions):
    """What a personal block's template and ``is_shown`` get for this order."""
    return {
        "order": context.order,
        "customer": context.customer,
        "shop": context.shop,
        "locale": language,
        "customer_locale": context.locale,
        "page": page,
        "done_actions": done_actions,
    }


def render_prepared(context, prepared, audience):
    """Decide this order's blocks and put the page together (shared when it can be)."""
    prepared, variant = ab_testing.choose(context, prepared)
    page, language = prepared.page, prepared.language
    children = {child.id: child for child in prepared.body} if _has_personal(prepared) else {}
    personal_context = order_block_context(
        context, page, language, answers.done_for(context) if prepared.actions else {}
    )
    contexts = {
        block.id: {**personal_context, "block_id": block.id}
        for block in prepared.blocks
        if block.personal
    }
    not_for_order = {
        block_id
        for block_id, own_context in contexts.items()
        if not children[block_id].block.is_shown(children[block_id].value, own_context)
    }
    decisions = plan(
        prepared.rules,
        audience,
        prepared.cta_limit,
        not_for_order,
        done=personal_context["done_actions"].keys(),
    )
    keys = {
        block.id: stand_ins.key(children[block.id], contexts[block.id])
        for block, decision in zip(prepared.blocks, decisions, strict=True)
        if block.personal and decision.rendered
    }
    shape = None
    if None not in keys.values():
        shape = (tuple((d.state, d.cta_position) for d in decisions), tuple(keys.values()))
    assembly = stand_ins.kept(prepared, "page", shape) if shape else None
    if assembly is None:
        assembly, shared = assemble(prepared, decisions, children, contexts, keys)
        if shape and shared:
            stand_ins.keep(prepared, "page", shape, assembly)
    revision_id = page.live_revision_id
    return RenderedPage(
        page=page,
        revision_id=revision_id,
        variant=variant,
        language=language,
        css=prepared.css,
        scripts=prepared.scripts,
        assembly=assembly,
        filling=stand_ins.Filling(context),
        action_token=action_tokens.issue(
            context, page, revision_id, variant, [block["id"] for block in assembly.blocks]
        ),
        decisions=decisions,
        body=prepared.body,
    )


def assemble(prepared, decisions, children, contexts, keys):
    """
    Put the page together for these decisions: each personal block's shared
    output where ``keys`` names one, else rendered for the order. Return the
    Assembly and whether other orders may share it.
    """
    shared = True
    followed = any(d.state == WAITING for d in decisions)  # a next call to action exists
    sections, blocks = [], []
    with translation.override(prepared.language):
        for prepared_block, decision in zip(prepared.blocks, decisions, strict=True):
            if not decision.rendered:
                continue
            html, value = prepared_block.html, prepared_block.value
            if prepared_block.personal:
                block_id = prepared_block.id
                child, context, key = children[block_id], contexts[block_id], keys[block_id]
                output = key and stand_ins.output(prepared, key, child, context, render_block)
                if output is None:  # this order's own
                    output, shared = render_block(child, context), False
                html, value = output
            waiting = decision.state == WAITING
            attributes = format_html(WAITING_ATTRIBUTES, decision.cta_position) if waiting else ""
            if decision.cta_position and followed:
                html = html + format_html(DISMISS, _("Not now"))
            sections.append(f"{prepared_block.start}{attributes}>{html}</section>")
            blocks.append(
                {
                    "id": prepared_block.id,
                    "type": prepared_block.type,
                    "value": value,
                    "hidden": waiting,
                }
            )
    start, end = prepared.frame
    html = start + "\n".join(sections) + end
    return Assembly(html, blocks, calls_to_action(decisions)), shared


def render_block(child, context):
    """One block for one context: its absolute HTML and its API value."""
    html = absolutize(child.block.render(child.value, context=context))
    return html, child.block.get_api_representation(child.value, context)


def _has_personal(prepared):
    return any(block.personal for block in prepared.blocks)
