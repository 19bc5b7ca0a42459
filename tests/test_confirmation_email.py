"""
The confirmation e-mail end to end: sent through Django's SMTP backend to a
real SMTP server on loopback, read back as MIME, and its hosted-page link
opened in Chromium, where the customer answers the quiz.
"""

import email
import json
import re
import socket
from email import policy
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from tests.conftest import login, make_claims
from thankyou.blocks.models import Interaction, QuizAnswer
from thankyou.blocks.quiz import QuizBlock
from thankyou.core.models import origin_of
from thankyou.pages import hosted
from thankyou.webhooks import outbox
from thankyou.webhooks.models import WebhookSubscription

EVIL_NAME = "<script>alert(1)</script>Anna & Co"
HOSTED_LINK = re.compile(r"/o/([^/]+)/\Z")


class Inbox:
    """An SMTP server's handler keeping what it is sent."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, and Django's SMTP backend sending to it."""
    with socket.socket() as probe:  # a free port: aiosmtpd checks its own by connecting
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False},
        }
    }
    yield inbox
    controller.stop()


def shop_page(make_shop, make_page, image):
    shop = make_shop("demo", name="Bohnen & Co", allowed_origins="https://shop.example")
    make_page(
        shop,
        body=[
            ("heading", {"text": "Danke, {first_name}!", "subtitle": "Bestellung {order_number}"}),
            ("image", {"image": image, "alt": "Frische Bohnen", "caption": "Frisch geröstet"}),
            (
                "text",
                {
                    "text": '<p>Neu im <a href="https://shop.example/blog">Blog</a>, '
                    'bei <a href="https://video.example/bohnen">Video</a>.</p>'
                },
            ),
            ("quiz", QuizBlock().get_preview_value()),
        ],
    )
    return shop


def send_confirmation(api, token_for, shop, smtp_server):
    """Render the order's e-mail and send it as a shop would; return the MIME message received."""
    inbox = smtp_server
    claims = make_claims(shop)
    claims["customer"]["first_name"] = EVIL_NAME
    response = api.render({"token": token_for(shop, **claims), "format": "email"})
    assert response.status_code == 200, response.content
    data = response.json()
    message = EmailMultiAlternatives(
        data["subject"], data["text"], "shop@shop.example", [claims["customer"]["email"]]
    )
    message.attach_alternative(data["html"], "text/html")
    assert message.send() == 1
    (envelope,) = inbox.received
    assert envelope.rcpt_tos == ["anna@example.com"]
    return envelope.original_content


def parts_of(raw):
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    return parsed.get_body(("html",)).get_content(), parsed.get_body(("plain",)).get_content()


def links_in(html, text):
    return re.findall(r'href="([^"]+)"', html) + re.findall(r"<(https?://[^>\s]+)>", text)


def is_hosted_link(url):
    """A link to a hosted page of ours whose signature holds."""
    parts = urlsplit(url)
    found = HOSTED_LINK.match(parts.path)
    if f"{parts.scheme}://{parts.netloc}" != settings.PUBLIC_URL or not found:
        return False
    try:
        hosted.read(found.group(1))
    except hosted.Gone:
        return False
    return True


@pytest.mark.django_db
def test_the_email_arrives_over_smtp_safe_and_small(
    api, make_shop, make_page, token_for, image, smtp_server
):
    shop = shop_page(make_shop, make_page, image)
    raw = send_confirmation(api, token_for, shop, smtp_server)
    html, text = parts_of(raw)

    assert len(html.encode()) < 100 * 1024 and len(raw) < 100 * 1024
    assert "Frisch geröstet" in html and "Frisch geröstet" in text
    # The customer's name is text in both parts.
    assert "<script" not in html.lower()
    assert "Danke, &lt;script&gt;alert(1)&lt;/script&gt;Anna &amp; Co!" in html
    assert f"Danke, {EVIL_NAME}!" in text
    assert "<form" not in html and "<input" not in html and "@font-face" not in html

    images = re.findall(r"<img\b[^>]*>", html)
    assert images
    for tag in images:
        src = re.search(r'src="([^"]+)"', tag).group(1)
        assert urlsplit(src).scheme in ("http", "https") and urlsplit(src).netloc
        assert re.search(r'\bwidth="\d+"', tag) and re.search(r'\bheight="\d+"', tag)
        assert re.search(r'\balt="Frische Bohnen"', tag)

    links = links_in(html, text)
    assert "https://shop.example/blog" in links
    assert any(is_hosted_link(link) for link in links)
    for link in links:
        parts = urlsplit(link)
        assert origin_of(f"{parts.scheme}://{parts.netloc}") in shop.origins or is_hosted_link(link)


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.errors.append(message.text)
        ),
    )
    yield page
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_quiz_answered_on_the_hosted_page_from_the_email_arrives_once(
    server, api, make_shop, make_page, token_for, image, smtp_server, tab, tmp_path
):
    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOKS_ALLOW_LOOPBACK": True}
    settings.DEMO_WEBHOOK_LOG = tmp_path / "webhooks.jsonl"
    shop = shop_page(make_shop, make_page, image)
    WebhookSubscription.objects.create(
        shop=shop, url=f"{server}/demo/webhook-receiver/", events=["quiz.answered"]
    )
    html, _text = parts_of(send_confirmation(api, token_for, shop, smtp_server))
    button = re.search(r'<a class="ty-mail__button" href="([^"]+)"', html).group(1)
    assert is_hosted_link(button)

    tab.goto(button)
    quiz = tab.locator("section[data-type=quiz]")
    quiz.wait_for()
    assert tab.locator("h2").first.inner_text() == "Danke, <script>alert(1)</script>Anna & Co!"
    for question in range(quiz.locator("fieldset").count()):
        quiz.locator("fieldset").nth(question).get_by_role("radio").first.check()
    quiz.locator("button[type=submit]").click()
    result = quiz.locator("[data-show=done]")
    result.wait_for()
    outcome = result.locator("[data-slot=title]").inner_text()
    assert outcome

    # A second visit from the same e-mail shows the answer; it asks nothing again.
    tab.reload()
    tab.locator("section[data-type=quiz] [data-show=done]").wait_for()
    assert tab.locator("section[data-type=quiz] form").count() == 0
    assert tab.errors == []

    answer = QuizAnswer.objects.get()
    assert (answer.order_id, Interaction.objects.count()) == ("A-1001", 1)
    quizzes = login(shop.editors).get("/cms/quiz_answers/").content.decode()
    rows = re.findall(r"<tr\b.*?</tr>", quizzes, re.DOTALL)
    assert len([row for row in rows if "A-1001" in row]) == 1  # listed once

    assert outbox.drive() == 1
    with open(settings.DEMO_WEBHOOK_LOG, encoding="utf-8") as fh:
        received = [json.loads(line) for line in fh]
    assert [entry["event"] for entry in received] == ["quiz.answered"]
    assert received[0]["signature_valid"]
    assert received[0]["payload"]["order"]["id"] == "A-1001"
