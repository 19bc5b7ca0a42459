import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


@register.filter
def sanitize(value):
    """Render merchant rich text with a strict allow-list of tags."""
    html = value.__html__() if hasattr(value, "__html__") else str(value)
    return mark_safe(  # noqa: S308  (nh3 has removed everything unsafe)
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    )
