"""A block's output must pass a strict shop's Content Security Policy: no inline style or script."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail import blocks

from tests.conftest import logged_in, registered_block
from thankyou.blocks import ThankYouBlock
from thankyou.blocks.checks import check_block_templates
from thankyou.blocks.csp import inline_markup
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.samples import render_block


class RedBlock(ThankYouBlock):
    """A designer's block that paints its text red with a style attribute."""

    def __init__(self, **kwargs):
        super().__init__([("text", blocks.CharBlock())], **kwargs)

    class Meta:
        template = "red_block.html"
        preview_value = {"text": "Roter Text"}
        label = "Red text"


@pytest.fixture
def red_template(settings, tmp_path):
    (tmp_path / "red_block.html").write_text(
        '<p class="red" style="color: rgb(255, 0, 0)">{{ value.text }}</p>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]


def test_inline_markup_is_found_in_tags_not_in_text():
    assert inline_markup('<p style="x">a</p><style>p{}</style><script>1</script>') == [
        '<p style="…">',
        "<style>",
        "<script>",
    ]
    assert inline_markup("<p>Pick a style = bold, or a <b>script</b> font</p>") == []


def test_a_block_with_a_style_attribute_fails_its_tests(db, red_template):
    with pytest.raises(ImproperlyConfigured, match=r"'red'.*style"):
        render_block(RedBlock(), name="red")
    assert "Roter Text" in render_block(RedBlock(), name="red", inline=True)  # previews show it


def test_manage_py_check_refuses_a_block_template_with_inline_style(db, red_template):
    with registered_block("red", RedBlock()):
        errors = check_block_templates()
        assert [error.id for error in errors] == ["thankyou.E002"]
        assert "red_block.html" in str(errors[0].obj)
        with pytest.raises(SystemCheckError, match=r"thankyou\.E002"):
            call_command("check")


def test_the_standard_blocks_need_no_inline_style_or_script(db):
    assert check_block_templates() == []


def test_each_gallery_frame_is_served_under_a_strict_shop_policy(admin_client, shop):
    response = admin_client.get("/cms/thankyou/blocks/quiz/?theme=dark&lang=en")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'self'" in policy
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    css = admin_client.get("/cms/thankyou/blocks/quiz/style.css?theme=dark&lang=en")
    assert css["Content-Type"].startswith("text/css")
    assert "--ty-bg:#1f1b18" in css.content.decode()


def test_a_frame_of_an_unknown_block_is_not_found(admin_client, shop):
    assert admin_client.get("/cms/thankyou/blocks/nosuch/").status_code == 404


def csp_violations(page, url):
    """The Content Security Policy violations Chromium reports while the page loads."""
    found = []

    def listener(message):
        if "Content Security" in message.text:
            found.append(message.text)

    page.on("console", listener)
    page.goto(url, wait_until="load")
    page.remove_listener("console", listener)
    return found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_gallery_shows_a_blocks_inline_style_as_broken_as_a_shop_would(
    browser, server, make_shop, red_template
):
    shop = make_shop("acme")
    with registered_block("red", RedBlock()):
        page = logged_in(browser, server, shop.editors)
        page.goto(f"{server}/cms/thankyou/blocks/?lang=de")
        frame = page.locator('iframe[src^="/cms/thankyou/blocks/red/"]').first
        frame.scroll_into_view_if_needed()  # the frames load lazily
        red = frame.content_frame.locator("p")
        assert red.inner_text() == "Roter Text"
        assert red.evaluate("p => getComputedStyle(p).color") != "rgb(255, 0, 0)"
        assert csp_violations(page, f"{server}/cms/thankyou/blocks/red/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_standard_block_shows_under_the_strict_policy_without_a_violation(
    browser, server, make_shop
):
    shop = make_shop("acme")
    page = logged_in(browser, server, shop.editors)
    for name, block in get_block_types():
        states = ["", "answered"] if getattr(block.meta, "preview_result", None) else [""]
        for state in states:
            url = f"{server}/cms/thankyou/blocks/{name}/?lang=en&theme=dark&state={state}"
            assert csp_violations(page, url) == [], (name, state)
            assert page.locator(f'[data-type="{name}"]').count() == 1
