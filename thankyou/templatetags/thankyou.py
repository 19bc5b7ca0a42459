from django import template
from django.utils.html import format_html, format_html_join

from thankyou.core import html
from thankyou.media.images import picture_for

register = template.Library()


@register.filter
def sanitize(value):
    """Render merchant rich text with a strict allow-list of tags."""
    return html.sanitize(value)


@register.simple_tag
def picture(image, preset, alt="", css_class="", loading="lazy"):
    """
    A <picture> with AVIF, WebP and original-format srcsets from prepared renditions.

    Renders nothing for a missing image, or one whose renditions the worker
    has not made yet. ``alt=""`` marks it decorative.
    """
    prepared = picture_for(image, preset)
    if prepared is None:
        return ""
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (media_type, prepared.srcset(renditions), prepared.sizes)
            for media_type, renditions in (
                ("image/avif", prepared.avif),
                ("image/webp", prepared.webp),
            )
            if renditions
        ),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}"'
        ' alt="{}" class="{}" loading="{}" decoding="async"></picture>',
        sources,
        prepared.src.url,
        prepared.srcset(prepared.fallback),
        prepared.sizes,
        prepared.largest.width,
        prepared.largest.height,
        alt,
        css_class,
        loading,
    )
