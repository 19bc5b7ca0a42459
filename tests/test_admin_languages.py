"""The admin speaks one language: the merchant's, not German and English mixed."""

import re
from html import unescape

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.conftest import login
from thankyou.analytics.reports import signed_points
from thankyou.pages.models import ThankYouPage

pytestmark = pytest.mark.django_db


def block_picker_preview(client, name):
    block = ThankYouPage._meta.get_field("body").stream_block.child_blocks[name]
    response = client.get("/cms/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_block_picker_previews_blocks_in_the_admin_s_language(shop):
    english = block_picker_preview(login(shop.editors, username="en", language="en"), "quiz")
    assert "Which coffee type are you?" in english and "Welcher Kaffeetyp" not in english
    assert "Show my result" in english and "Zeig mir mein Ergebnis" not in english
    german = block_picker_preview(login(shop.editors, username="de", language="de"), "quiz")
    assert "Welcher Kaffeetyp bist du?" in german and "Which coffee type" not in german


def test_the_gallery_starts_in_the_admin_s_language(shop):
    editor = login(shop.editors, language="en")
    html = unescape(editor.get("/cms/thankyou/blocks/").content.decode())
    frames = re.findall(r"/cms/thankyou/blocks/\w+/\?[^\"]*", html)
    assert frames and all("lang=en" in frame for frame in frames)


def test_the_quiz_button_hint_is_in_the_admin_s_language_only(shop, page):
    editor = login(shop.editors, language="de")
    html = editor.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert "Zeig mir mein Ergebnis" in html
    assert "Show my result" not in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "+5.2 pp to +32.1 pp"), ("de", "+5,2 Pp. bis +32,1 Pp.")],
)
def test_percentage_point_ranges_are_worded_and_formatted_per_language(language, expected):
    template = Template(
        "{% load i18n thankyou_analytics %}{% blocktranslate with low=low|points "
        "high=high|points %}{{ low }} to {{ high }}{% endblocktranslate %}"
    )
    with translation.override(language):
        shown = template.render(Context({"low": 0.052, "high": 0.321}))
        assert shown == expected
        assert signed_points(0.0004) == signed_points(0).replace("+", "")
