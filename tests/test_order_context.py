"""The order context contract: every bad token is a clear 4xx, never a 500."""

import base64
import json
import time

import jwt
import pytest

from tests.conftest import make_claims
from thankyou.models import ShopSecret

pytestmark = pytest.mark.django_db


def b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def assert_error(response, status, code, field=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert body["detail"]
    if field:
        assert body["field"] == field


def test_valid_token_renders_the_shops_page(api, shop, page, token_for):
    response = api.render({"token": token_for(shop)})
    assert response.status_code == 200
    body = response.json()
    assert body["page"] == {"id": page.pk, "title": "Thanks", "locale": "de"}
    assert "Thank you from Acme" in body["html"]


def test_tampered_signature_is_refused(api, shop, page, token_for):
    header, payload, signature = token_for(shop).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["order"]["total"] = "0.01"
    response = api.render({"token": f"{header}.{b64(claims)}.{signature}"})
    assert_error(response, 401, "invalid_signature")


def test_alg_none_is_refused(api, shop, page):
    token = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(make_claims(shop))}."
    assert_error(api.render({"token": token}), 401, "invalid_token", field="alg")


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_other_algorithms_are_refused(api, shop, page, algorithm):
    secret = shop.secrets.get().secret
    token = jwt.encode(make_claims(shop), secret, algorithm=algorithm)
    assert_error(api.render({"token": token}), 401, "invalid_token", field="alg")


def test_expired_token_is_refused(api, shop, page, token_for):
    now = int(time.time())
    token = token_for(shop, iat=now - 7200, exp=now - 60)
    assert_error(api.render({"token": token}), 401, "token_expired", field="exp")


def test_iat_more_than_five_minutes_ahead_is_refused(api, shop, page, token_for):
    now = int(time.time())
    token = token_for(shop, iat=now + 600, exp=now + 3600)
    assert_error(api.render({"token": token}), 401, "token_not_yet_valid", field="iat")


def test_small_clock_skew_is_accepted(api, shop, page, token_for):
    now = int(time.time())
    assert api.render({"token": token_for(shop, iat=now + 120, exp=now + 3600)}).status_code == 200


def test_lifetime_over_24_hours_is_refused(api, shop, page, token_for):
    now = int(time.time())
    token = token_for(shop, iat=now, exp=now + 25 * 3600)
    assert_error(api.render({"token": token}), 401, "invalid_token", field="exp")


@pytest.mark.parametrize("claim", ["exp", "iat", "aud"])
def test_required_claims(api, shop, page, claim):
    claims = make_claims(shop)
    del claims[claim]
    token = jwt.encode(claims, shop.secrets.get().secret, algorithm="HS256")
    assert_error(api.render({"token": token}), 401, "invalid_token", field=claim)


def test_wrong_audience_is_refused(api, shop, page, token_for):
    assert_error(api.render({"token": token_for(shop, aud="other")}), 401, "invalid_token", "aud")


def test_an_audience_list_naming_thankyou_is_accepted(api, shop, page, token_for):
    assert api.render({"token": token_for(shop, aud=["crm", "thankyou"])}).status_code == 200
    response = api.render({"token": token_for(shop, aud=["crm"])})
    assert_error(response, 401, "invalid_token", "aud")


def test_a_token_not_valid_yet_is_refused(api, shop, page, token_for):
    token = token_for(shop, nbf=int(time.time()) + 600)
    assert_error(api.render({"token": token}), 401, "token_not_yet_valid", field="nbf")
    assert api.render({"token": token_for(shop, nbf=int(time.time()) - 5)}).status_code == 200


@pytest.mark.parametrize("claim", ["iat", "exp", "nbf"])
def test_a_time_claim_that_is_not_a_number_is_named(api, shop, page, token_for, claim):
    assert_error(
        api.render({"token": token_for(shop, **{claim: "soon"})}), 401, "invalid_token", claim
    )


def test_a_critical_header_extension_is_refused(api, shop, page):
    secret = shop.secrets.get()
    headers = {"kid": secret.kid, "crit": ["urn:example:x"], "urn:example:x": 1}
    token = jwt.encode(make_claims(shop), secret.secret, algorithm="HS256", headers=headers)
    assert_error(api.render({"token": token}), 401, "invalid_token", "crit")


