"""
One call to action at a time: of the blocks that ask something and apply to
the order, the highest priority is shown; when the merchant raises the
page's limit, the next ones wait, hidden, for the client to reveal them.
"""

import re

import pytest

from thankyou.blocks.newsletter_prompt import NewsletterPromptBlock
from thankyou.blocks.quiz import QuizBlock
from thankyou.targeting.models import Segment

pytestmark = pytest.mark.django_db

SUBSCRIBERS = [("newsletter", {"status": "subscribed"})]


def quiz(priority=None, heading="Which coffee are you?"):
    value = {**QuizBlock().get_preview_value(), "heading": heading}
    if priority is not None:
        value["cta_priority"] = priority
    return ("quiz", value)


def newsletter(priority=None, segments=()):
    value = {
        **NewsletterPromptBlock().get_preview_value(),
        "heading": "Join the newsletter",
        "target_segments": list(segments),
    }
    if priority is not None:
        value["cta_priority"] = priority
    return ("newsletter_prompt", value)


def note():
    return ("heading", {"text": "Thank you", "subtitle": ""})


@pytest.fixture
def render(api, token_for, make_page):
    def publish_and_render(shop, body, **fields):
        make_page(shop, body=body, **fields)
        response = api.render({"token": token_for(shop)})
        assert response.status_code == 200
        return response.json()

    return publish_and_render


def ids_of(body, block_type):
    return [block["id"] for block in body["blocks"] if block["type"] == block_type]


def test_only_the_highest_priority_call_to_action_is_shown(shop, render):
    body = render(shop, [note(), quiz(priority=20), newsletter(priority=70)])
    assert "Join the newsletter" in body["html"]
    assert "Which coffee are you?" not in body["html"]
    assert [block["type"] for block in body["blocks"]] == ["heading", "newsletter_prompt"]
    assert body["calls_to_action"] == ids_of(body, "newsletter_prompt")


def test_equal_priorities_go_by_the_order_on_the_page(shop, render):
    body = render(shop, [quiz(heading="First quiz"), quiz(heading="Second quiz")])
    assert "First quiz" in body["html"] and "Second quiz" not in body["html"]


def test_a_call_to_action_that_does_not_apply_gives_way_to_the_next(shop, render):
    """The token's customer is not subscribed: the subscribers' prompt does not apply."""
    subscribers = Segment.objects.create(shop=shop, name="Subscribers", conditions=SUBSCRIBERS)
    body = render(shop, [quiz(priority=10), newsletter(priority=90, segments=[subscribers])])
    assert "Which coffee are you?" in body["html"]
    assert "Join the newsletter" not in body["html"]


def test_a_raised_limit_lets_the_next_ones_wait_hidden_in_order(shop, render):
    body = render(
        shop,
        [quiz(priority=10, heading="Last"), newsletter(priority=90), quiz(priority=50)],
        cta_limit=2,
    )
    newsletter_id = ids_of(body, "newsletter_prompt")[0]
    [waiting] = [block for block in body["blocks"] if block["hidden"]]
    assert waiting["type"] == "quiz"
    assert body["calls_to_action"] == [newsletter_id, waiting["id"]]
    assert "Last" not in body["html"], "beyond the limit: not on the page at all"
    section = re.search(rf'<section[^>]*data-block="{waiting["id"]}"[^>]*>', body["html"])[0]
    assert " hidden" in section and 'data-cta-waiting="2"' in section
    shown = re.search(rf'<section[^>]*data-block="{newsletter_id}"[^>]*>', body["html"])[0]
    assert "hidden" not in shown


def test_blocks_that_ask_nothing_are_not_limited(shop, render):
    body = render(shop, [note(), note(), quiz()])
    assert [block["type"] for block in body["blocks"]] == ["heading", "heading", "quiz"]
    assert not any(block["hidden"] for block in body["blocks"])


def test_a_completed_call_to_action_shows_its_result_and_the_next_one_asks(
    shop, render, act, api, token_for
):
    body = render(shop, [quiz(priority=90, heading="Which coffee?"), newsletter(priority=50)])
    [quiz_id] = ids_of(body, "quiz")
    assert "Join the newsletter" not in body["html"]
    answered = act("quiz", body["action_token"], quiz_id, answers=[0, 0])
    assert answered.status_code == 201

    body = api.render({"token": token_for(shop)}).json()
    assert "Join the newsletter" in body["html"]
    assert body["calls_to_action"] == ids_of(body, "newsletter_prompt")
    [answered_quiz] = [block for block in body["blocks"] if block["id"] == quiz_id]
    assert answered_quiz["value"]["done"] and not answered_quiz["hidden"]
    assert 'data-action="quiz"' not in body["html"]
