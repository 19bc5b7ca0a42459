"""What the embed brings to a shop's page stays small: under 4 KB gzipped."""

import gzip

from thankyou.blocks.base import read_static
from thankyou.blocks.registry import get_block_types
from thankyou.models import Shop
from thankyou.rendering import stylesheet_text

BUDGET = 4096


def test_everything_a_page_can_load_fits_in_4_kb(client, db):
    """The most a page can bring: every block type at once, each file gzipped as served."""
    blocks = [block for _name, block in get_block_types()]
    stylesheets = tuple(sorted({b.meta.stylesheet for b in blocks if b.meta.stylesheet}))
    scripts = sorted({b.meta.script for b in blocks if b.meta.script})
    parts = [
        client.get("/embed/v1.js").content.decode(),  # as served: minified
        stylesheet_text(stylesheets) + Shop(name="Demo").theme_css(),
        *(read_static(script) for script in scripts),
    ]
    sizes = [len(gzip.compress(part.encode(), 9)) for part in parts]
    assert sum(sizes) <= BUDGET, sizes
