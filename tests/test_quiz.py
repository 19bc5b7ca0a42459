"""The quiz: the outcome at once, and "N % answered like you" once enough answered."""

import pytest

from thankyou.blocks.models import QuizAnswer, QuizTally
from thankyou.blocks.quiz import QuizBlock
from thankyou.webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz_for(rendered):
    def render(shop, order_id, **claims):
        body = rendered(shop, [("quiz", QuizBlock().get_preview_value())], **claims)
        return body["blocks"][0]["id"], body["action_token"]

    return render


@pytest.fixture
def answer(act, shop, quiz_for, make_page):
    quiz_for(shop, "setup")  # publish the page once

    def answer_as(order_id, answers, **claims):
        from tests.conftest import make_claims
        from thankyou.core.action_tokens import issue
        from thankyou.core.context import context_from_claims
        from thankyou.pages.models import ThankYouPage

        page = ThankYouPage.objects.live().get(shop=shop)
        block = next(child.id for child in page.body)
        claims = make_claims(
            shop, order={"id": order_id, "total": "10.00", "currency": "EUR"}, **claims
        )
        token = issue(context_from_claims(shop, claims), page, page.live_revision_id, "", [block])
        return act("quiz", token, block, answers=answers)

    return answer_as


def test_the_outcome_comes_at_once_without_feedback_below_the_threshold(answer, settings):
    response = answer("o-1", [0, 0])
    assert response.status_code == 201
    assert response.json() == {
        "outcome": "espresso",
        "title": "Espresso-Liebhaber",
        "text": "Kräftig und konzentriert, wie die meisten Stammkunden.",
        "share": None,
        "feedback": "",
    }
    stored = QuizAnswer.objects.get()
    assert (stored.answers, stored.outcome, stored.order_id) == ([0, 0], "espresso", "o-1")


def test_group_feedback_from_counters_once_enough_answered(answer, settings):
    settings.THANKYOU = {**settings.THANKYOU, "QUIZ_FEEDBACK_MIN_ANSWERS": 4}
    assert answer("o-1", [0, 0]).json()["share"] is None
    assert answer("o-2", [1, 1]).json()["share"] is None
    assert answer("o-3", [0, 1]).json()["share"] is None  # a tie: the first answer wins
    fourth = answer("o-4", [0, 1]).json()
    assert fourth["share"] == 75  # espresso: o-1, o-3, o-4 of 4
    assert fourth["feedback"] == "75 % der Kundschaft haben so geantwortet wie du."
    counts = dict(QuizTally.objects.values_list("outcome", "count"))
    assert counts == {"": 4, "espresso": 3, "filter": 1}


def test_test_orders_are_answered_but_not_counted(answer, settings):
    settings.THANKYOU = {**settings.THANKYOU, "QUIZ_FEEDBACK_MIN_ANSWERS": 1}
    answer("o-1", [1, 1])
    response = answer("o-test", [0, 0], test=True)
    assert response.json()["share"] == 0  # espresso among the real answers: none
    assert QuizAnswer.objects.filter(test=True).count() == 1
    assert dict(QuizTally.objects.values_list("outcome", "count")) == {"": 1, "filter": 1}


def test_a_quiz_answer_is_handed_to_webhooks(answer, shop):
    WebhookSubscription.objects.create(
        shop=shop, url="https://hooks.example/ty", events=["quiz.answered"]
    )
    answer("o-1", [1, 1])
    answer("o-1", [0, 0])  # a replay sends nothing new
    delivery = WebhookDelivery.objects.get()
    payload = delivery.payload
    assert payload["event"] == "quiz.answered"
    assert payload["id"] == str(delivery.idempotency_key)
    assert payload["order"] == {"id": "o-1", "total": "10.00", "currency": "EUR"}
    assert payload["data"] == {"answers": [1, 1], "outcome": "filter"}


def test_the_admin_lists_and_exports_the_outcome_the_customer_read(answer, shop):
    import csv
    import io

    from tests.conftest import login

    answer("o-1", [0, 0])
    owner = login(shop.owners, language="de")
    listing = owner.get("/cms/quiz_answers/").content.decode()
    assert "Espresso-Liebhaber" in listing
    export = owner.get("/cms/quiz_answers/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    title, key = rows[0].index("Ergebnis"), rows[0].index("Schlüssel des Ergebnisses")
    assert (rows[1][title], rows[1][key]) == ("Espresso-Liebhaber", "espresso")
