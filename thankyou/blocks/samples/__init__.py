"""
Sample data for block previews, the block gallery and designers' tests.

Blocks' ``Meta.preview_value`` may call ``sample_image`` or
``sample_document`` (make it a function: it runs when a preview is shown).
Sample media are drawn on first use and kept in a "Block samples"
collection, so previews look real without any content in the database.
"""

import json
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.html import format_html
from rest_framework.utils.encoders import JSONEncoder
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from thankyou.blocks.csp import inline_markup, refusal
from thankyou.blocks.personal import is_personal
from thankyou.blocks.samples import art
from thankyou.blocks.styles import page_css
from thankyou.core.context import context_from_claims
from thankyou.core.models import Shop
from thankyou.media.images import PRESETS, images_in
from thankyou.targeting.personas import DEFAULT_PERSONA, PERSONAS, persona_claims
from thankyou.tenancy.media import SAMPLES_COLLECTION
from thankyou.tenancy.scoping import shops_of

ASSETS = Path(__file__).resolve().parent / "assets"
DARK_THEME = {
    "color_primary": "#e9a86f",
    "color_text": "#f3ece4",
    "color_background": "#1f1b18",
}


def samples_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=SAMPLES_COLLECTION).first() or root.add_child(
        name=SAMPLES_COLLECTION
    )


def sample_image(name, collection=None, title=None):
    """Return the sample image drawn as ``name`` (see thankyou.blocks.samples.art.ART)."""
    Image = get_image_model()
    collection = collection or samples_collection()
    title = title or f"Sample: {name}"
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        filename, data = art.draw(name)
        image = Image(title=title, collection=collection, file=ContentFile(data, name=filename))
        image.file_size = len(data)
        image.save()
    return image


def sample_document(filename, title=None, collection=None, data=None):
    """Return a sample document: a file of the samples' assets folder, or ``data``."""
    Document = get_document_model()
    collection = collection or samples_collection()
    title = title or f"Sample: {filename}"
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        data = data if data is not None else (ASSETS / filename).read_bytes()
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(data), save=False)
        document.file_size = len(data)
        document._set_file_hash()
        document.save()
    return document


def sample_shop(user=None, **theme):
    """The user's first shop, else an unsaved shop with default branding."""

    shop = None
    if user is not None and user.is_authenticated:
        shop = shops_of(user).first()
    shop = shop or Shop(name="Bohnenglück Kaffeerösterei", key="sample", color_primary="#8a4b22")
    for name, value in theme.items():
        setattr(shop, name, value)
    return shop


ORDER_CONTEXT = ("order", "customer", "customer_locale")  # personal blocks' only


def sample_context(shop=None, persona=DEFAULT_PERSONA, language=None):
    """The template context a block gets on a page, for a sample customer."""
    shop = shop or sample_shop()
    language = language or shop.default_locale
    order = context_from_claims(shop, persona_claims(PERSONAS[persona], shop, language))
    return {
        "order": order.order,
        "customer": order.customer,
        "shop": shop,
        "locale": language,
        "customer_locale": order.locale,
        "page": None,
    }


def prepare_block(block, value):
    """Make the renditions a block's value needs (on editors' requests only)."""
    for image, preset in images_in(block, value):
        image.get_renditions(*PRESETS[preset].all_filters)


def as_on_a_page(block, value, context, block_id):
    """The value (by default the preview value) and context a block gets on a page."""
    if value is None:
        value = block.get_preview_value()
    else:
        value = block.to_python(block.get_prep_value(block.normalize(value)))
    prepare_block(block, value)
    context = {**(context or sample_context()), "block_id": block_id}
    if not is_personal(block, value):  # as on a page: rendered once for every order
        for key in ORDER_CONTEXT:
            context.pop(key, None)
    return value, context


def render_block(block, value=None, context=None, name=None, block_id="sample", *, inline=False):
    """
    Render a block as a page section, by default with its preview value.

    Output that a shop's Content Security Policy would block (inline style or
    script) raises ImproperlyConfigured, so a block's tests fail on it; the
    previews pass ``inline=True`` and show it as the shop would.
    """
    value, context = as_on_a_page(block, value, context, block_id)
    name = name or block.name or "sample"
    with translation.override(context["locale"]):
        html = block.render(value, context=context)
    found = inline_markup(html)
    if found and not inline:
        raise ImproperlyConfigured(refusal(name, found))
    return format_html(
        '<section class="ty-block ty-block--{0}" data-block="{1}" data-type="{0}">{2}</section>',
        name,
        block_id,
        html,
    )


def block_value(block, value=None, context=None, block_id="sample"):
    """A block's value (by default its preview value) as the render response holds it."""
    value, context = as_on_a_page(block, value, context, block_id)
    with translation.override(context["locale"]):
        data = block.get_api_representation(value, context)
    return json.loads(json.dumps(data, cls=JSONEncoder))


def stylesheet_for(block, value=None, *, shop):
    """The CSS a page sends for the block with this value (by default its preview value)."""

    return page_css([(block, block.get_preview_value() if value is None else value)], shop)


def block_preview(block, value, user=None, language=None):
    """What a block preview shows: the block's HTML, CSS and language (by default
    the sample shop's)."""
    shop = sample_shop(user)
    context = sample_context(shop, language=language)
    return {
        "html": render_block(block, value, context, inline=True),
        "css": stylesheet_for(block, value, shop=shop),
        "language": context["locale"],
    }
