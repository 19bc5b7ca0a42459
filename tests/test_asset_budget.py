"""What the embed brings to a shop's page stays small, each file gzipped as served.

The most a page can bring is every block type at once. `make bench` reports
the total for the demo page (script, stylesheet and block scripts together)
against the 4 KB goal.
"""

import gzip

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile

from thankyou.blocks.base import read_static
from thankyou.blocks.registry import get_block_types
from thankyou.models import Shop
from thankyou.rendering import compact_css, page_css
from thankyou.staticfiles import StaticFilesStorage

SCRIPT_BUDGET = 4096
STYLESHEET_BUDGET = 2048


def gzipped(text):
    return len(gzip.compress(text.encode(), 9))


def as_served(path):
    """The hashed copy a shop's page loads."""
    return read_static(staticfiles_storage.stored_name(path))


def every_block():
    return [block for _name, block in get_block_types()]


def test_the_embed_script_with_every_block_script_fits_in_4_kb(client, db):
    scripts = sorted({b.meta.script for b in every_block() if b.meta.script})
    sizes = [
        gzipped(client.get("/embed/v1.js").content.decode()),
        *(gzipped(as_served(script)) for script in scripts),
    ]
    assert sum(sizes) <= SCRIPT_BUDGET, sizes


def test_the_stylesheet_of_every_block_fits_in_2_kb(db):
    # The preview values show each block's fullest variant (the video's facade).
    blocks = [(block, block.get_preview_value()) for block in every_block()]
    size = gzipped(page_css(blocks, Shop(name="Demo")))
    assert size <= STYLESHEET_BUDGET


def test_stylesheets_are_sent_without_comments_or_space_between_rules():
    css = '/* Base. */\n.a{content:"} /* kept */ "}\n\n.b .c{margin:0 auto}\n'
    assert compact_css(css) == '.a{content:"} /* kept */ "}.b .c{margin:0 auto}'


def test_block_scripts_are_collected_minified(tmp_path):
    storage = StaticFilesStorage(location=tmp_path)
    source = (
        "/* Roast date. */\n"
        "(function (w) {\n"
        '  w.thankyou.behave("roast", function () {});\n'
        "})(window);\n"
    )
    storage.save("thankyou/blocks/roast.js", ContentFile(source.encode()))
    collected = (tmp_path / "thankyou/blocks/roast.js").read_text()
    assert "/*" not in collected and "\n  " not in collected
    assert 'behave("roast"' in collected
