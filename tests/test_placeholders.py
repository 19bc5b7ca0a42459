"""
Personal text: {first_name}, {order_number}, {delivery_date} and {shop_name}
in block texts, filled in per order and always escaped; a fallback for a
missing value; unknown placeholders, and placeholders in texts that nothing
fills in, refused when the page is saved.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.html import escape

from tests.conftest import login, page_edit_form
from thankyou.blocks.general import TextBlock
from thankyou.blocks.next_steps import NextStepsBlock
from thankyou.blocks.packing_steps import PackingStepsBlock
from thankyou.blocks.quiz import QuizBlock

pytestmark = pytest.mark.django_db

CUSTOMER = {"id": "c-1", "is_guest": False, "orders_count": 1}
STEPS = NextStepsBlock().get_preview_value()


def heading(text, subtitle=""):
    return ("heading", {"text": text, "subtitle": subtitle})


def test_placeholders_are_filled_in_for_each_order(shop, make_page, api, token_for):
    make_page(
        shop,
        body=[
            heading(
                "Thank you, {first_name}!",
                "Order {order_number} from {shop_name} arrives on {delivery_date}.",
            )
        ],
        language="en",
    )
    # Ordered on Wednesday 25 November before the 14:00 cut-off, two business days to deliver.
    body = api.render(
        {"token": token_for(shop, locale="en-GB", customer={**CUSTOMER, "first_name": "Anna"})}
    ).json()
    assert "Thank you, Anna!" in body["html"]
    assert "Order 1001 from Acme arrives on Fri 27 Nov" in body["html"]
    assert body["blocks"][0]["value"]["text"] == "Thank you, Anna!"

    other = api.render(
        {"token": token_for(shop, locale="en-GB", customer={**CUSTOMER, "first_name": "Ben"})}
    ).json()
    assert "Thank you, Ben!" in other["html"] and "Anna" not in json.dumps(other)


def test_a_first_name_with_markup_renders_as_text(shop, make_page, api, token_for):
    make_page(shop, body=[heading("Danke, {first_name}!")])
    name = '<script>alert("x")</script>'
    body = api.render({"token": token_for(shop, customer={**CUSTOMER, "first_name": name})}).json()
    assert "<script>" not in body["html"]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body["html"]
    assert body["blocks"][0]["value"]["text"] == f"Danke, {name}!", "JSON carries plain text"


def test_a_missing_value_uses_the_fallback_or_disappears_tidily(shop, make_page, api, token_for):
    make_page(shop, body=[heading("Hallo {first_name|du},"), heading("Danke, {first_name}!")])
    body = api.render({"token": token_for(shop, customer=CUSTOMER)}).json()
    assert [block["value"]["text"] for block in body["blocks"]] == ["Hallo du,", "Danke!"]


def test_the_same_text_without_placeholders_is_shared_by_every_order(
    shop, make_page, api, token_for
):
    make_page(shop, body=[heading("Thank you!")])
    first = api.render({"token": token_for(shop)}).json()
    second = api.render({"token": token_for(shop, customer={**CUSTOMER, "first_name": "Zoe"})})
    assert first["html"] == second.json()["html"]


@pytest.fixture
def editor_client(shop):
    editor = get_user_model().objects.create_user("ed", password="pw-12345-long")
    editor.groups.add(shop.editors)
    client = Client()
    client.force_login(editor)
    return client


def edit_form(text):
    return page_edit_form(
        [("heading", {"text": text, "subtitle": "", "target_segments": {"count": 0}})]
    )


def test_unknown_placeholders_are_refused_on_save(editor_client, page):
    response = editor_client.post(
        f"/cms/pages/{page.pk}/edit/", edit_form("Hi {firstname}, thanks for {order}")
    )
    assert response.status_code == 200, "the form is shown again"
    html = response.content.decode()
    assert "Unknown placeholder {firstname}, {order}" in html
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().body[0].value["text"] == "Thank you from Acme"


def test_known_placeholders_are_saved(editor_client, page):
    response = editor_client.post(f"/cms/pages/{page.pk}/edit/", edit_form("Hi {first_name|du}"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().body[0].value["text"] == "Hi {first_name|du}"


def test_the_title_field_syncs_to_no_missing_slug_field(editor_client, page):
    html = editor_client.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert 'name="title"' in html
    assert 'data-w-sync-target-value=""' not in html  # Wagtail's controller throws on it


def test_block_headings_take_placeholders_too(shop, make_page, api, token_for):
    steps = {**NextStepsBlock().get_preview_value(), "heading": "So geht es weiter, {first_name}"}
    packing = {**PackingStepsBlock().get_preview_value(), "heading": "Für dich, {first_name}"}
    make_page(shop, body=[("next_steps", steps), ("packing_steps", packing)])
    customer = {**CUSTOMER, "first_name": "Anna"}
    html = api.render({"token": token_for(shop, customer=customer)}).json()["html"]
    assert "So geht es weiter, Anna" in html and "Für dich, Anna" in html
    assert "{first_name}" not in html


def test_an_unknown_placeholder_in_a_quiz_heading_is_refused(shop):
    block = QuizBlock()
    value = block.normalize({**block.get_preview_value(), "heading": "Hallo {firstname}"})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "heading" in error.value.block_errors


def test_a_placeholder_in_a_quiz_outcome_is_refused(shop):
    # The outcome comes with the answer, which knows no order: it would show "{first_name}".
    block = QuizBlock()
    raw = block.get_prep_value(block.get_preview_value())
    raw["outcomes"][0]["value"]["title"] = "{first_name}, du Espresso-Fan"
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(raw))
    outcome_errors = error.value.block_errors["outcomes"].block_errors[0].block_errors
    assert "{first_name}" in str(outcome_errors["title"].messages)
    assert "text" not in outcome_errors


def test_a_placeholder_where_nothing_fills_it_in_is_refused_on_save(shop, page):
    # A gift's small print is plain text: the customer would read "{first_name}".
    form = page_edit_form(
        [
            (
                "gift_code",
                {
                    "heading": "Ein Geschenk für dich",
                    "text": "",
                    "button_label": "",
                    "code_label": "",
                    "note": "Nur für dich, {first_name}",
                    "empty_text": "",
                    "target_segments": {"count": 0},
                    "cta_priority": 50,
                },
            )
        ]
    )
    response = login(shop.editors).post(f"/cms/pages/{page.pk}/edit/", form)
    assert response.status_code == 200, "the form is shown again"
    assert "customers would read {first_name} as written" in response.content.decode()
    assert page.get_latest_revision_as_object().body[0].value["text"] == "Thank you from Acme"


def test_nested_plain_texts_refuse_placeholders_and_keep_other_braces():
    block = NextStepsBlock()
    raw = block.get_prep_value(block.get_preview_value())
    raw["steps"][1]["value"]["title"] = "Bei dir am {delivery_date}"
    raw["steps"][2]["value"]["text"] = "Größe {xl} oder {m}"
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(raw))
    steps = error.value.block_errors["steps"].block_errors
    assert "{delivery_date}" in str(steps[1].block_errors["title"].messages)
    assert set(steps) == {1}, "braces that name no placeholder are the merchant's text"


def test_an_unclosed_placeholder_is_refused_on_save(editor_client, page):
    response = editor_client.post(
        f"/cms/pages/{page.pk}/edit/", edit_form("Kommt am {delivery_date|bald")
    )
    assert response.status_code == 200, "the form is shown again"
    assert "This brace is not closed: {delivery_date|bald" in response.content.decode()


def test_texts_take_placeholders_too_escaped_into_their_html(shop, make_page, api, token_for):
    text = "<p>Deine Bestellung <b>{order_number}</b> ist da, {first_name|du}.</p>"
    make_page(shop, body=[("text", {"text": text})])
    for name in ("Anna", "<i>Zoë</i> & Co"):
        customer = {**CUSTOMER, "first_name": name}
        body = api.render({"token": token_for(shop, customer=customer)}).json()
        assert "{" not in body["html"]
        filled = f"Deine Bestellung <b>1001</b> ist da, {escape(name)}.</p>"
        assert filled in body["html"]
        assert filled in body["blocks"][0]["value"]["text"]


def test_an_unknown_placeholder_in_a_text_is_refused(shop):
    block = TextBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.normalize({"text": "<p>Hallo {firstname}</p>"}))
    assert "text" in error.value.block_errors


@pytest.mark.parametrize("locale", ["de-US", "de-NL", "en-XX"])
def test_a_locale_babel_does_not_know_gets_the_page_language_s_dates(
    shop, make_page, api, token_for, locale
):
    # Babel knows no de_US: the render failed (500) and the customer saw nothing.
    make_page(shop, body=[heading("Bei dir am {delivery_date}"), ("next_steps", STEPS)])
    response = api.render({"token": token_for(shop, locale=locale)})
    assert response.status_code == 200, response.content
    assert "Bei dir am" in response.json()["html"]


def test_an_austrian_on_an_english_page_reads_dates_the_european_way(
    make_shop, make_page, api, token_for
):
    shop = make_shop("global", default_locale="en")  # no German page: the English one
    make_page(shop, body=[heading("Arrives {delivery_date}")], language="en")
    html = api.render({"token": token_for(shop, locale="de-AT")}).json()["html"]
    # en_AT puts the day first; plain "en" wrote "Fri, Nov 27". Babel's releases differ in
    # month width and comma ("Fri, 27 Nov", "Fri 27 November"), so only the order is pinned.
    assert re.search(r"Arrives Fri,? 27 Nov", html), html
