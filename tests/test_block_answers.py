"""
A designer's block asks the customer something (here: a star rating) and
gets answers, webhooks, exports and erasure without any code in the core.
"""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import timezone
from django.utils.html import format_html
from rest_framework import serializers
from wagtail import blocks, hooks

from tests.conftest import login
from thankyou.blocks import privacy
from thankyou.blocks.fields import BlocksField
from thankyou.blocks.interactive import InteractiveBlock
from thankyou.blocks.models import BlockAnswer, Interaction
from thankyou.blocks.registry import HOOK_NAME
from thankyou.webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


class RatingAnswer(serializers.Serializer):
    stars = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=200, required=False, default="")


class RatingBlock(InteractiveBlock):
    """What a designer's app would register: no model, endpoint or core change."""

    question = blocks.CharBlock()
    thanks = blocks.CharBlock()
    answer_serializer = RatingAnswer

    class Meta:
        action = "rating"
        label = "Rating"

    def action_spec(self, value):
        return {"thanks": value["thanks"]}

    def answer_result(self, spec, answer):
        return {"stars": answer["stars"], "thanks": spec["thanks"]}

    def render_basic(self, value, context=None):
        done = self.get_context(value, context)["done"]
        if done:
            return format_html("<p>{} ({}/5)</p>", done["thanks"], done["stars"])
        return format_html(
            '<form method="dialog" data-action="rating" data-ask><label>{}'
            '<input name="stars" type="number" min="1" max="5" required></label>'
            '<button class="ty-button">Senden</button></form>'
            '<p data-show="done" tabindex="-1" hidden><span data-slot="thanks"></span>'
            ' (<span data-slot="stars"></span>/5)</p>'
            '<p data-show="error" tabindex="-1" hidden>Das hat nicht geklappt.</p>',
            value["question"],
        )


RATING = {"question": "Wie zufrieden bist du?", "thanks": "Danke für deine Sterne!"}


@pytest.fixture
def rating():
    """Register the block as a designer's app does (its wagtail_hooks.py)."""
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, BlocksField)
    ]

    def forget_block_types():
        for field in fields:
            field.__dict__.pop("stream_block", None)

    with hooks.register_temporarily(HOOK_NAME, lambda: [("rating", RatingBlock())]):
        forget_block_types()
        yield
    forget_block_types()


@pytest.fixture
def shown(rating, shop, make_page, api, token_for):
    """The rating shown to an order: (action token, block id)."""
    make_page(shop, body=[("rating", RATING)])
    body = api.render({"token": token_for(shop)}).json()
    block = next(b for b in body["blocks"] if b["type"] == "rating")
    return body["action_token"], block["id"]


def test_an_answer_is_stored_once_and_shown_again_after_a_reload(shown, act, api, shop, token_for):
    token, block = shown
    response = act("rating", token, block, stars=4, comment="Schnell geliefert")
    assert response.status_code == 201, response.content
    assert response.json() == {"stars": 4, "thanks": "Danke für deine Sterne!"}

    replay = act("rating", token, block, stars=1)
    assert replay.status_code == 200
    assert replay.json()["stars"] == 4, "the first answer stays"
    stored = BlockAnswer.objects.get()
    assert stored.answer == {"stars": 4, "comment": "Schnell geliefert"}
    assert (stored.kind, stored.block_id, stored.order_id) == ("rating", block, "A-1001")

    html = api.render({"token": token_for(shop)}).json()["html"]
    assert "Danke für deine Sterne! (4/5)" in html
    assert "<form" not in html


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"stars": 9}, "stars"), ({}, "stars"), ({"stars": 3, "comment": "x" * 201}, "comment")],
)
def test_a_bad_answer_is_refused_naming_the_field(shown, act, fields, field):
    token, block = shown
    response = act("rating", token, block, **fields)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Interaction.objects.exists()


def test_an_action_no_block_takes_is_not_found(shown, act):
    token, block = shown
    for action in ("stars", "rating-x"):
        response = act(action, token, block, stars=3)
        assert response.status_code == 404
        assert response.json()["field"] == "action"


def test_a_block_answers_only_its_own_kind(rating, shop, make_page, api, token_for, act):
    make_page(shop, body=[("heading", {"text": "Danke"}), ("rating", RATING)])
    body = api.render({"token": token_for(shop)}).json()
    heading, rating = (b["id"] for b in body["blocks"])
    for kind, block in (("rating", heading), ("survey", rating)):
        response = act(kind, body["action_token"], block, stars=5, option="friends")
        assert response.status_code == 400
        assert response.json()["code"] == "wrong_block"


