"""The image block."""

import pytest
from django.core.exceptions import ValidationError

from thankyou.blocks.image import ImageBlock
from thankyou.blocks.samples import render_block, sample_context

pytestmark = pytest.mark.django_db


def test_preview_value_renders_a_described_responsive_image():
    html = render_block(ImageBlock(), name="image")
    assert "<picture>" in html and 'type="image/webp"' in html and 'type="image/avif"' in html
    assert 'alt="Frisch geröstete Kaffeebohnen auf einem hellen Tisch"' in html
    assert "<figcaption" in html


def test_missing_image_renders_nothing_and_breaks_nothing():
    html = render_block(ImageBlock(), {"image": None, "alt": "x", "caption": "y"}, sample_context())
    assert "<img" not in html and "<figure" not in html


def test_alt_text_is_required_unless_the_image_has_a_description(image):
    block = ImageBlock()
    image.description = ""
    image.save()
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"image": image, "alt": "", "caption": ""}))
    image.description = "Beans on a scoop"
    image.save()
    value = block.clean(block.normalize({"image": image, "alt": " ", "caption": ""}))
    assert value["alt"] == "Beans on a scoop"


def test_alt_and_caption_are_escaped(shop, image, rendered):
    html = rendered(
        shop, [("image", {"image": image, "alt": '"><script>', "caption": "<b>x</b>"})]
    )["html"]
    assert "<script>" not in html and "<b>x</b>" not in html
    assert 'alt="&quot;&gt;&lt;script&gt;"' in html
