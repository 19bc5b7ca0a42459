"""
The editor previews a page as a guest first-time buyer, a returning customer,
a VIP and the shop's own sample customers, and says which segments matched
and which blocks are hidden and why.
"""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import login
from thankyou.core.context import read_unverified
from thankyou.targeting.models import SampleCustomer, Segment

pytestmark = pytest.mark.django_db

VIP = [("customer_score", {"minimum": 80, "maximum": None})]
GUESTS = [("customer_type", {"customer": "guest"})]
ITEM = ("item", {"sku": "T-1", "name": "Tea", "category": "tea", "quantity": 1, "price": "5.00"})


@pytest.fixture
def editor(shop):
    user = get_user_model().objects.create_user("ed", password="pw-12345-long")
    user.groups.add(shop.editors)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def targeted_page(shop, make_page):
    vip = Segment.objects.create(shop=shop, name="VIP", conditions=VIP)
    guests = Segment.objects.create(shop=shop, name="Guests", conditions=GUESTS)
    return make_page(
        shop,
        body=[
            ("heading", {"text": "Thanks, {first_name}!", "subtitle": ""}),
            ("heading", {"text": "A gift for you", "subtitle": "", "target_segments": [vip]}),
            ("heading", {"text": "Create an account", "subtitle": "", "target_segments": [guests]}),
        ],
    )


def preview(client, page, mode):
    """The editor's preview of the page as saved, in one mode."""
    response = client.get(f"/cms/pages/{page.pk}/view_draft/", {"mode": mode})
    assert response.status_code == 200
    return response.content.decode()


def test_the_built_in_personas_see_their_blocks_and_why_others_are_hidden(editor, targeted_page):
    guest = preview(editor, targeted_page, "guest")
    assert "Previewing as: Guest, first order" in guest
    assert "Thanks, Lena!" in guest and "Create an account" in guest
    assert "A gift for you" in guest, "named in the list of blocks"
    assert "Only for VIP; this customer is in none of them." in guest
    assert '<span class="preview-tag">Guests</span>' in guest

    vip = preview(editor, targeted_page, "vip")
    assert "Thanks, Sophie!" in vip
    assert '<span class="preview-tag">VIP</span>' in vip
    assert "Only for Guests; this customer is in none of them." in vip
    assert "customer score 100" in vip


def test_the_shops_sample_customers_are_preview_modes(shop, editor, targeted_page, make_shop):
    sample = SampleCustomer.objects.create(
        shop=shop, name="Tea lover", first_name="", is_guest=True, items=[ITEM]
    )
    other = make_shop("other")
    SampleCustomer.objects.create(shop=other, name="Someone else's", items=[ITEM])

    modes = dict(targeted_page.preview_modes)
    assert modes[sample.preview_mode] == "Tea lover"
    assert "Someone else's" not in modes.values()

    html = preview(editor, targeted_page, sample.preview_mode)
    assert "Previewing as: Tea lover" in html
    assert "Thanks!" in html, "no first name: the placeholder disappears tidily"
    assert "Create an account" in html


def test_the_preview_says_which_page_the_live_site_shows(shop, editor, targeted_page, make_page):
    vip = Segment.objects.get(name="VIP")
    vip_page = make_page(shop, title="VIP page", segment=vip)
    assert "The live site shows this customer another page: “VIP page” (priority 50)." in (
        preview(editor, targeted_page, "vip")
    )
    guest = preview(editor, vip_page, "guest")
    assert "For VIP: this customer is not in it." in guest
    assert "The live site shows this customer another page: “Thanks” (priority 50)." in guest


def test_a_second_page_for_everyone_is_told_that_another_one_is_shown(
    shop, editor, targeted_page, make_page
):
    second = make_page(shop, title="Thanks", priority=10)
    html = preview(editor, second, "guest")
    assert "The live site shows this customer another page: “Thanks” (priority 50)." in html


