"""
Personal blocks rendered once for many orders: every order still sees exactly
what rendering its blocks alone gives, its own name and number in their place.
"""

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from tests.conftest import make_claims, registered_block
from tests.test_block_next_steps import STEPS
from thankyou.blocks import ThankYouBlock
from thankyou.core.context import verify_order_token
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.pages import routing
from thankyou.pages.models import ThankYouPage
from thankyou.render import pipeline, stand_ins
from thankyou.targeting.personas import PERSONAS, persona_claims

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
# Download and account links are signed with the time they were made.
SIGNED_LINK = re.compile(r"/d/[^/\"]+/|(?<=expires=)\d+|(?<=signature=)[0-9a-f]+")
ORDERS = [
    # persona, first name, order number, ordered at (Berlin)
    ("vip", "Anna", "1001", datetime(2026, 11, 23, 9, 0)),
    ("vip", "Jörg", "1002", datetime(2026, 11, 23, 9, 30)),  # same day: shares the rendering
    ("vip", "<b>Jo</b> & 'Co'", "1003", datetime(2026, 11, 27, 16, 0)),  # Friday after cut-off
    ("vip", "", "1004", datetime(2026, 11, 23, 9, 0)),  # no name: the greeting closes up
    # Filled into the shared page's JSON text: quotes, backslash, U+2028, a closing tag.
    ("vip", 'Zoë "Z" \\ \u2028</script>', "1006", datetime(2026, 11, 23, 9, 10)),
    ("vip", "Mia", "A/7&x=1", datetime(2026, 11, 23, 9, 0)),  # rendered on its own
    ("returning", "Lukas", "2001", datetime(2026, 11, 24, 11, 0)),
    ("guest", "Sam", "3001", datetime(2026, 11, 25, 10, 0)),
    ("guest", "Kim", "3002", datetime(2026, 11, 25, 10, 5)),
]


@pytest.fixture
def demo_shop():
    call_command("seed_demo", stdout=io.StringIO())
    return Shop.objects.get(key="demo")


def token(shop, persona, first_name, number, ordered_at, locale="de-DE"):
    now = ordered_at.replace(tzinfo=BERLIN)
    claims = persona_claims(PERSONAS[persona], shop, locale, now=now, order_number=number)
    claims["customer"]["first_name"] = first_name
    return sign_claims(shop, claims)


def alone(token_text, body):
    """Each personal block of the response rendered on its own for the order."""
    context = verify_order_token(token_text)
    page = ThankYouPage.objects.get(pk=body["page"]["id"])
    own = pipeline.order_block_context(context, page, body["locale"], {})
    children = {child.id: child for child in page.body}
    with translation.override(body["locale"]):
        return {
            block["id"]: pipeline.render_block(
                children[block["id"]], {**own, "block_id": block["id"]}
            )
            for block in body["blocks"]
        }


def unsigned(content):
    return SIGNED_LINK.sub("…", str(content))


@pytest.mark.parametrize("locale", ["de-DE", "en-GB"])
def test_every_order_sees_what_its_blocks_alone_give(demo_shop, api, locale):
    for persona, first_name, number, ordered_at in ORDERS:
        text = token(demo_shop, persona, first_name, number, ordered_at, locale)
        body = api.render({"token": text}).json()
        by_id = {block["id"]: block for block in body["blocks"]}
        for block_id, (html, value) in alone(text, body).items():
            assert unsigned(html) in unsigned(body["html"]), (persona, first_name, block_id)
            assert unsigned(by_id[block_id]["value"]) == unsigned(value), (persona, block_id)


