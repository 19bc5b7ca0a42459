"""Account prompt, newsletter prompt, quiz and survey: who sees them and how they ask."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError

from thankyou.blocks import account_links
from thankyou.blocks.account_prompt import AccountPromptBlock
from thankyou.blocks.newsletter_prompt import NewsletterPromptBlock
from thankyou.blocks.quiz import QuizBlock, outcome_of
from thankyou.blocks.samples import render_block
from thankyou.blocks.survey import SurveyBlock

pytestmark = pytest.mark.django_db
GUEST = {"id": "cust-4711", "first_name": "Anna", "email": "anna@example.com", "is_guest": True}


def test_account_prompt_links_guests_to_registration_with_a_verifiable_signature(shop, rendered):
    value = AccountPromptBlock().get_preview_value()
    body = rendered(shop, [("account_prompt", value)], customer=GUEST)
    html = body["html"]
    assert "Beim nächsten Mal geht es schneller, Anna" in html
    assert "anna@example.com" not in html and "cust-4711" not in html
    assert body["calls_to_action"] == [body["blocks"][0]["id"]]

    link = body["blocks"][0]["value"]["registration_url"]
    assert link.startswith("https://shop.example/konto/registrieren?")
    assert f'href="{link.replace("&", "&amp;")}"' in html
    query = {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}
    assert set(query) == {"order", "expires", "kid", "signature"}
    assert query["order"] == "1001"  # the order number, nothing personal
    assert account_links.verify(
        shop, query["order"], query["expires"], query["kid"], query["signature"]
    )
    assert not account_links.verify(
        shop, "1002", query["expires"], query["kid"], query["signature"]
    )


def test_account_prompt_fills_the_shops_url_template(shop, rendered):
    shop.registration_url = "https://acme.example/join/{order}?s={signature}&e={expires}&k={kid}"
    shop.save()
    value = {**AccountPromptBlock().get_preview_value(), "registration_url": ""}
    body = rendered(shop, [("account_prompt", value)], customer=GUEST)
    link = body["blocks"][0]["value"]["registration_url"]
    assert link.startswith("https://acme.example/join/1001?s=")
    assert "{" not in link


def test_account_prompt_is_not_shown_to_account_holders_or_unknowns(shop, rendered):
    value = AccountPromptBlock().get_preview_value()
    for customer in ({"is_guest": False}, {}):
        body = rendered(shop, [("account_prompt", value)], customer=customer)
        assert body["blocks"] == [] and body["calls_to_action"] == []
    body = rendered(shop, [("account_prompt", value)], customer={"is_guest": True})
    assert [block["type"] for block in body["blocks"]] == ["account_prompt"], "guests see it"


def test_newsletter_prompt_asks_for_the_prefilled_address_with_consent_text(shop, rendered):
    body = rendered(shop, [("newsletter_prompt", NewsletterPromptBlock().get_preview_value())])
    html = body["html"]
    assert '<form class="ty-row" method="dialog" data-action="newsletter"' in html
    assert 'type="email" name="email" value="anna@example.com"' in html
    assert "Ich möchte den Newsletter erhalten." in html
    assert "E-Mail-Adresse" in html  # the field's label, in the page's language


def test_newsletter_prompt_is_not_shown_to_subscribers(shop, rendered):
    value = NewsletterPromptBlock().get_preview_value()
    body = rendered(shop, [("newsletter_prompt", value)], customer={"newsletter": True})
    assert body["blocks"] == []
    body = rendered(shop, [("newsletter_prompt", value)], customer={"first_name": "Li"})
    assert [block["type"] for block in body["blocks"]] == ["newsletter_prompt"]
    assert 'name="email" value=""' in body["html"]


def test_quiz_renders_labelled_required_radio_groups_and_a_submit_button():
    html = render_block(QuizBlock(), name="quiz", block_id="q1")
    assert html.count("<fieldset>") == 2 and html.count("<legend>") == 2
    assert html.count('type="radio" name="answers.0"') == 2
    assert html.count('type="radio" name="answers.1"') == 2
    assert html.count("required") == 4
    assert '<button class="ty-button" type="submit">Zeig mir mein Ergebnis</button>' in html
    assert 'method="dialog"' in html  # without the script, submitting does nothing


def test_quiz_outcomes_are_in_the_structured_data(shop, rendered):
    body = rendered(shop, [("quiz", QuizBlock().get_preview_value())])
    value = body["blocks"][0]["value"]
    assert [o["key"] for o in value["outcomes"]] == ["espresso", "filter"]
    assert value["done"] is None
    assert body["calls_to_action"] == [body["blocks"][0]["id"]]


def test_the_most_chosen_outcome_wins_and_a_tie_goes_to_the_first_answer():
    assert outcome_of(["a", "b", "b"]) == "b"
    assert outcome_of(["b", "a"]) == "b"


def test_survey_offers_other_with_a_labelled_text_field():
    html = render_block(SurveyBlock(), name="survey", block_id="s1")
    # The question is a heading (found by heading navigation) naming the choices.
    assert (
        '<h3 class="ty-block-title" id="s1-title">Wie bist du auf uns aufmerksam geworden?</h3>'
        in html
    )
    assert '<fieldset aria-labelledby="s1-title">' in html
    assert html.count('type="radio" name="option"') == 4
    assert 'value="other"' in html
    assert (
        '<label class="ty-other">Etwas anderes, in eigenen Worten'
        ' <input class="ty-input" type="text" name="other" maxlength="500"'
        ' aria-describedby="s1-other"></label>' in html
    )
    # What to do if the words are missing, said where they go.
    assert '<p class="ty-error" id="s1-other" data-show="other_missing"' in html


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


def test_survey_keys_are_unique_and_other_is_reserved():
    block = SurveyBlock()
    value = block.normalize(
        {
            **block.get_preview_value(),
            "options": [{"label": "A", "key": "a"}, {"label": "O", "key": "other"}],
        }
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "other" in str(error.value.block_errors["options"])


@pytest.mark.parametrize("block", [AccountPromptBlock, NewsletterPromptBlock])
def test_a_new_prompt_starts_without_a_benefit_to_fill_in(block):
    assert len(block().get_default()["benefits"]) == 0
