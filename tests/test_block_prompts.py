"""Account prompt, newsletter prompt and quiz: presentation and configuration."""

import pytest
from django.core.exceptions import ValidationError

from thankyou.blocks.account_prompt import AccountPromptBlock
from thankyou.blocks.newsletter_prompt import NewsletterPromptBlock
from thankyou.blocks.quiz import QuizBlock
from thankyou.blocks.samples import render_block

pytestmark = pytest.mark.django_db


def test_account_prompt_links_to_registration_without_personal_data(shop, rendered):
    value = AccountPromptBlock().get_preview_value()
    body = rendered(shop, [("account_prompt", value)])
    html = body["html"]
    assert 'href="https://shop.example/konto/registrieren"' in html
    assert "Beim nächsten Mal geht es schneller, Anna" in html
    assert "anna@example.com" not in html and "A-1001" not in html
    assert body["calls_to_action"] == [body["blocks"][0]["id"]]


def test_newsletter_prompt_asks_for_nothing_it_cannot_handle_yet():
    html = render_block(NewsletterPromptBlock(), name="newsletter_prompt")
    assert "<form" not in html and "<input" not in html and "disabled" not in html
    assert 'href="https://shop.example/newsletter"' in html
    assert "Höchstens eine E-Mail im Monat" in html


def test_quiz_renders_labelled_radio_groups_without_a_fake_submit():
    html = render_block(QuizBlock(), name="quiz", block_id="q1")
    assert html.count("<fieldset>") == 2 and html.count("<legend>") == 2
    assert html.count('type="radio" name="q1-q1"') == 2
    assert html.count('type="radio" name="q1-q2"') == 2
    assert "<label><input" in html
    assert "submit" not in html and "disabled" not in html and "<form" not in html


def test_quiz_outcomes_are_in_the_structured_data(shop, rendered):
    body = rendered(shop, [("quiz", QuizBlock().get_preview_value())])
    value = body["blocks"][0]["value"]
    assert [o["key"] for o in value["outcomes"]] == ["espresso", "filter"]
    assert body["calls_to_action"] == [body["blocks"][0]["id"]]


def quiz(**changes):
    value = {
        "heading": "Q",
        "intro": "",
        "questions": [
            {
                "question": "?",
                "options": [
                    {"label": "a", "outcome": "x"},
                    {"label": "b", "outcome": "y"},
                ],
            }
        ],
        "outcomes": [
            {"key": "x", "title": "X", "text": "x"},
            {"key": "y", "title": "Y", "text": "y"},
        ],
        **changes,
    }
    block = QuizBlock()
    return block, block.normalize(value)


def test_answers_must_point_to_an_outcome():
    block, value = quiz(outcomes=[{"key": "x", "title": "X", "text": "x"}])
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "questions" in error.value.block_errors
    assert "y" in str(error.value.block_errors["questions"].block_errors[0])


def test_outcome_keys_are_unique():
    block, value = quiz(
        outcomes=[
            {"key": "x", "title": "X", "text": "x"},
            {"key": "x", "title": "Y", "text": "y"},
        ]
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "outcomes" in error.value.block_errors
