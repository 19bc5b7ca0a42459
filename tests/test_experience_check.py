"""
The experience check warns, for each persona, when a page goes against the
post-purchase principles: more than one call to action, an upsell or
discount, no next steps, nothing personal, too much before the next steps.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import registered_block
from thankyou.blocks import ThankYouBlock
from thankyou.blocks.newsletter_prompt import NewsletterPromptBlock
from thankyou.blocks.next_steps import NextStepsBlock
from thankyou.blocks.quiz import QuizBlock
from thankyou.pages.experience_check import check
from thankyou.pages.routing import audience_for
from thankyou.targeting.models import Segment
from thankyou.targeting.personas import PERSONAS
from thankyou.targeting.sample_customers import persona_context

pytestmark = pytest.mark.django_db


def heading(text):
    return ("heading", {"text": text, "subtitle": ""})


def next_steps():
    return ("next_steps", NextStepsBlock().get_preview_value())


def quiz(heading_text):
    return ("quiz", {**QuizBlock().get_preview_value(), "heading": heading_text})


GOOD = [heading("Danke, {first_name}!"), next_steps()]


def warnings_for(page, persona="guest"):
    page.refresh_from_db()
    context = persona_context(PERSONAS[persona], page.shop, "de")
    return {
        warning.code: warning.message
        for warning in check(page, context, audience_for(context)).warnings
    }


def test_a_good_page_gets_no_warning(shop, make_page):
    assert warnings_for(make_page(shop, body=GOOD)) == {}


def test_more_than_one_call_to_action(shop, make_page):
    page = make_page(shop, body=[*GOOD, quiz("Quiz one"), quiz("Quiz two")], cta_limit=2)
    assert (
        "Asks for 2 things, one after another: Quiz, Quiz" in warnings_for(page)["calls_to_action"]
    )
    page.cta_limit = 1
    page.save_revision().publish()
    assert "calls_to_action" not in warnings_for(page)


def test_an_upsell_or_discount(shop, make_page):
    page = make_page(shop, body=[*GOOD, heading("Jetzt 10 % Rabatt auf die nächste Bestellung")])
    assert "10 % Rabatt" in warnings_for(page)["upsell"]


def test_no_next_steps(shop, make_page):
    page = make_page(shop, body=[heading("Danke, {first_name}!")])
    assert "No next steps" in warnings_for(page)["no_next_steps"]


def test_nothing_personal(shop, make_page):
    page = make_page(shop, body=[heading("Danke!"), next_steps()])
    assert "Nothing here is for this customer" in warnings_for(page)["not_personal"]


class YourItemsBlock(ThankYouBlock):
    """A designer's block listing what the customer bought."""

    class Meta:
        personal = True
        speaks_to_customer = True
        template = None

    def render_basic(self, value, context=None):
        return ", ".join(item.name for item in context["order"].items)


def test_a_designers_block_that_speaks_to_the_customer_is_personal(shop, make_page):
    with registered_block("your_items", YourItemsBlock()):
        page = make_page(shop, body=[heading("Danke!"), ("your_items", {}), next_steps()])
        assert "not_personal" not in warnings_for(page)


def test_a_block_for_the_customers_segment_is_personal(shop, make_page):
    guests = Segment.objects.create(
        shop=shop, name="Guests", conditions=[("customer_type", {"customer": "guest"})]
    )
    body = [
        ("heading", {"text": "Welcome!", "subtitle": "", "target_segments": [guests]}),
        next_steps(),
    ]
    page = make_page(shop, body=body)
    assert "not_personal" not in warnings_for(page, "guest")
    assert "not_personal" in warnings_for(page, "vip")


def test_too_much_before_the_next_steps(shop, make_page):
    page = make_page(
        shop, body=[heading("Danke, {first_name}!"), heading("Two"), heading("Three"), next_steps()]
    )
    assert "3 blocks" in warnings_for(page)["next_steps_late"]


def test_the_editor_shows_the_check_for_each_persona(shop, make_page):
    vip = Segment.objects.create(
        shop=shop, name="VIP", conditions=[("customer_score", {"minimum": 80, "maximum": None})]
    )
    page = make_page(shop, body=[heading("Danke!")], segment=vip)
    editor = get_user_model().objects.create_user("ed", password="pw-12345-long")
    editor.groups.add(shop.editors)
    client = Client()
    client.force_login(editor)
    html = client.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert "Experience check" in html
    assert "Not for this customer: the page is for VIP." in html  # the guest
    assert "No next steps" in html  # for the VIP
    assert html.count("No next steps") == 1, "only the VIP sees this page"


def test_a_block_that_leaves_itself_out_is_not_checked(shop, make_page):
    """The returning customer is subscribed: the newsletter prompt is not for them."""
    prompt = NewsletterPromptBlock().get_preview_value()
    prompt["heading"] = "10 % Rabatt für Abonnenten"
    page = make_page(shop, body=[*GOOD, ("newsletter_prompt", prompt)])
    assert "10 % Rabatt" in warnings_for(page, "guest")["upsell"]
    assert "upsell" not in warnings_for(page, "returning")
