"""
What a strict shop page's Content Security Policy refuses in a block's output.

A shop allows our origin for scripts, images and media, and no inline style
or script: a ``style`` attribute, a ``<style>`` or a ``<script>`` in a block's
HTML is blocked there (and a script put in by innerHTML never runs anyway).
A block's CSS belongs in ``Meta.stylesheet``, its behaviour in ``Meta.script``.
"""

from html.parser import HTMLParser


class _InlineMarkup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.found.append(f"<{tag}>")
        if any(name == "style" for name, _value in attrs):
            self.found.append(f'<{tag} style="…">')


def inline_markup(html):
    """The inline scripts, style elements and style attributes in ``html``, as found."""
    parser = _InlineMarkup()
    parser.feed(str(html))
    parser.close()
    return list(dict.fromkeys(parser.found))


def refusal(name, found):
    """Why a block with this inline markup fails on a shop, for checks and tests."""
    return (
        f"The {name!r} block's output has {', '.join(found)}: a shop's Content Security "
        "Policy blocks inline styles and scripts. Put its CSS in Meta.stylesheet and its "
        "behaviour in Meta.script."
    )
