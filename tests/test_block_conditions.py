"""
Any block, ours or a designer's, can be limited to segments: only orders in
one of them see it. Its setting lives in the block's settings area, and
adding block types or settings writes no migration.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail import blocks

from tests.conftest import registered_block
from thankyou.blocks import ThankYouBlock
from thankyou.targeting.models import Segment

pytestmark = pytest.mark.django_db

GUESTS = [("customer_type", {"customer": "guest"})]
RETURNING = [("orders_count", {"minimum": 2, "maximum": None})]
GUEST = {"customer": {"first_name": "Gus", "is_guest": True, "orders_count": 1}}
REGULAR = {"customer": {"id": "c-7", "is_guest": False, "orders_count": 5}}


def heading(text, *segments):
    return ("heading", {"text": text, "subtitle": "", "target_segments": list(segments)})


@pytest.fixture
def segments(shop):
    return {
        "guests": Segment.objects.create(shop=shop, name="Guests", conditions=GUESTS),
        "returning": Segment.objects.create(shop=shop, name="Returning", conditions=RETURNING),
    }


@pytest.fixture
def render_for(api, token_for):
    def render(shop, **claims):
        response = api.render({"token": token_for(shop, **claims)})
        assert response.status_code == 200
        return response.json()

    return render


def test_a_block_for_a_segment_is_shown_only_to_its_members(shop, segments, make_page, render_for):
    make_page(
        shop,
        body=[
            heading("For everyone"),
            heading("Welcome, guest", segments["guests"]),
            heading("Welcome back", segments["returning"]),
        ],
    )
    guest, regular = render_for(shop, **GUEST), render_for(shop, **REGULAR)
    assert "Welcome, guest" in guest["html"] and "Welcome back" not in guest["html"]
    assert "Welcome back" in regular["html"] and "Welcome, guest" not in regular["html"]
    for body in (guest, regular):
        assert "For everyone" in body["html"]
        assert len(body["blocks"]) == 2, "the hidden block is not in the structured data"
        assert "target_segments" not in str(body["blocks"]), "no targeting in the API"


def test_one_of_several_segments_is_enough(shop, segments, make_page, render_for):
    make_page(shop, body=[heading("For guests or regulars", *segments.values())])
    assert "For guests or regulars" in render_for(shop, **GUEST)["html"]
    assert "For guests or regulars" in render_for(shop, **REGULAR)["html"]
    nobody = {"customer": {"id": "c-8", "is_guest": False, "orders_count": 1}}
    assert "For guests or regulars" not in render_for(shop, **nobody)["html"]


def test_a_block_for_a_deleted_segment_is_hidden_from_everyone(
    shop, segments, make_page, render_for
):
    make_page(shop, body=[heading("Visible"), heading("Guests only", segments["guests"])])
    segments["guests"].delete()
    body = render_for(shop, **GUEST)
    assert "Visible" in body["html"]
    assert "Guests only" not in body["html"]


class QuoteBlock(ThankYouBlock):
    """A designer's block, defined outside thankyou/."""

    quote = blocks.CharBlock()

    class Meta:
        template = None

    def render_basic(self, value, context=None):
        return value["quote"]


@pytest.fixture
def designer_block():
    with registered_block("quote", QuoteBlock()):
        yield


def test_a_designers_block_can_be_limited_too(
    shop, segments, make_page, render_for, designer_block
):
    make_page(
        shop,
        body=[("quote", {"quote": "Roasted with love", "target_segments": [segments["guests"]]})],
    )
    assert "Roasted with love" in render_for(shop, **GUEST)["html"]
    assert "Roasted with love" not in render_for(shop, **REGULAR)["html"]


def test_the_setting_is_in_each_blocks_settings_area(shop, page):
    editor = get_user_model().objects.create_user("ed", password="pw-12345-long")
    editor.groups.add(shop.editors)
    client = Client()
    client.force_login(editor)
    html = client.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert '"settings": [["target_segments", "target_segments"]]' in html.replace("&quot;", '"')
    assert "Show only to" in html


def test_saving_a_block_for_another_shops_segment_is_refused(make_shop, make_page):
    alpha, beta = make_shop("alpha"), make_shop("beta")
    theirs = Segment.objects.create(shop=beta, name="Theirs", conditions=GUESTS)
    page = make_page(alpha)
    page.body = [heading("Sneaky", theirs)]
    with pytest.raises(Exception, match="not one of this shop's"):
        page.full_clean()
