"""The block gallery in the admin: every block, light and dark."""

from html import unescape

import pytest

from thankyou.blocks.registry import get_block_types

pytestmark = pytest.mark.django_db


def test_gallery_shows_every_registered_block_in_both_themes(admin_client, shop):
    response = admin_client.get("/cms/thankyou/blocks/?lang=en&customer=vip")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    for name, block in get_block_types():
        assert f'data-type="{name}"' in html
        assert str(block.meta.label) in html
        assert html.count(f'data-type="{name}"') == 2  # light and dark
    assert "--ty-bg:#1f1b18" in html  # the dark theme
    assert "--ty-bg:#ffffff" in html  # the shop's own (light) branding
    assert "Sophie" in html  # the chosen sample customer
    assert "Play video:" in html  # English UI strings


def test_gallery_is_in_the_admin_menu(admin_client, shop):
    html = admin_client.get("/cms/").content.decode()
    assert "/cms/thankyou/blocks/" in html


def test_gallery_needs_an_admin_login(client):
    response = client.get("/cms/thankyou/blocks/")
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]
