"""The block gallery in the admin: every block, light and dark."""

import re
from html import unescape

import pytest

from thankyou.blocks.registry import get_block_types

pytestmark = pytest.mark.django_db
FRAME = re.compile(r'<iframe src="([^"]+)" title="[^"]*: ([^"]+)"')


def gallery(client, query):
    """The gallery page's HTML, and its frames' documents and stylesheets in order."""
    response = client.get(f"/cms/thankyou/blocks/?{query}")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    frames = []
    for url, caption in FRAME.findall(html):
        document = unescape(client.get(url).content.decode())
        sheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', document).group(1)
        css = client.get(sheet).content.decode()
        frames.append({"url": url, "caption": caption, "html": document, "css": css})
    return html, frames


def test_gallery_shows_every_registered_block_in_both_themes(admin_client, shop):
    html, frames = gallery(admin_client, "lang=en&customer=vip")
    shown = "".join(frame["html"] for frame in frames)
    css = "".join(frame["css"] for frame in frames)
    for name, block in get_block_types():
        assert f'data-type="{name}"' in shown
        assert str(block.meta.label) in html
        answered = getattr(block.meta, "preview_result", None) is not None
        views = 4 if answered else 2  # light and dark, asking and answered
        assert shown.count(f'data-type="{name}"') == views, name
    assert "--ty-bg:#1f1b18" in css  # the dark theme
    assert "--ty-bg:#ffffff" in css  # the shop's own (light) branding
    assert "Sophie" in shown  # the chosen sample customer
    assert "Play video:" in shown  # English UI strings


def test_gallery_is_in_the_admin_menu(admin_client, shop):
    html = admin_client.get("/cms/").content.decode()
    assert "/cms/thankyou/blocks/" in html


def test_gallery_needs_an_admin_login(client):
    response = client.get("/cms/thankyou/blocks/")
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]


def test_block_chooser_previews_render_inside_a_shadow_root(admin_client, shop):
    from thankyou.pages.models import ThankYouPage

    stream_block = ThankYouPage._meta.get_field("body").stream_block
    for name, block in stream_block.child_blocks.items():
        response = admin_client.get("/cms/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<template shadowrootmode="open">' in html
        assert f'data-type="{name}"' in html
        assert ":host{--ty-primary:" in html


def test_the_english_gallery_shows_english_samples_the_german_one_german(admin_client, shop):
    def shown(language):
        return "".join(frame["html"] for frame in gallery(admin_client, f"lang={language}")[1])

    english, german = shown("en"), shown("de")
    for en, de in (
        ("Which coffee type are you?", "Welcher Kaffeetyp bist du?"),
        ("Your beans come straight from our drum roaster.", "Deine Bohnen kommen direkt"),
        ("How did you hear about us?", "Wie bist du auf uns aufmerksam geworden?"),
    ):
        assert en in english and de not in english
        assert de in german and en not in german
    assert 'alt="Coffee roaster with steaming beans"' in english  # the step keeps its image


def test_every_standard_block_has_english_samples(clock):
    # The clock stands still: document links are signed with the second they are made.
    def texts(block, value):
        return block.get_api_representation(value)

    for name, block in get_block_types():
        german = texts(block, block.get_preview_value())
        assert texts(block, block.preview_value_in("en")) != german, name
        assert texts(block, block.preview_value_in("fr")) == german, "none: as written"


def test_blocks_that_ask_are_also_shown_answered(admin_client, shop):
    html, frames = gallery(admin_client, "lang=de")
    quiz_section = html[html.index('id="gallery-quiz"') : html.index('id="gallery-survey"')]
    assert quiz_section.count(">Light, answered<") == 1
    assert quiz_section.count(">Dark, answered<") == 1
    quiz = "".join(f["html"] for f in frames if "/blocks/quiz/" in f["url"])
    shown = re.findall(
        r'<div data-show="done" tabindex="-1">\s*<p class="ty-done"[^>]*>([^<]+)', quiz
    )
    assert shown == ["Espresso-Liebhaber", "Espresso-Liebhaber"]
    assert "62 %" in quiz  # the share of answers like it
    gift = "".join(f["html"] for f in frames if "/blocks/gift_code/" in f["url"])
    assert gift.count('data-slot="code">BOHNE-4F2A9C<') == 2