def test_a_designer_s_bug_is_a_json_500_and_stores_nothing(shown, act, monkeypatch, caplog):
    def broken(self, spec, answer):
        raise KeyError("stras")

    monkeypatch.setattr(RatingBlock, "answer_result", broken)
    token, block = shown
    response = act("rating", token, block, stars=4)
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert not Interaction.objects.exists()
    assert "KeyError: 'stras'" in caplog.text, "logged for whoever runs the server"


def test_webhooks_offer_and_deliver_the_block_s_answers(shown, act, shop):
    subscription = WebhookSubscription.objects.create(
        shop=shop, url="https://hooks.example/ty", events=["rating.answered"]
    )
    assert "Answer: Rating" in subscription.event_names()
    token, block = shown
    act("rating", token, block, stars=5)
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "rating.answered"
    assert delivery.payload["data"] == {"stars": 5, "comment": ""}
    assert delivery.payload["block"] == block


def test_editors_see_and_export_their_shop_s_answers_only(
    shown, act, shop, make_shop, make_page, api, token_for
):
    token, block = shown
    act("rating", token, block, stars=2, comment="Karton war nass")
    other = make_shop("beta", name="Beta")
    make_page(other, body=[("rating", RATING)])
    theirs = api.render({"token": token_for(other)}).json()
    act("rating", theirs["action_token"], theirs["blocks"][0]["id"], stars=5, comment="Geheim")

    editor = login(shop.editors)
    page = editor.get("/cms/block_answers/").content.decode()
    assert "Karton war nass" in page and "Geheim" not in page
    assert "<td>Rating</td>" in page.replace("\n", "").replace(" ", ""), "named as editors know it"
    export = editor.get("/cms/block_answers/", {"export": "csv"})
    rows = b"".join(export.streaming_content).decode()
    assert '{""comment"": ""Karton war nass"", ""stars"": 2}' in rows
    assert "Geheim" not in rows


def test_retention_empties_old_answers_and_erasure_deletes_them(shown, act, shop):
    token, block = shown
    act("rating", token, block, stars=3, comment="Ruf mich an: 0176 123")
    later = timezone.now() + timedelta(days=shop.retention_days + 1)
    assert privacy.purge(later)["block answers"] == 1
    stored = BlockAnswer.objects.get()
    assert stored.answer == {} and stored.result == {}
    assert "0176" not in json.dumps(list(Interaction.objects.values()), default=str)

    privacy.erase_customer(shop=shop, orders=["A-1001"])
    assert not BlockAnswer.objects.exists()


def test_a_block_with_its_own_action_must_say_what_its_answer_holds():
    class Careless(InteractiveBlock):
        class Meta:
            action = "stars"

    class Impostor(RatingBlock):
        class Meta:
            action = "survey"  # the core's survey endpoint would not know its answers

    for block_class in (Careless, Impostor):
        with pytest.raises(ImproperlyConfigured, match="answer_serializer"):
            block_class()


def test_two_block_types_taking_answers_under_one_action_fail_the_system_check(rating):
    class StarsBlock(RatingBlock):
        class Meta:
            action = "rating"  # its answers would be listed and sent as the rating's

    call_command("check")  # one block type per action passes
    with (
        hooks.register_temporarily(HOOK_NAME, lambda: [("stars", StarsBlock())]),
        pytest.raises(SystemCheckError, match="RatingBlock, StarsBlock share the action"),
    ):
        call_command("check")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_embed_script_sends_the_answer_and_shows_the_result(
    rating, server, browser, make_shop, make_page, token_for
):
    shop = make_shop("stars", allowed_origins="https://shop.example")
    make_page(shop, body=[("rating", RATING)])
    html = (
        "<!doctype html><title>Shop</title><h1>Danke</h1>"
        f"<script async src='{server}/embed/v1.js' data-token='{token_for(shop)}'></script>"
    )
    page = browser.new_page()
    page.route(
        "https://shop.example/ok", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto("https://shop.example/ok")
    section = page.locator("section[data-type=rating]")
    section.get_by_label("Wie zufrieden bist du?").fill("4")
    section.get_by_role("button", name="Senden").click()
    section.get_by_text("Danke für deine Sterne! (4/5)").wait_for()  # a number fills a slot too
    assert BlockAnswer.objects.get().answer == {"stars": 4, "comment": ""}
    assert section.locator("form").count() == 0

    page.reload()
    page.locator("section[data-type=rating]").get_by_text("(4/5)").wait_for()