def test_an_editor_cannot_preview_as_another_shops_sample_customer(
    shop, editor, targeted_page, make_shop
):
    theirs = SampleCustomer.objects.create(
        shop=make_shop("other"), name="Secret tester", first_name="Mallory", items=[ITEM]
    )
    html = preview(editor, targeted_page, theirs.preview_mode)
    assert "Mallory" not in html and "Secret tester" not in html
    assert "Previewing as: Guest, first order" in html, "the default persona instead"


def test_the_token_check_explains_a_real_order_the_same_way(shop, editor, targeted_page, token_for):
    """A shop developer pastes the token of an order and sees what it gets and why."""
    guest = {"first_name": "Gus", "is_guest": True, "orders_count": 1, "total_spent": "20"}
    token = token_for(shop, customer=guest)
    html = editor.post("/cms/thankyou/token/", {"token": token}).content.decode()
    assert "The token verifies." in html
    assert "Guests" in html  # the segment the order is in
    assert "Only for VIP; this customer is in none of them." in html
    assert "<q>Create an account</q>" in html
    expires = read_unverified(token)[1]["exp"]
    assert str(expires) not in html, "the expiry is a date, not a Unix time"
    assert f"{datetime.fromtimestamp(expires, UTC):%Y}" in html


def test_the_preview_speaks_the_editor_s_language_and_may_be_framed_by_the_editor(
    shop, targeted_page
):
    client = login(shop.editors, username="redakteurin", language="de")
    response = client.get(f"/cms/pages/{targeted_page.pk}/view_draft/", {"mode": "guest"})
    html = response.content.decode()
    assert "Vorschau als: " in html and "Previewing as" not in html
    assert "Thanks, Lena!" in html, "the page itself stays in its own language"
    assert "frame-ancestors" not in response.headers.get("Content-Security-Policy", "")


def test_blocks_of_an_english_page_are_named_in_the_german_editor_s_language(
    shop, make_page, api, token_for
):
    page = make_page(shop, body=[("heading", {"text": "Thank you", "subtitle": ""})], language="en")
    api.render({"token": token_for(shop, locale="en-GB")})  # rendered, and cached, in English
    client = login(shop.editors, username="redakteurin", language="de")
    html = preview(client, page, "guest")
    assert "<strong>Überschrift</strong>" in html and "<strong>Heading</strong>" not in html
    token_check = client.post("/cms/thankyou/token/", {"token": token_for(shop, locale="en-GB")})
    assert "<strong>Überschrift</strong>" in token_check.content.decode()


def test_segments_are_named_in_each_editor_s_language_however_the_page_was_cached(
    shop, targeted_page
):
    Segment.objects.filter(name="VIP").update(name="Stammkundschaft", name_en="Regulars")
    german = login(shop.editors, username="redakteurin", language="de")
    english = login(shop.editors, username="editor", language="en")
    assert "Nur für Stammkundschaft;" in preview(german, targeted_page, "guest")
    html = preview(english, targeted_page, "guest")
    assert "Only for Regulars; this customer is in none of them." in html
    assert "Stammkundschaft" not in html
    assert '<span class="preview-tag">Regulars</span>' in preview(english, targeted_page, "vip")


def test_a_sample_customer_is_named_in_the_editor_s_language_in_the_experience_check(
    shop, targeted_page
):
    SampleCustomer.objects.create(
        shop=shop, name="Teetrinkerin", name_en="Tea lover", is_guest=True, items=[ITEM]
    )
    english = login(shop.editors, username="editor", language="en")
    html = english.get(f"/cms/pages/{targeted_page.pk}/edit/").content.decode()
    assert "<strong>Tea lover</strong>" in html and "Teetrinkerin" not in html
    german = login(shop.editors, username="redakteurin", language="de")
    html = german.get(f"/cms/pages/{targeted_page.pk}/edit/").content.decode()
    assert "<strong>Teetrinkerin</strong>" in html
