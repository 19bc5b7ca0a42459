"""Variant assignment: computed per order, stable, and split by the weights."""

import json
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thankyou.analytics import ab_testing
from thankyou.analytics.ab_testing import Arm, bucket, pick
from thankyou.pages.models import ThankYouPageVariant

pytestmark = pytest.mark.django_db

ORIGINAL = [("heading", {"text": "Danke für deine Bestellung", "subtitle": ""})]
VARIANT = [("heading", {"text": "Schön, dass du da bist", "subtitle": ""})]


def test_the_same_order_always_gets_the_same_point():
    assert bucket("acme", 1, False, "A-1") == bucket("acme", 1, False, "A-1")
    assert bucket("acme", 1, False, "A-1") != bucket("acme", 2, False, "A-1")
    assert bucket("acme", 1, False, "A-1") != bucket("acme", 1, True, "A-1")
    assert bucket("acme", 1, False, "A-1") != bucket("other", 1, False, "A-1")


def test_weights_are_followed_over_10000_orders():
    arms = (Arm("1-A", 20, None), Arm("1-B", 30, None), Arm("1-C", 50, None))
    seen = Counter(pick(arms, bucket("acme", 1, False, f"order-{n}")).label for n in range(10_000))
    # Binomial standard deviation at n=10 000 is at most 50 orders; allow 4 of them.
    for label, share in (("1-A", 0.2), ("1-B", 0.3), ("1-C", 0.5)):
        assert abs(seen[label] - share * 10_000) < 200, seen
    again = Counter(pick(arms, bucket("acme", 1, False, f"order-{n}")).label for n in range(10_000))
    assert again == seen


@pytest.fixture
def tested_page(shop, make_page):
    page = make_page(shop, body=ORIGINAL)
    page.variants = [ThankYouPageVariant(name="Warm welcome", weight=50, body=VARIANT)]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_running_test_splits_orders_and_each_order_keeps_its_variant(
    api, shop, tested_page, token_for
):
    from tests.conftest import make_claims

    # Variants wait for a test: before it starts, every order sees the original.
    response = api.render({"token": token_for(shop)}).json()
    assert response["variant"] == ""
    test = ab_testing.start(tested_page, goal="click", baseline=10, effect=5, sample_size=700)

    seen = {}
    for n in range(40):
        claims = make_claims(shop)
        claims["order"] = {**claims["order"], "id": f"order-{n}"}
        token = token_for(shop, **claims)
        first = api.render({"token": token}).json()
        assert api.render({"token": token}).json()["variant"] == first["variant"]
        seen[first["variant"]] = first["html"]
    assert set(seen) == {f"{test.pk}-A", f"{test.pk}-B"}
    assert "Danke für deine Bestellung" in seen[f"{test.pk}-A"]
    assert "Schön, dass du da bist" in seen[f"{test.pk}-B"]


def test_the_action_token_names_the_variant_and_its_blocks(api, shop, tested_page, token_for):
    ab_testing.start(tested_page, goal="click", baseline=10, effect=5, sample_size=700)
    from thankyou.core import action_tokens

    for n in range(12):
        from tests.conftest import make_claims

        claims = make_claims(shop)
        claims["order"] = {**claims["order"], "id": f"o-{n}"}
        body = api.render({"token": token_for(shop, **claims)}).json()
        token = action_tokens.verify(body["action_token"])
        assert token.variant == body["variant"]
        assert list(token.blocks) == [block["id"] for block in body["blocks"]]


def test_a_warm_render_with_a_running_test_makes_no_query(api, shop, tested_page, token_for):
    ab_testing.start(tested_page, goal="click", baseline=10, effect=5, sample_size=700)
    token = token_for(shop)
    api.render({"token": token})
    with CaptureQueriesContext(connection) as queries:
        assert api.render({"token": token}).status_code == 200
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_ending_a_test_promotes_the_winner(api, shop, tested_page, token_for, admin_user):
    test = ab_testing.start(tested_page, goal="click", baseline=10, effect=5, sample_size=700)
    revisions = tested_page.revisions.count()
    ab_testing.end(test, winner="B", user=admin_user)
    tested_page.refresh_from_db()
    assert tested_page.revisions.count() == revisions + 1
    assert not tested_page.variants.exists()
    response = api.render({"token": token_for(shop)}).json()
    assert response["variant"] == ""
    assert "Schön, dass du da bist" in response["html"]
    assert json.loads(json.dumps(test.arms))[1]["name"] == "Warm welcome"


def test_orders_sharing_a_page_keep_their_own_variant(
    api, shop, tested_page, token_for, monkeypatch
):
    # Arms of one body share what was put together (an arm whose variant was
    # deleted mid-test shows the original, uncounted): the label is the order's.
    from thankyou.core import action_tokens

    labels = iter(["7-A", ""])
    real = ab_testing.choose
    monkeypatch.setattr(ab_testing, "choose", lambda *args: (real(*args)[0], next(labels)))
    for label in ("7-A", ""):
        body = api.render({"token": token_for(shop)}).json()
        assert body["variant"] == label
        assert action_tokens.verify(body["action_token"]).variant == label
