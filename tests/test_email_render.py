"""The order-confirmation e-mail (POST /api/v1/render, format "email") and the hosted page."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import make_claims
from thankyou.blocks.quiz import QuizBlock
from thankyou.pages.models import HostedOrder

pytestmark = pytest.mark.django_db

EVIL_NAME = '<img src=x onerror="alert(1)">Anna'


def body_with_quiz(image):
    return [
        ("heading", {"text": "Danke, {first_name}!", "subtitle": "Bestellung {order_number}"}),
        ("image", {"image": image, "alt": "Frische Bohnen", "caption": "Frisch geröstet"}),
        (
            "text",
            {
                "text": '<p>Mehr im <a href="https://acme.example/blog">Blog</a> und '
                '<a href="https://elsewhere.example/">anderswo</a>.</p>'
            },
        ),
        ("quiz", QuizBlock().get_preview_value()),
    ]


@pytest.fixture
def email(api, shop, make_page, token_for, image):
    make_page(shop, body=body_with_quiz(image))
    claims = make_claims(shop)
    claims["customer"]["first_name"] = EVIL_NAME

    def render(**overrides):
        response = api.render(
            {"token": token_for(shop, **{**claims, **overrides}), "format": "email"}
        )
        assert response.status_code == 200, response.content
        assert response["Cache-Control"] == "no-store"
        return response.json()

    return render


def test_the_email_has_both_parts_of_the_same_composition(email):
    data = email()
    assert data["format"] == "email" and data["subject"] == "Thanks"
    html, text = data["html"], data["text"]
    assert "<table" in html and 'name="color-scheme"' in html
    assert "Frisch geröstet" in html and "Frisch geröstet" in text
    assert "Bestellung 1001" in html and "Bestellung 1001" in text
    # The customer's name is text, never markup, in both parts.
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html
    assert 'Danke, <img src=x onerror="alert(1)">Anna!' in text
    assert "<script" not in html.lower() and "<form" not in html.lower()
    assert "<input" not in html.lower() and "<button" not in html.lower()
    assert len(html.encode()) < 100 * 1024


def test_styles_are_inline_and_images_absolute_with_sizes(email):
    html = email()["html"]
    assert 'class="ty-mail__column"' in html and "style=" in html
    images = re.findall(r"<img [^>]*>", html)
    assert images
    for tag in images:
        assert re.search(r'src="https?://', tag) and 'alt="' in tag
        assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
        assert int(re.search(r'width="(\d+)"', tag).group(1)) <= 560
    assert "srcset" not in html and "<picture" not in html


def test_the_quiz_becomes_a_button_to_the_hosted_page_and_foreign_links_go_there(email):
    data = email()
    hosted = data["hosted_url"]
    links = re.findall(r'href="([^"]+)"', data["html"])
    assert "https://acme.example/blog" in links
    assert "https://elsewhere.example/" not in links
    assert set(links) == {"https://acme.example/blog", hosted}
    assert "Answer on our page" not in data["html"]  # German order: translated
    assert "Auf unserer Seite antworten" in data["html"]
    assert f"Auf unserer Seite antworten <{hosted}>" in data["text"]


def test_the_link_carries_no_personal_data_and_one_order_keeps_one_page(email):
    first = email()["hosted_url"]
    again = email()["hosted_url"]
    assert first == again and HostedOrder.objects.count() == 1
    for secret in ("anna", "A-1001", "1001", "example.com"):
        assert secret.lower() not in first.lower()


def test_the_hosted_page_shows_the_order_through_the_embed_without_cookies(email):
    url = urlsplit(email()["hosted_url"]).path
    response = Client().get(url)
    assert response.status_code == 200
    assert not response.cookies
    html = response.content.decode()
    assert 'src="/embed/v1.js"' in html and "data-token=" in html
    assert "<style" not in html and "style=" not in html
    assert re.search(r"<script>|<script [^>]*>[^<]", html) is None  # no inline script
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_tampered_link_gets_a_friendly_page(email):
    url = urlsplit(email()["hosted_url"]).path
    tampered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]
    for broken in (tampered, "/o/nothing/", "/o/x:y/"):
        response = Client().get(broken)
        assert response.status_code == 404
        assert "This link no longer works" in response.content.decode()


def test_an_expired_link_gets_a_friendly_page(email):
    url = urlsplit(email()["hosted_url"]).path
    HostedOrder.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().get(url, headers={"accept-language": "de"})
    assert response.status_code == 410
    assert "Dieser Link funktioniert nicht mehr" in response.content.decode()


def test_claims_the_contract_now_refuses_get_a_friendly_page(email):
    url = urlsplit(email()["hosted_url"]).path
    HostedOrder.objects.update(claims={"iss": "acme", "aud": "thankyou", "order": {}})
    assert Client().get(url).status_code == 410


def test_an_unknown_format_is_refused_naming_the_field(api, shop, page, token_for):
    response = api.render({"token": token_for(shop), "format": "pdf"})
    assert response.status_code == 400
    assert "format" in response.json()["fields"]


def test_the_html_format_stays_as_it_was(api, shop, page, token_for):
    data = api.render({"token": token_for(shop)}).json()
    assert "hosted_url" not in data and "css" in data
    assert not HostedOrder.objects.exists()


def test_erasing_the_customer_forgets_the_hosted_page(email):
    from thankyou.blocks.privacy import erase_customer

    url = urlsplit(email()["hosted_url"]).path
    assert erase_customer("Anna@Example.com")["hosted pages"] == 1
    assert Client().get(url).status_code == 410


def test_the_editor_previews_the_email_of_each_sample_customer(shop, make_page, image):
    from tests.conftest import login

    page = make_page(shop, body=body_with_quiz(image))
    modes = dict(page.preview_modes)
    assert modes["email-guest"] == f"E-mail: {modes['guest']}"
    editor = login(shop.editors)
    response = editor.get(f"/cms/pages/{page.pk}/view_draft/", {"mode": "email-guest"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<iframe" in html and "sandbox" in html and "srcdoc=" in html
    assert "Auf unserer Seite antworten" in html  # the quiz's button, inside the e-mail
    assert "Experience check" in html  # the report above it, as for the page
    assert 'class="preview-host"' not in html
    assert not HostedOrder.objects.exists()  # no link for a sample customer


def test_the_text_part_reads_as_the_page_shows_it():
    from thankyou.render.email import plain_text

    html = (
        "<h2>Hallo</h2><ul><li>\n  <span>Geröstet</span>\n  <span>Montag</span>\n</li></ul>"
        '<p>Mehr im <a href="https://shop.example/blog">Blog</a>.</p>'
    )
    assert plain_text(html) == (
        "Hallo\n\n- Geröstet Montag\n\nMehr im Blog <https://shop.example/blog>.\n"
    )


def test_images_are_as_wide_as_the_page_shows_them_and_never_without_a_size(shop):
    from thankyou.render.email import clean

    html = clean(
        '<picture><source srcset="https://cdn.example/a.webp 96w">'
        '<img src="https://cdn.example/a.jpg" sizes="96px" width="192" height="128" alt="">'
        '</picture><img src="https://cdn.example/b.jpg" alt="no size">'
        '<img src="/relative.jpg" width="10" height="10" alt="">'
        '<img src="https://cdn.example/c.jpg" width="1200" height="600" alt="Wide">',
        shop,
        "https://ty.example/o/x/",
    )
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 2 and "<source" not in html and "<picture" not in html
    assert 'width="96" height="64" alt=""' in images[0]
    assert 'width="560" height="280" alt="Wide"' in images[1]


def test_the_claims_are_kept_no_longer_than_the_shop_keeps_personal_data(email, shop):
    from thankyou.blocks.privacy import purge

    shop.retention_days = 5
    shop.save()
    email()
    hosted = HostedOrder.objects.get()
    assert hosted.expires_at <= timezone.now() + timedelta(days=5)
    assert purge()["hosted pages"] == 0
    assert purge(now=hosted.expires_at)["hosted pages"] == 1
