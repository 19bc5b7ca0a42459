"""The personal thank-you note."""

import pytest

from thankyou.blocks.note import NoteBlock
from thankyou.blocks.samples import render_block, sample_context

pytestmark = pytest.mark.django_db


def test_preview_value_greets_the_customer_with_photo_and_signature():
    html = render_block(NoteBlock(), name="note")
    assert "Hallo Lena," in html
    assert html.count("<picture>") == 2
    assert "Marie Keller" in html and "Röstmeisterin" in html


def test_without_a_first_name_the_greeting_stays_grammatical(shop, rendered):
    value = {
        "greeting": "Hallo {first_name}, schön!",
        "message": "Danke.",
        "photo": None,
        "signature": None,
        "name": "Marie",
        "role": "",
    }
    html = rendered(shop, [("note", value)], customer={"is_guest": True})["html"]
    assert "Hallo, schön!" in html
    assert "<img" not in html


def test_merchant_and_customer_text_are_escaped(shop, rendered):
    value = {
        "greeting": "Hi {first_name}",
        "message": "<script>x</script>",
        "photo": None,
        "signature": None,
        "name": "M",
        "role": "",
    }
    html = rendered(shop, [("note", value)], customer={"first_name": "<b>Eve</b>"})["html"]
    assert "<script>x" not in html and "<b>Eve" not in html
    assert "Hi &lt;b&gt;Eve&lt;/b&gt;" in html


def test_message_keeps_its_line_breaks():
    value = {
        "greeting": "",
        "message": "Eins\nZwei",
        "photo": None,
        "signature": None,
        "name": "M",
        "role": "",
    }
    assert "Eins<br>Zwei" in render_block(NoteBlock(), value, sample_context())
