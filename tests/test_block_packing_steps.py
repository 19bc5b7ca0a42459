"""Packing steps: numbered photo steps with alternative text (or the image's description)."""

import pytest
from django.core.exceptions import ValidationError

from thankyou.blocks.packing_steps import PackingStepsBlock
from thankyou.blocks.samples import render_block, sample_context

pytestmark = pytest.mark.django_db


def test_preview_value_renders_an_ordered_list_of_described_photos():
    html = render_block(PackingStepsBlock(), name="packing_steps")
    assert html.count('<li class="ty-pack__step">') == 3
    assert html.count('type="image/avif"') == html.count('type="image/webp"') == 3
    assert 'alt="Kaffeeröster mit dampfenden Bohnen"' in html
    assert 'aria-labelledby="sample-title"' in html


def test_empty_steps_render_nothing():
    html = render_block(
        PackingStepsBlock(), {"heading": "So packen wir", "steps": []}, sample_context()
    )
    assert "So packen wir" not in html and "<ol" not in html


def test_a_step_without_image_still_shows_its_text():
    value = {
        "heading": "H",
        "steps": [{"image": None, "alt": "", "title": "Verpackt", "text": "Von Hand."}],
    }
    html = render_block(PackingStepsBlock(), value, sample_context())
    assert "Verpackt" in html and "<img" not in html


def test_an_image_needs_alt_text(image):
    image.description = ""
    image.save()
    block = PackingStepsBlock()
    value = block.normalize(
        {
            "heading": "H",
            "steps": [{"image": image, "alt": " ", "title": "T", "text": ""}],
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_an_empty_alt_text_takes_the_image_s_description(image):
    image.description = "Hands packing a coffee bag"
    image.save()
    block = PackingStepsBlock()
    step = {"image": image, "alt": "", "title": "Packed by hand", "text": ""}
    value = block.clean(block.normalize({"heading": "H", "steps": [step]}))
    assert value["steps"][0]["alt"] == "Hands packing a coffee bag"
    typed = block.clean(block.normalize({"heading": "H", "steps": [{**step, "alt": "Mine"}]}))
    assert typed["steps"][0]["alt"] == "Mine", "a typed text is kept"
