"""
The order-confirmation e-mail's part: the composition an order's render
shows, as e-mail-safe HTML and plain text.

Each block shown (calls to action waiting their turn are not) is rendered
with its ``Meta.email_template``, which gets the block's API ``value`` (the
order's name and number filled in) and ``html``, its page HTML made safe for
e-mail; the default template shows that HTML. Blocks that take an answer
become a button to the hosted page, where they work as in the embed.

The result is then made safe whatever a template wrote: no script, form or
frame; images absolute, with width, height and alt text, or left out; links
to the shop's origins kept, every other link going to the hosted page. The
stylesheet is inlined (css-inline); only its dark-mode rules stay in a
``<style>``, for the clients that read them.
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import css_inline
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from thankyou.core.models import origin_of

MAX_WIDTH = 560  # of the content column (600 wide, 20 px padding)
# Left out with their content: nothing in them works in an e-mail.
DROPPED = {
    "script",
    "style",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "label",
    "iframe",
    "video",
    "audio",
    "svg",
    "template",
    "noscript",
    "object",
    "embed",
    "dialog",
}
KEPT = {
    "a", "b", "blockquote", "br", "div", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "hr", "i", "img", "li", "ol", "p", "small", "span", "strong", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
VOID = {"br", "hr", "img", "source", "input", "meta", "link", "wbr"}
DISPLAY_WIDTH = re.compile(r"\s*(\d{1,4})px\s*")
ATTRIBUTES = {"class", "role", "align", "width", "height", "alt", "href", "src", "lang", "dir"}
SECTION = re.compile(
    r'<section class="ty-block ty-block--[\w-]+" data-block="([\w-]+)"[^>]*>(.*?)</section>',
    re.DOTALL,
)


@dataclass
class Email:
    html: str
    text: str


def render_email(result, shop, hosted_url, open_image=""):
    """
    The e-mail of a RenderedPage of the shop; ``hosted_url``: the order's
    hosted page; ``open_image``: the URL of the image that counts the open, if any.
    """
    children = {child.id: child for child in result.body}
    sections = dict(SECTION.findall(result.html))
    parts = []
    with translation.override(result.language):
        for block in result.blocks:
            child = children.get(block["id"])
            if block["hidden"] or child is None:
                continue
            parts.append(
                render_to_string(
                    email_template(child.block),
                    {
                        "value": block["value"],
                        "html": mark_safe(clean(sections.get(block["id"], ""), shop, hosted_url)),  # noqa: S308
                        "block_id": block["id"],
                        "type": block["type"],
                        "hosted_url": hosted_url,
                        "shop": shop,
                        "locale": result.language,
                    },
                )
            )
        body = clean(
            "".join(f'<tr><td class="ty-mail__block">{p}</td></tr>' for p in parts),
            shop,
            hosted_url,
        )
        document = render_to_string(
            "thankyou/email/email.html",
            {
                "shop": shop,
                "language": result.language,
                "title": result.page.title,
                "body": mark_safe(body),  # noqa: S308  (cleaned above)
                "hosted_url": hosted_url,
                "open_image": open_image,
                "css": mark_safe(render_to_string("thankyou/email/email.css", {"shop": shop})),  # noqa: S308
            },
        )
    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
    return Email(html=inliner.inline(document), text=plain_text(document))


def email_template(block):
    """The block's e-mail template: its own, a button if it takes answers, else the default."""
    own = getattr(block.meta, "email_template", None)
    if own:
        return own
    if getattr(block.meta, "action", None):
        return "thankyou/email/blocks/action.html"
    return "thankyou/email/blocks/default.html"


def clean(html, shop, hosted_url):
    """Our HTML made e-mail-safe (see the module's docstring)."""
    cleaner = _Cleaner(shop.origins, hosted_url)
    cleaner.feed(str(html))
    cleaner.close()
    return "".join(cleaner.out)


class _Cleaner(HTMLParser):
    def __init__(self, origins, hosted_url):
        super().__init__(convert_charrefs=False)
        self.origins, self.hosted_url = origins, hosted_url
        self.out, self.skipping, self.open = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipping or tag in DROPPED or "hidden" in attrs:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag not in KEPT:
            return  # its content stays (a <picture>'s <img>, a <section>'s blocks)
        shown = DISPLAY_WIDTH.fullmatch(attrs.get("sizes") or "")  # a fixed width on the page
        attrs = {name: value for name, value in attrs.items() if name in ATTRIBUTES}
        if tag == "img" and not self._image(attrs, int(shown.group(1)) if shown else MAX_WIDTH):
            return
        if tag == "a":
            attrs["href"] = self._link(attrs.get("href") or "")
        self.out.append(
            f"<{tag}"
            + "".join(
                f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs.items()
            )
            + ">"
        )
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.skipping and tag not in VOID and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_endtag(self, tag):
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        if tag in self.open:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def handle_entityref(self, name):
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.skipping:
            self.out.append(f"&#{name};")

    def close(self):
        super().close()
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        self.open = []

    def _image(self, attrs, shown):
        """
        Keep an image only with an absolute URL and its size: as wide as the
        page shows it (its file is often twice that, for sharp screens), at
        most the column's width.
        """
        src = attrs.get("src") or ""
        try:
            width, height = int(attrs.get("width", "")), int(attrs.get("height", ""))
        except ValueError:
            return False
        if urlsplit(src).scheme not in ("http", "https") or width <= 0 or height <= 0:
            return False
        shown = min(shown, MAX_WIDTH)
        if width > shown:
            width, height = shown, max(1, round(height * shown / width))
        attrs.update(width=str(width), height=str(height), alt=attrs.get("alt") or "")
        attrs["style"] = "display:block;max-width:100%;height:auto;border:0"
        return True

    def _link(self, href):
        """The shop's links and mail addresses stay; any other goes to the hosted page."""
        parts = urlsplit(href)
        origin = origin_of(f"{parts.scheme}://{parts.netloc}")
        if href.startswith("mailto:") or origin in self.origins or href == self.hosted_url:
            return href
        return self.hosted_url


BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "li", "tr", "figure", "figcaption", "blockquote"}


def plain_text(html):
    """The e-mail's text part: its words, a link's address after its text."""
    reader = _Text()
    reader.feed(html)
    reader.close()
    text = "".join(reader.out)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.links, self.skip = [], [], 0
        self.item_starts = False  # in a list item, before its first words

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "title", "head"):
            self.skip += 1
        elif tag in BLOCK_TAGS:
            if self.item_starts:
                return  # a list item's first paragraph: on the item's line
            self.out.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "tr") else "\n")
            if tag == "li":
                self.out.append("- ")
                self.item_starts = True
        elif tag == "span":
            self.out.append(" ")  # spans are often shown as lines of their own
        elif tag == "br":
            self.out.append("\n")
        elif tag == "a":
            self.links.append((len(self.out), attrs.get("href") or ""))
        elif tag == "img" and attrs.get("alt"):
            self.out.append(f"[{attrs['alt']}]")
            self.item_starts = False

    def handle_endtag(self, tag):
        if tag in ("style", "title", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag == "a" and self.links:
            start, href = self.links.pop()
            label = "".join(self.out[start:]).strip()
            if href and href != label and not href.startswith("mailto:"):
                self.out.append(f" <{href}>" if label else href)
        elif tag in BLOCK_TAGS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(re.sub(r"\s+", " ", data))  # as HTML shows it: lines come from tags
            self.item_starts = self.item_starts and not data.strip()
