"""The gift announcement (presentation only)."""

import pytest

from thankyou.blocks.gift import GiftBlock
from thankyou.blocks.samples import render_block, sample_context

pytestmark = pytest.mark.django_db


def test_preview_value_announces_a_gift_in_the_parcel():
    html = render_block(GiftBlock(), name="gift")
    assert "Ein kleines Dankeschön für dich, Lena" in html
    assert "Gratis im Paket" in html  # the page's language
    assert 'alt="Rot verpacktes Geschenk mit goldener Schleife"' in html


def test_code_gifts_say_so_and_a_missing_image_is_fine():
    value = {
        "heading": "Für dich",
        "text": "Danke!",
        "image": None,
        "alt": "",
        "how": "code",
        "note": "",
    }
    html = render_block(GiftBlock(), value, sample_context(language="de"))
    assert "<img" not in html
    assert "Ein Code für die nächste Bestellung" in html


def test_gift_renders_in_the_page_language(shop, rendered):
    value = {
        "heading": "A gift",
        "text": "Thanks",
        "image": None,
        "alt": "",
        "how": "parcel",
        "note": "",
    }
    html = rendered(shop, [("gift", value)], language="en", locale="en-GB")["html"]
    assert "A free item in the parcel" in html
