"""
Our HTML and URLs as they leave the server: merchant rich text sanitised, and
root-relative URLs made absolute to this server (PUBLIC_URL), since pages are
inserted on the shop's origin and block values are read by other programs.
"""

import re

import nh3
from django.conf import settings
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
_URL_ATTR = re.compile(r'(\s(?:href|src|poster|data-src)=")/(?!/)')
_SRCSET_ATTR = re.compile(r'(\ssrcset=")([^"]*)"')
_SRCSET_ENTRY = re.compile(r"(^|,\s*)/(?!/)")


def sanitize(html):
    """Merchant rich text with a strict allow-list of tags."""
    html = html.__html__() if hasattr(html, "__html__") else str(html)
    return mark_safe(  # noqa: S308  (nh3 has removed everything unsafe)
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    )


def absolute(url):
    """A root-relative URL of ours made absolute; others as they are."""
    if url.startswith("/") and not url.startswith("//"):
        return settings.PUBLIC_URL + url
    return url


def absolute_srcset(srcset):
    """A srcset's root-relative URLs made absolute."""
    return _SRCSET_ENTRY.sub(lambda entry: entry.group(1) + settings.PUBLIC_URL + "/", srcset)


def absolutize(html):
    """Make root-relative URLs in our (safe) HTML absolute to this server."""
    base = settings.PUBLIC_URL
    html = _URL_ATTR.sub(lambda m: m.group(1) + base + "/", html)
    html = _SRCSET_ATTR.sub(lambda m: m.group(1) + absolute_srcset(m.group(2)) + '"', html)
    return mark_safe(html)  # noqa: S308  (only URLs in already safe HTML changed)
