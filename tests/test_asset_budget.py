"""What the embed brings to a shop's page stays small: under 4 KB gzipped."""

import gzip

from thankyou.blocks.base import read_static
from thankyou.blocks.registry import get_block_types
from thankyou.models import Shop
from thankyou.rendering import stylesheet_text

BUDGET = 4096


def test_embed_script_and_every_blocks_css_and_scripts_fit_in_4_kb():
    """The most a page can bring: every block type on it at once."""
    blocks = [block for _name, block in get_block_types()]
    stylesheets = tuple(sorted({b.meta.stylesheet for b in blocks if b.meta.stylesheet}))
    scripts = sorted({b.meta.script for b in blocks if b.meta.script})
    payload = "\n".join(
        [
            read_static("thankyou/embed/embed.js"),
            stylesheet_text(stylesheets) + Shop(name="Demo").theme_css(),
            *(read_static(script) for script in scripts),
        ]
    )
    assert len(gzip.compress(payload.encode(), 9)) < BUDGET
