"""Standard texts (button labels and the like) follow the page's language, not the editor's."""

import pytest

from tests.conftest import login, page_edit_form
from thankyou.blocks.gift_code import GiftCodeBlock
from thankyou.blocks.models import SurveyAnswer
from thankyou.blocks.survey import OTHER

pytestmark = pytest.mark.django_db


def gift_form(**labels):
    """The page editor's form with one gift block, its labels as given (else left empty)."""
    value = {
        "heading": "Ein Geschenk",
        "text": "",
        "button_label": "",
        "code_label": "",
        "note": "",
        "empty_text": "",
        "target_segments": {"count": 0},
        "cta_priority": 50,
        **labels,
    }
    return page_edit_form([("gift_code", value)], **{"action-publish": "action-publish"})


def test_labels_an_english_editor_leaves_empty_are_german_on_the_german_page(
    shop, page, api, token_for
):
    editor = login(shop.editors)  # the admin speaks English (LANGUAGE_CODE)
    response = editor.post(f"/cms/pages/{page.pk}/edit/", gift_form())
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body.raw_data[0]["value"]["button_label"] == "", "nothing English is stored"

    body = api.render({"token": token_for(shop)}).json()
    assert body["locale"] == "de"
    assert "Geschenk aufdecken" in body["html"]
    assert "Reveal my gift" not in body["html"]
    assert body["blocks"][0]["value"]["button_label"] == "Geschenk aufdecken"


def test_the_editor_sees_the_standard_text_as_a_hint_not_as_their_text(shop, page):
    editor = login(shop.editors)
    editor.post(f"/cms/pages/{page.pk}/edit/", gift_form(code_label="Dein Gutschein:"))
    html = editor.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    # In the admin's language only; the help text says the page's language decides.
    assert "placeholder=\\&quot;Reveal my gift\\&quot;" in html
    assert "Geschenk aufdecken" not in html
    assert "&quot;button_label&quot;: null" in html  # the field itself is empty
    assert "&quot;code_label&quot;: &quot;Dein Gutschein:&quot;" in html


def test_a_text_of_the_editor_s_own_is_kept(shop, page, api, token_for):
    editor = login(shop.editors)
    editor.post(f"/cms/pages/{page.pk}/edit/", gift_form(button_label="Hol dir dein Geschenk"))
    html = api.render({"token": token_for(shop)}).json()["html"]
    assert "Hol dir dein Geschenk" in html
    assert "Geschenk aufdecken" not in html


def test_each_page_shows_the_standard_texts_in_its_own_language(shop, rendered):
    gift = {**GiftCodeBlock().get_preview_value(), "button_label": "", "code_label": ""}
    english = rendered(shop, [("gift_code", gift)], language="en", locale="en-GB")
    assert english["locale"] == "en"
    assert "Reveal my gift" in english["html"] and "Your code:" in english["html"]


def test_a_survey_answer_keeps_the_label_the_customer_saw(shop, rendered, act):
    survey = {
        "question": "",
        "options": [{"key": "friends", "label": "Freunde"}],
        "other": True,
        "other_label": "",
        "button_label": "",
        "thanks": "",
    }
    body = rendered(shop, [("survey", survey)])
    assert "Wie bist du auf uns aufmerksam geworden?" in body["html"]
    assert "Etwas anderes" in body["html"] and "Absenden" in body["html"]
    response = act(
        "survey", body["action_token"], body["blocks"][0]["id"], option=OTHER, other="Podcast"
    )
    assert response.status_code == 201, response.content
    assert SurveyAnswer.objects.get().option_label == "Etwas anderes"


def test_a_page_saved_with_the_wording_of_another_language_shows_its_own(
    shop, make_page, api, token_for
):
    # Saved before standard texts: an English editor's default on the German page.
    gift = {
        **GiftCodeBlock().get_preview_value(),
        "button_label": "Reveal my gift",
        "code_label": "Gutschein:",
    }
    make_page(shop, body=[("gift_code", gift)])
    body = api.render({"token": token_for(shop)}).json()
    assert body["locale"] == "de"
    assert "Geschenk aufdecken" in body["html"] and "Reveal my gift" not in body["html"]
    assert body["blocks"][0]["value"]["code_label"] == "Gutschein:", "the editor's own text"
