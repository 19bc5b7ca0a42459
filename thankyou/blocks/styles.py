"""The CSS a page sends: the base stylesheet and its blocks' own, compacted, in the shop's theme."""

import re

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

BASE_STYLESHEET = "thankyou/embed/thankyou.css"


# What the shadow root need not get: comments, and space after a rule. Strings
# are matched first (and kept) so that nothing inside them changes.
_CSS_STRING = r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\''
_CSS_COMMENT = re.compile(rf"({_CSS_STRING})|/\*.*?\*/", re.DOTALL)
_CSS_SPACE_AFTER_RULE = re.compile(rf"({_CSS_STRING})|(?<=}})\s+")


_stylesheets = {}


def page_css(blocks, shop):
    """The CSS for these (block, value) pairs in the shop's theme."""
    sheets = {sheet for block, value in blocks for sheet in block.stylesheets(value)}
    return stylesheet_text(tuple(sorted(sheets))) + shop.theme_css()


def stylesheet_text(block_stylesheets):
    """Return the base stylesheet and the blocks' ones as one compact text."""
    if block_stylesheets not in _stylesheets:
        text = "\n".join(read_static(path) for path in (BASE_STYLESHEET, *block_stylesheets))
        _stylesheets[block_stylesheets] = compact_css(text)
    return _stylesheets[block_stylesheets]


def compact_css(text):
    """Drop comments and the space between rules, leaving strings as they are."""

    def keep_string(match):
        return match.group(1) or ""

    text = _CSS_COMMENT.sub(keep_string, text)
    return _CSS_SPACE_AFTER_RULE.sub(keep_string, text).strip()


def read_static(path):
    """Return a static file's text, from the collected files or the finders."""
    try:
        with staticfiles_storage.open(path) as fh:
            return fh.read().decode()
    except (FileNotFoundError, OSError, ValueError):
        found = finders.find(path)
        if not found:
            raise
        with open(found, encoding="utf-8") as fh:
            return fh.read()
