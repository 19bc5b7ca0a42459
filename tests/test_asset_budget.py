"""What the embed brings to a shop's page stays small, each file gzipped as served.

The most a page can bring is every block type at once. Each demo page, with
the script, its stylesheet and its block scripts together, stays within the
4.5 KB goal `make bench` reports against.
"""

import gzip
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.core.management import call_command

from thankyou.blocks.registry import get_block_types
from thankyou.blocks.styles import compact_css, page_css, read_static
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.core.staticfiles import StaticFilesStorage
from thankyou.targeting.personas import PERSONAS, persona_claims

SCRIPT_BUDGET = 4608
STYLESHEET_BUDGET = 2048


def gzipped(text):
    return len(gzip.compress(text.encode(), 9))


def as_served(path):
    """The hashed copy a shop's page loads."""
    return read_static(staticfiles_storage.stored_name(path))


def every_block():
    return [block for _name, block in get_block_types()]


def test_the_embed_script_with_every_block_script_fits_in_the_budget(client, db):
    # The preview values show each block's fullest variant (the video's facade).
    scripts = sorted({s for b in every_block() for s in b.scripts(b.get_preview_value())})
    assert "thankyou/blocks/facade.js" in scripts
    sizes = [
        gzipped(client.get("/embed/v1.js").content.decode()),
        *(gzipped(as_served(script)) for script in scripts),
    ]
    assert sum(sizes) <= SCRIPT_BUDGET, sizes


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_the_demo_page_with_everything_it_loads_fits_in_the_budget(client, api, db, persona):
    call_command("seed_demo", verbosity=0)
    shop = Shop.objects.get(key="demo")
    token = sign_claims(shop, persona_claims(PERSONAS[persona], shop, "de"))
    rendered = api.render({"token": token}).json()
    scripts = [urlsplit(url).path.removeprefix(settings.STATIC_URL) for url in rendered["scripts"]]
    sizes = [
        gzipped(client.get("/embed/v1.js").content.decode()),
        gzipped(rendered["css"]),
        *(gzipped(read_static(script)) for script in scripts),
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