def test_fractional_seconds_are_accepted(api, shop, page, token_for):
    now = time.time()  # RFC 7519 allows a fraction; many libraries put one
    assert api.render({"token": token_for(shop, iat=now, exp=now + 600.5)}).status_code == 200


def test_a_signature_in_a_second_spelling_is_refused(api, shop, page, token_for):
    # base64url's last character can carry unused bits; only the canonical spelling counts.
    token = token_for(shop)
    head, last = token[:-1], token[-1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    variant = alphabet[alphabet.index(last) ^ 1]
    assert_error(api.render({"token": head + variant}), 401, "invalid_signature")


def test_unknown_shop_is_refused_without_detail(api, shop, page, token_for):
    token = jwt.encode({**make_claims(shop), "iss": "nope"}, "x" * 32, algorithm="HS256")
    response = api.render({"token": token})
    assert_error(response, 401, "unknown_shop", field="iss")
    assert "acme" not in response.content.decode()


def test_token_of_shop_a_cannot_pass_as_shop_b(api, make_shop, make_page):
    shop_a, shop_b = make_shop("alpha"), make_shop("beta")
    make_page(shop_b)
    forged = jwt.encode(make_claims(shop_b), shop_a.secrets.get().secret, algorithm="HS256")
    assert_error(api.render({"token": forged}), 401, "invalid_signature")


def test_token_of_shop_a_cannot_render_shop_bs_page(api, make_shop, make_page, token_for):
    shop_a, shop_b = make_shop("alpha"), make_shop("beta")
    make_page(shop_a)
    page_b = make_page(shop_b)
    response = api.render({"token": token_for(shop_a, test=True), "page": page_b.pk})
    assert_error(response, 404, "not_found", field="page")
    assert "Beta" not in response.content.decode()


def test_kid_is_looked_up_within_the_issuing_shop_only(api, make_shop, make_page):
    shop_a, shop_b = make_shop("alpha"), make_shop("beta")
    make_page(shop_a)
    secret_b = shop_b.secrets.get()
    token = jwt.encode(
        make_claims(shop_a), secret_b.secret, algorithm="HS256", headers={"kid": secret_b.kid}
    )
    assert_error(api.render({"token": token}), 401, "invalid_token", field="kid")


def test_rotation_both_secrets_verify_until_one_is_revoked(api, shop, page, token_for):
    old = shop.secrets.get()
    new = ShopSecret.objects.create(shop=shop)
    assert api.render({"token": token_for(shop, secret=old)}).status_code == 200
    assert api.render({"token": token_for(shop, secret=new)}).status_code == 200
    # Without a kid header, each of the shop's secrets is tried.
    bare = jwt.encode(make_claims(shop), new.secret, algorithm="HS256")
    assert api.render({"token": bare}).status_code == 200

    old.delete()
    assert_error(api.render({"token": token_for(shop, secret=old)}), 401, "invalid_token", "kid")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("order.total", 49.9),
        ("order.total", "49,90"),
        ("order.total", "-1.00"),
        ("order.currency", "EURO"),
        ("order.created_at", "yesterday"),
        ("order.items", {"sku": "x"}),
        ("order.items.0.quantity", "2"),
        ("order.items.0.price", 12),
        ("order.items.0.sku", {"a": 1}),
        ("customer", "Anna"),
        ("order.shipping.country", "Germany"),
        ("customer.is_guest", "false"),
        ("customer.newsletter", 1),
        ("customer.orders_count", "3"),
        ("customer.email", "not-an-email"),
        ("customer.first_name", ["Anna"]),
        ("customer.first_name", "Zo\ud83d"),  # an emoji cut in half
        ("order.number", "N\udc00"),
        ("order.id", "A-\x00"),
        ("customer.first_order_at", "0001-01-01T00:00:00+00:00"),
        ("locale", "??"),
        ("test", "yes"),
    ],
)
def test_wrong_claim_types_name_the_claim(api, shop, page, token_for, path, value):
    claims = make_claims(shop)
    target, *keys = path.split(".")
    if keys:
        node = claims[target]
        for key in keys[:-1]:
            node = node[int(key)] if key.isdigit() else node[key]
        node[keys[-1]] = value
    else:
        claims[target] = value
    token = token_for(shop, **{target: claims[target]})
    response = api.render({"token": token})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid_context"
    assert path in body["fields"], body


