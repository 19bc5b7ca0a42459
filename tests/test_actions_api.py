"""POST /api/v1/actions: only for blocks the action token names, once per order."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thankyou.analytics.models import Event
from thankyou.blocks.gift_code import GiftCodeBlock
from thankyou.blocks.models import GiftCode, Interaction
from thankyou.blocks.newsletter_prompt import NewsletterPromptBlock
from thankyou.blocks.quiz import QuizBlock
from thankyou.blocks.survey import SurveyBlock
from thankyou.core import jws

pytestmark = pytest.mark.django_db

GUEST = {"first_name": "Anna", "email": "anna@example.com", "is_guest": True}


def interactive_body():
    return [
        ("heading", {"text": "Danke", "subtitle": ""}),
        ("quiz", QuizBlock().get_preview_value()),
        ("survey", SurveyBlock().get_preview_value()),
        ("newsletter_prompt", NewsletterPromptBlock().get_preview_value()),
        ("gift_code", GiftCodeBlock().get_preview_value()),
    ]


@pytest.fixture
def page_for(rendered):
    """Render the interactive page for an order: (block ids by type, action token)."""

    def render(shop, **claims):
        body = rendered(shop, interactive_body(), customer=GUEST, **claims)
        return {b["type"]: b["id"] for b in body["blocks"]}, body["action_token"]

    return render


@pytest.fixture
def shown(shop, page_for):
    GiftCode.objects.create(shop=shop, code="GIFT-1")
    return page_for(shop)


@pytest.mark.parametrize(
    ("kind", "fields", "field"),
    [
        ("quiz", {}, "answers"),
        ("quiz", {"answers": "x"}, "answers"),
        ("quiz", {"answers": [0]}, "answers"),
        ("quiz", {"answers": [0, 7]}, "answers.1"),
        ("quiz", {"answers": [0, -1]}, "answers.1"),
        ("survey", {}, "option"),
        ("survey", {"option": "tv"}, "option"),
        ("survey", {"option": "other", "other": "  "}, "other"),
        ("survey", {"option": "friends", "other": "x" * 501}, "other"),
        ("newsletter", {"consent": True}, "email"),
        ("newsletter", {"email": "not-an-address", "consent": True}, "email"),
        ("newsletter", {"email": "a@example.com"}, "consent"),
        ("newsletter", {"email": "a@example.com", "consent": False}, "consent"),
    ],
)
def test_bad_and_missing_fields_get_400_naming_the_field(act, shown, kind, fields, field):
    ids, token = shown
    block = ids["newsletter_prompt" if kind == "newsletter" else kind]
    response = act(kind, token, block, **fields)
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("missing", ["action_token", "block"])
def test_missing_token_or_block_is_named(api, shown, missing):
    ids, token = shown
    body = {"action_token": token, "block": ids["gift_code"]}
    del body[missing]
    response = api.post("/api/v1/actions/gift", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == missing


@pytest.mark.parametrize("body", ["", "[1]", "{", '"x"', "null"])
def test_malformed_bodies_are_4xx_never_500(api, body):
    response = api.post("/api/v1/actions/quiz", data=body, content_type="text/plain")
    assert response.status_code == 400
    assert response.json()["code"] in {"invalid_body", "invalid_request"}


def test_a_forged_or_foreign_token_is_refused(act, shown, token_for, shop):
    ids, token = shown
    assert act("gift", "a.b.c", ids["gift_code"]).status_code == 401
    order_token = token_for(shop)  # the shop's order token is no action token
    assert act("gift", order_token, ids["gift_code"]).status_code == 401
    head, claims, signature = token.split(".")
    tampered = f"{head}.{claims[:-2]}AA.{signature}"
    assert act("gift", tampered, ids["gift_code"]).json()["field"] == "action_token"
    assert not Interaction.objects.exists()
    assert act("gift", token, ids["gift_code"]).status_code == 201, "the genuine one is taken"
    assert Interaction.objects.get().kind == "gift"


def test_an_action_token_lives_a_day_at_least_then_is_refused(clock, act, api, shown):
    """Answers and beacons come late: a day at least, though the order token lived an hour."""
    ids, token = shown
    _header, claims = jws.read(token)
    assert claims["exp"] - clock.now == 24 * 3600

    clock.now = claims["exp"] - 1
    assert act("survey", token, ids["survey"], option="search").status_code == 201

    clock.now = claims["exp"]
    response = act("quiz", token, ids["quiz"], answers=[0, 0])
    assert response.status_code == 401
    assert response.json()["field"] == "action_token"
    assert "expired" in response.json()["detail"]
    events = api.post(
        "/api/v1/events",
        data=json.dumps({"action_token": token, "events": [{"type": "view"}]}),
        content_type="text/plain",
    )
    assert events.status_code == 401 and "expired" in events.json()["detail"]
    assert list(Interaction.objects.values_list("kind", flat=True)) == ["survey"]
    assert not Event.objects.exists()


def test_an_action_token_of_another_shop_is_refused(act, make_shop, page_for):
    alpha, beta = make_shop("alpha"), make_shop("beta")
    GiftCode.objects.create(shop=alpha, code="ALPHA-1")
    alpha_ids, alpha_token = page_for(alpha)
    _beta_ids, beta_token = page_for(beta)
    response = act("gift", beta_token, alpha_ids["gift_code"])
    assert response.status_code == 403
    assert response.json() == {
        "code": "block_not_shown",
        "detail": "This block was not shown with this action token.",
        "field": "block",
        "fields": {"block": ["This block was not shown with this action token."]},
    }
    assert not GiftCode.objects.filter(claimed_at__isnull=False).exists()
    assert act("gift", alpha_token, alpha_ids["gift_code"]).json() == {"code": "ALPHA-1"}


def test_an_action_token_of_another_order_cannot_touch_this_orders_answers(act, shop, page_for):
    ids, first = page_for(shop, order={"id": "ORDER-1"})
    _ids, second = page_for(shop, order={"id": "ORDER-2"})
    assert act("quiz", first, ids["quiz"], answers=[0, 0]).json()["outcome"] == "espresso"
    response = act("quiz", second, ids["quiz"], answers=[1, 1])
    assert response.status_code == 201  # its own answer, not a replay of ORDER-1's
    assert response.json()["outcome"] == "filter"
    assert dict(Interaction.objects.values_list("order_id", "result__outcome")) == {
        "ORDER-1": "espresso",
        "ORDER-2": "filter",
    }


def test_a_block_of_another_type_is_refused(act, shown):
    ids, token = shown
    response = act("survey", token, ids["quiz"], option="friends")
    assert response.status_code == 400
    assert response.json()["code"] == "wrong_block"
    response = act("gift", token, ids["heading"])
    assert response.json()["field"] == "block"


def test_a_replay_or_double_click_returns_the_first_result(act, shown):
    ids, token = shown
    first = act("quiz", token, ids["quiz"], answers=[0, 0])
    again = act("quiz", token, ids["quiz"], answers=[1, 1])
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert Interaction.objects.count() == 1


def test_a_page_opened_before_a_key_rotation_still_takes_answers(act, shown, settings):
    ids, token = shown  # issued under the old SECRET_KEY
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "y" * 40
    assert act("quiz", token, ids["quiz"], answers=[0, 0]).status_code == 401
    settings.SECRET_KEY_FALLBACKS = [old]
    assert act("quiz", token, ids["quiz"], answers=[0, 0]).status_code == 201


def test_json_and_text_plain_are_accepted(act, shown):
    ids, token = shown
    response = act("survey", token, ids["survey"], content_type="application/json", option="search")
    assert response.status_code == 201
    response = act(
        "quiz", token, ids["quiz"], content_type="text/plain;charset=UTF-8", answers=[0, 1]
    )
    assert response.status_code == 201


def test_a_reload_shows_what_the_order_did_without_writing(act, api, shown, shop, token_for):
    ids, token = shown
    act("quiz", token, ids["quiz"], answers=[1, 1])
    act("survey", token, ids["survey"], option="friends")
    act("newsletter", token, ids["newsletter_prompt"], email="anna@example.com", consent=True)
    code = act("gift", token, ids["gift_code"]).json()["code"]

    reload_token = token_for(shop, customer=GUEST)
    with CaptureQueriesContext(connection) as queries:
        body = api.render({"token": reload_token}).json()
    statements = [q["sql"].lstrip().upper() for q in queries]
    assert not [s for s in statements if s.startswith(("INSERT", "UPDATE", "DELETE"))]
    html = body["html"]
    assert "Filter-Genießer" in html and 'data-action="quiz"' not in html
    assert "Danke, dass du es uns verraten hast!" in html and 'data-action="survey"' not in html
    assert "Bitte bestätige deine Adresse" in html and 'data-action="newsletter"' not in html
    assert code in html and 'data-action="gift"' not in html
    done = {block["type"]: block["value"].get("done") for block in body["blocks"]}
    assert done["gift_code"] == {"code": code}
    assert done["quiz"]["outcome"] == "filter"


def test_a_warm_render_of_an_interactive_page_asks_the_database_once(api, shown, shop, token_for):
    api.render({"token": token_for(shop, customer=GUEST)})
    token = token_for(shop, customer=GUEST, order={"id": "new"})
    with CaptureQueriesContext(connection) as queries:
        api.render({"token": token})
    assert len(queries) == 1
    assert "thankyou_interaction" in queries[0]["sql"]


def test_answers_are_refused_for_previews(act, shop, make_page):
    from tests.conftest import make_claims
    from thankyou.core.action_tokens import issue
    from thankyou.core.context import context_from_claims

    page = make_page(shop, body=interactive_body())
    context = context_from_claims(shop, make_claims(shop))
    block = next(child.id for child in page.body if child.block_type == "quiz")
    token = issue(context, page, None, "", [block])
    response = act("quiz", token, block, answers=[0, 0])
    assert response.status_code == 400 and response.json()["code"] == "preview"


def test_cors_answers_for_the_shops_origin_only(act, shown):
    ids, token = shown
    origin = {"HTTP_ORIGIN": "https://acme.example"}
    ok = act("survey", token, ids["survey"], option="search", headers=origin)
    assert ok["Access-Control-Allow-Origin"] == "https://acme.example"
    other = act("gift", token, ids["gift_code"], headers={"HTTP_ORIGIN": "https://evil.example"})
    assert other.status_code == 403 and other.json()["field"] == "origin"
    assert not GiftCode.objects.filter(claimed_at__isnull=False).exists()  # nothing handed out
    assert act("gift", token, ids["gift_code"], headers=origin).json() == {"code": "GIFT-1"}


def test_actions_are_rate_limited_per_client(clock, act, shown, settings):
    settings.THANKYOU = {
        **settings.THANKYOU,
        "RATE_LIMITS": {**settings.THANKYOU["RATE_LIMITS"], "actions_client": 2},
    }
    ids, token = shown
    statuses = [act("gift", token, ids["gift_code"]).status_code for _ in range(3)]
    assert statuses == [201, 200, 429]


def test_openapi_documents_the_action_endpoints(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    for kind in ("quiz", "survey", "newsletter", "gift"):
        operation = paths[f"/api/v1/actions/{kind}"]["post"]
        assert set(operation["requestBody"]["content"]) == {"application/json", "text/plain"}
        assert {"200", "201", "400", "401", "403", "429"} <= set(operation["responses"])


def test_the_schema_documents_what_tokens_and_block_ids_look_like(client, act, shown):
    """Schemathesis found a NUL in a token refused though the schema allowed it."""
    schema = client.get("/api/v1/schema/?format=json").json()
    for name in ("QuizRequestRequest", "EventsRequestRequest"):
        properties = schema["components"]["schemas"][name]["properties"]
        assert properties["action_token"]["pattern"]
    assert schema["components"]["schemas"]["QuizRequestRequest"]["properties"]["block"]["pattern"]

    ids, token = shown
    response = act("quiz", token, ids["quiz"] + "\x00", answers=[0, 0])
    assert response.status_code == 400
    assert response.json()["field"] == "block"


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"option": "search\x00"}, "option"), ({"option": "other", "other": "tv\x00"}, "other")],
)
def test_the_schema_documents_what_survey_answers_look_like(client, act, shown, fields, field):
    """Schemathesis found a NUL in a survey option refused though the schema allowed it."""
    properties = client.get("/api/v1/schema/?format=json").json()["components"]["schemas"][
        "SurveyRequestRequest"
    ]["properties"]
    assert properties["option"]["pattern"] == "^[a-z0-9-]{1,40}$"
    assert properties["other"]["oneOf"][0]["pattern"] == "^[^\\u0000]*$"

    ids, token = shown
    response = act("survey", token, ids["survey"], **fields)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_one_endpoint_takes_every_kind_of_answer(act, shown, shop):
    """The block's id says what it asks; /api/v1/actions/<kind> stays as an alias."""
    ids, token = shown
    answered = {
        "quiz": act(None, token, ids["quiz"], answers=[1, 1]),
        "survey": act(None, token, ids["survey"], option="friends"),
        "newsletter": act(
            None, token, ids["newsletter_prompt"], email="a@example.com", consent=True
        ),
        "gift": act(None, token, ids["gift_code"]),
    }
    assert {kind: r.status_code for kind, r in answered.items()} == dict.fromkeys(answered, 201)
    assert answered["quiz"].json()["outcome"] == "filter"
    assert answered["survey"].json() == {"option": "friends"}
    assert answered["newsletter"].json() == {"signed_up": True}
    assert answered["gift"].json() == {"code": "GIFT-1"}
    assert act("gift", token, ids["gift_code"]).json() == {"code": "GIFT-1"}  # the alias replays
    again = act(None, token, ids["quiz"], answers=[0, 0])
    assert (again.status_code, again.json()) == (200, answered["quiz"].json())
    response = act(None, token, ids["heading"])
    assert (response.status_code, response.json()["code"]) == (400, "wrong_block")
    response = act(None, token, ids["survey"] + "x", option="friends")
    assert (response.status_code, response.json()["field"]) == (403, "block")


def test_openapi_documents_the_one_endpoint_with_each_block_s_answer(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/actions"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "text/plain"}
    assert {"200", "201", "400", "401", "403", "409", "429"} <= set(operation["responses"])
    bodies = schema["components"]["schemas"]["AnswerRequest"]["oneOf"]
    names = {body["$ref"].rsplit("/", 1)[1] for body in bodies}
    assert {"QuizRequestRequest", "SurveyRequestRequest", "NewsletterRequestRequest"} <= names
