"""The post-purchase survey: answers stored with the order total and currency."""

from decimal import Decimal

import pytest

from thankyou.blocks.models import SurveyAnswer
from thankyou.blocks.survey import SurveyBlock
from thankyou.webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(shop, rendered):
    body = rendered(shop, [("survey", SurveyBlock().get_preview_value())])
    return body["blocks"][0]["id"], body["action_token"]


def test_an_answer_is_kept_with_the_order_total(act, survey):
    block, token = survey
    response = act("survey", token, block, option="instagram")
    assert response.status_code == 201 and response.json() == {"option": "instagram"}
    answer = SurveyAnswer.objects.get()
    assert (answer.option, answer.option_label) == ("instagram", "Instagram")
    assert (answer.total, answer.currency) == (Decimal("49.90"), "EUR")
    assert answer.other_text == ""


def test_other_takes_free_text(act, survey, shop):
    WebhookSubscription.objects.create(
        shop=shop, url="https://hooks.example/ty", events=["survey.answered"]
    )
    block, token = survey
    assert act("survey", token, block, option="other", other="  Radio  ").status_code == 201
    answer = SurveyAnswer.objects.get()
    assert (answer.option, answer.other_text) == ("other", "Radio")
    data = WebhookDelivery.objects.get().payload["data"]
    assert data == {"option": "other", "label": "Etwas anderes", "other": "Radio"}


def test_free_text_is_ignored_with_a_listed_answer(act, survey):
    block, token = survey
    act("survey", token, block, option="search", other="private notes")
    assert SurveyAnswer.objects.get().other_text == ""


def test_other_is_refused_when_the_block_does_not_offer_it(act, shop, rendered):
    value = {**SurveyBlock().get_preview_value(), "other": False}
    body = rendered(shop, [("survey", value)])
    response = act(
        "survey", body["action_token"], body["blocks"][0]["id"], option="other", other="x"
    )
    assert response.status_code == 400 and response.json()["field"] == "option"
    assert 'value="other"' not in body["html"]