def test_order_id_is_required(api, shop, page, token_for):
    claims = make_claims(shop)
    del claims["order"]["id"]
    response = api.render({"token": token_for(shop, order=claims["order"])})
    assert response.status_code == 400
    assert "order.id" in response.json()["fields"]


def test_missing_optional_claims_are_fine(api, shop, page, token_for):
    now = int(time.time())
    token = jwt.encode(
        {"iss": shop.key, "aud": "thankyou", "iat": now, "exp": now + 60, "order": {"id": "7"}},
        shop.secrets.get().secret,
        algorithm="HS256",
    )
    assert api.render({"token": token}).status_code == 200


def test_null_optional_claims_count_as_missing(api, shop, page, token_for):
    claims = make_claims(shop)
    claims["customer"]["first_name"] = None
    claims["order"]["shipping"] = None
    token = token_for(shop, customer=claims["customer"], order=claims["order"])
    assert api.render({"token": token}).status_code == 200


def test_unknown_claims_are_ignored(api, shop, page, token_for):
    assert api.render({"token": token_for(shop, campaign={"utm": "x"})}).status_code == 200


def test_too_large_token_is_refused(api, shop, page, token_for):
    token = token_for(shop, padding="x" * 17_000)
    assert_error(api.render({"token": token}), 413, "token_too_large", field="token")


def test_more_than_500_items_is_refused(api, shop, page, token_for):
    items = [{"sku": str(i)} for i in range(501)]
    claims = make_claims(shop)
    claims["order"]["items"] = items
    response = api.render({"token": token_for(shop, order=claims["order"])})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_context"
    assert "order.items" in response.json()["fields"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("not json", "text/plain", 400, "invalid_body"),
        ("[1, 2]", "application/json", 400, "invalid_body"),
        ("{}", "application/json", 400, "invalid_request"),
        ('{"token": 5}', "text/plain", 400, "invalid_request"),
        ('{"token": "abc"}', "text/plain", 400, "invalid_request"),
        ('{"token": "a.b.c"}', "text/plain", 401, "invalid_token"),
        ("[" * 50_000 + "]" * 50_000, "text/plain", 413, "body_too_large"),
        ("[" * 20_000 + "]" * 20_000, "text/plain", 400, "invalid_body"),
        ('{"token": "x"}', "application/xml", 415, "unsupported_media_type"),
        ('{"token": "a\\u0000b.c.d"}', "text/plain", 400, "invalid_request"),
        (
            '{"token": "a.b.c", "page": 1180591620717411303424}',
            "text/plain",
            400,
            "invalid_request",
        ),
        ('{"token": "a.b.c", "page": [1]}', "text/plain", 400, "invalid_request"),
    ],
)
def test_malformed_bodies_get_a_clear_4xx(api, shop, page, body, content_type, status, code):
    response = api.render(body, content_type=content_type)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code


def test_get_is_not_allowed(api):
    response = api.get("/api/v1/render")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def raw(text):
    return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        "two.parts",
        "four.parts.are.jwe",
        f"!!!.{b64({'iss': 'acme'})}.sig",
        f"{raw('not json')}.{b64({'iss': 'acme'})}.sig",
        f"{b64(['HS256'])}.{b64({'iss': 'acme'})}.sig",
        f"{b64({'alg': 'HS256'})}.{raw('[' * 3000 + ']' * 3000)}.sig",
        f"{b64({'alg': 'HS256'})}.{base64.urlsafe_b64encode(b'\xff\xfe').decode()}.sig",
    ],
)
def test_a_malformed_token_is_refused_naming_the_token(api, shop, page, token):
    response = api.render({"token": token})
    assert response.status_code in (400, 401), response.content  # shape, else content
    assert response.json()["field"] == "token"