def test_names_and_numbers_are_escaped_where_they_are_filled_in(shop, make_page, token_for, api):
    make_page(
        shop,
        body=[
            ("heading", {"text": "Danke, {first_name}! Bestellung {order_number}", "subtitle": ""}),
            ("next_steps", STEPS),
        ],
    )

    def render(first_name, number):
        customer = {**make_claims(shop)["customer"], "first_name": first_name}
        order = {**make_claims(shop)["order"], "number": number}
        return api.render({"token": token_for(shop, customer=customer, order=order)}).json()

    render("Anna", "NR-1001")
    body = render("<img src=x onerror=alert(1)>", "1005")
    assert "<img src=x" not in body["html"]
    assert "Danke, &lt;img src=x onerror=alert(1)&gt;! Bestellung 1005" in body["html"]
    assert "Anna" not in body["html"] and "NR-1001" not in body["html"]
    assert "https://shop.example/track?order=1005" in body["html"]
    assert (
        body["blocks"][0]["value"]["text"] == "Danke, <img src=x onerror=alert(1)>! Bestellung 1005"
    )
    assert body["blocks"][1]["value"]["tracking_url"] == "https://shop.example/track?order=1005"
    assert "tystandin" not in str(body)

    body = render("Mia", "A/7&x=1")  # quoted in the link: rendered for this order alone
    assert "https://shop.example/track?order=A%2F7%26x%3D1" in body["html"]
    assert "Bestellung A/7&amp;x=1" in body["html"]


def test_a_shared_rendering_is_reused_for_the_next_order(demo_shop, api, monkeypatch):
    ordered_at = datetime(2026, 11, 23, 9, 0)
    api.render({"token": token(demo_shop, "vip", "Anna", "1001", ordered_at)})
    renders = []
    real = pipeline.render_block
    monkeypatch.setattr(pipeline, "render_block", lambda *a: renders.append(a) or real(*a))
    assembled = []
    real_assemble = pipeline.assemble
    monkeypatch.setattr(pipeline, "assemble", lambda *a: assembled.append(a) or real_assemble(*a))
    body = api.render({"token": token(demo_shop, "vip", "Jörg", "1002", ordered_at)}).json()
    assert "Jörg" in body["html"]
    assert renders == [], "same day, country and language: nothing rendered again"
    assert assembled == [], "the same blocks decided alike: the page is not put together again"


def test_the_response_says_what_the_rendered_page_holds(demo_shop, api, clock):
    # The clock stands still: the account prompt's link carries its expiry time.
    for persona, first_name, number, ordered_at in ORDERS:
        text = token(demo_shop, persona, first_name, number, ordered_at)
        body = api.render({"token": text}).json()
        result = routing.render(verify_order_token(text))
        assert body["html"] == result.html
        assert body["blocks"] == result.blocks
        assert body["calls_to_action"] == result.calls_to_action
        assert body["css"] == result.css and body["scripts"] == result.scripts


def test_a_worker_keeps_at_most_so_many_shared_renderings(demo_shop, api, monkeypatch):
    monkeypatch.setattr(stand_ins, "MAX_KEPT", 3)
    for day in (23, 24, 25, 26, 23):  # a different processing day each, then the first again
        text = token(demo_shop, "vip", "Anna", f"10{day}", datetime(2026, 11, day, 9, 0))
        body = api.render({"token": text}).json()
        assert len(stand_ins._kept) <= 3
        for block_id, (html, _value) in alone(text, body).items():
            assert unsigned(html) in unsigned(body["html"]), (day, block_id)


class InitialBlock(ThankYouBlock):
    """A designer's personal block showing the first name's initial (a filter cuts it)."""

    class Meta:
        personal = True
        template = None

    def render_basic(self, value, context=None):
        return Template("<b>{{ customer.first_name|first|upper }}</b>").render(Context(context))

    def order_key(self, value, context):
        return ""


def test_a_template_filter_that_cuts_the_first_name_does_not_share_the_wrong_one(
    shop, make_page, api, token_for
):
    with registered_block("initial", InitialBlock()):
        make_page(shop, body=[("initial", {})])
        for name in ("anna", "Carla", "bert"):
            claims = make_claims(shop)
            claims["customer"] = {**claims["customer"], "first_name": name}
            claims["order"] = {**claims["order"], "id": name, "number": name}
            html = api.render({"token": token_for(shop, **claims)}).json()["html"]
            assert f"<b>{name[0].upper()}</b>" in html, name
