"""
Shopify shops: the checkout UI extension's render (thankyou/api/shopify.py).

Shopify cannot be reached from the tests. Its Admin API is a local server
replaying answers recorded in tests/shopify/ for the demo's three sample
customers (a guest's first order, a returning customer, a VIP), moved in
time so that the order was placed minutes ago. The session tokens are made
as Shopify makes them: HS256 with the app's client secret.
"""

import io
import json
import shutil
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
import pytest
from django.conf import settings
from django.core.management import call_command

from tests.conftest import login
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.shopify.admin_api import API_VERSION
from thankyou.targeting.personas import PERSONAS, persona_claims

pytestmark = pytest.mark.django_db

RECORDED = Path(__file__).parent / "shopify"
DOMAIN = "bohnenglueck.myshopify.com"
CLIENT_ID = "8f1c2a4e6b0d3f5a7c9e1b2d4f6a8c0e"
CLIENT_SECRET = "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"
ACCESS_TOKEN = "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"
EXTENSION_ORIGIN = "https://extensions.shopifycdn.com"
CUSTOMERS = ("guest", "returning", "vip")


def recorded(name):
    return json.loads((RECORDED / f"order-{name}.json").read_text())


def order_gid(name, kind="OrderIdentity"):
    return f"gid://shopify/{kind}/{recorded(name)['data']['order']['legacyResourceId']}"


def parse(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def as_if_placed_now(answer):
    """The recorded answer with its dates moved: the order was placed three minutes ago."""
    order = answer["data"]["order"]
    shift = datetime.now(UTC) - timedelta(minutes=3) - parse(order["createdAt"])
    moved = (parse(order["createdAt"]) + shift).isoformat().replace("+00:00", "Z")
    order["createdAt"] = moved
    for node in (order.get("customer") or {}).get("orders", {}).get("nodes", []):
        node["createdAt"] = (parse(node["createdAt"]) + shift).isoformat().replace("+00:00", "Z")
    return answer


class AdminAPI(ThreadingHTTPServer):
    """Shopify's Admin API as recorded: the orders it has, per shop domain and token."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), ReplayHandler)
        self.shops = {}  # domain -> (access token, {order gid: recorded answer})
        self.requests = []
        self.status = 200


class ReplayHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        api = self.server
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        domain, _, path = self.path.lstrip("/").partition("/")
        api.requests.append(
            {"domain": domain, "path": f"/{path}", "headers": dict(self.headers), "body": body}
        )
        token, orders = api.shops.get(domain, (None, {}))
        if api.status != 200:
            self.answer(api.status, {"errors": "Internal error"})
        elif path != f"admin/api/{API_VERSION}/graphql.json" or token is None:
            self.answer(404, {"errors": "Not Found"})
        elif self.headers.get("X-Shopify-Access-Token") != token:
            self.answer(401, {"errors": "[API] Invalid API key or access token"})
        else:
            answer = orders.get(body["variables"]["id"])
            self.answer(200, answer or {"data": {"order": None}})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def admin_api(settings):
    server = AdminAPI()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.THANKYOU = {
        **settings.THANKYOU,
        "SHOPIFY_ADMIN_URL": f"http://127.0.0.1:{server.server_port}/{{domain}}",
    }
    yield server
    server.shutdown()
    server.server_close()


def connect(shop, admin_api):
    """Connect the shop as the Shopify shop whose orders were recorded."""
    shop.shopify_domain = DOMAIN
    shop.shopify_client_id = CLIENT_ID
    shop.shopify_client_secret = CLIENT_SECRET
    shop.shopify_access_token = ACCESS_TOKEN
    shop.save()
    admin_api.shops[DOMAIN] = (
        ACCESS_TOKEN,
        {order_gid(name, "Order"): as_if_placed_now(recorded(name)) for name in CUSTOMERS},
    )
    return shop


@pytest.fixture
def demo_shop(admin_api):
    """The demo shop and its pages (seeding takes seconds: one test uses it)."""
    call_command("seed_demo", stdout=io.StringIO())
    return connect(Shop.objects.get(key="demo"), admin_api)


@pytest.fixture
def shopify_shop(admin_api, make_shop, make_page):
    """A Shopify shop whose page greets the customer by name."""
    shop = connect(make_shop("bohnen"), admin_api)
    make_page(shop, body=[("heading", {"text": "Danke, {first_name}!", "subtitle": ""})])
    return shop


def session_token(secret=CLIENT_SECRET, domain=DOMAIN, **claims):
    """A session token as Shopify gives the extension (shopify.sessionToken.get())."""
    now = int(time.time())
    payload = {
        "iss": f"https://{domain}/admin",
        "dest": f"https://{domain}",
        "aud": CLIENT_ID,
        "sub": None,
        "exp": now + 60,
        "nbf": now,
        "iat": now,
        "jti": "b7d1a3c5-0f2e-4d6a-8b9c-1e3f5a7c9d0b",
        **claims,
    }
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, secret, "HS256")


def extension_render(api, name="guest", token=None, **fields):
    """Post as the extension does: text/plain from Shopify's extension sandbox."""
    answer = recorded(name)["data"]["order"]
    body = {
        "session_token": token or session_token(),
        "order_id": order_gid(name),
        "total": answer["totalPriceSet"]["presentmentMoney"]["amount"],
        **fields,
    }
    return api.post(
        "/api/v1/shopify/render",
        data=json.dumps(body),
        content_type="text/plain",
        HTTP_ORIGIN=EXTENSION_ORIGIN,
    )


def ids(body):
    return [(block["id"], block["type"], block["hidden"]) for block in body["blocks"]]


def blocks_of(body):
    return [(block["type"], block["hidden"]) for block in body["blocks"]]


def test_the_sample_customers_get_the_pages_their_signed_orders_get(api, demo_shop, admin_api, act):
    """The extension's render is the signed order's: same claims, same pipeline."""
    pages = {}
    for name in CUSTOMERS:
        response = extension_render(api, name)
        assert response.status_code == 200, response.content
        assert response["Access-Control-Allow-Origin"] in {EXTENSION_ORIGIN, "*"}
        body = pages[name] = response.json()
        persona = PERSONAS[name]
        claims = persona_claims(persona, demo_shop, "de")
        claims["order"]["id"] = recorded(name)["data"]["order"]["legacyResourceId"]  # its A/B arm
        expected = api.render({"token": sign_claims(demo_shop, claims)}).json()
        assert body["page"] == expected["page"]
        assert body["variant"] == expected["variant"]
        assert blocks_of(body) == blocks_of(expected)
        assert persona.first_name in body["html"]

        request = admin_api.requests[-1]
        assert request["domain"] == DOMAIN
        assert request["path"] == f"/admin/api/{API_VERSION}/graphql.json"
        assert request["headers"]["X-Shopify-Access-Token"] == ACCESS_TOKEN
        assert request["body"]["variables"]["id"] == order_gid(name, "Order")

    shown = {
        name: {block["type"] for block in body["blocks"] if not block["hidden"]}
        for name, body in pages.items()
    }
    assert {"account_prompt", "packing_steps"} <= shown["guest"], "a guest's first order"
    assert "quiz" in shown["returning"]
    assert "gift" in shown["vip"]
    assert pages["vip"]["page"]["title"] != pages["guest"]["page"]["title"]

    # The extension answers the quiz with the render's action token, from its sandbox.
    quiz = next(block for block in pages["returning"]["blocks"] if block["type"] == "quiz")
    response = act(
        "quiz",
        pages["returning"]["action_token"],
        quiz["id"],
        answers=[0 for _question in quiz["value"]["questions"]],
        headers={"HTTP_ORIGIN": EXTENSION_ORIGIN},
    )
    assert response.status_code == 201, response.content
    assert response.json()["outcome"]


def refused(response, status, code, field=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code, body
    if field:
        assert body["field"] == field, body
    return body


def test_a_token_signed_with_another_secret_is_refused(api, shopify_shop, admin_api):
    response = extension_render(
        api, token=session_token(secret="shpss_ffffffffffffffffffffffffffffffff")
    )
    refused(response, 401, "invalid_signature", "session_token")
    assert admin_api.requests == [], "Shopify is not asked for a forged request"


def test_a_token_of_another_shop_cannot_speak_for_this_one(api, shopify_shop, make_shop, admin_api):
    other = make_shop(
        "other",
        shopify_domain="other-shop.myshopify.com",
        shopify_client_id="other-app",
        shopify_client_secret="shpss_00000000000000000000000000000000",
        shopify_access_token="shpat_other",
    )
    # The other shop's own secret, with this shop's dest: this shop's secret is checked.
    forged = session_token(secret=other.shopify_client_secret, aud="other-app")
    refused(extension_render(api, token=forged), 401, "invalid_signature")
    # This shop's orders asked for with a token of the other shop: the other shop's
    # Admin API is asked, and it has no such order.
    theirs = session_token(
        secret=other.shopify_client_secret, domain=other.shopify_domain, aud="other-app"
    )
    admin_api.shops[other.shopify_domain] = ("shpat_other", {})
    refused(extension_render(api, token=theirs), 404, "order_not_found", "order_id")
    assert {request["domain"] for request in admin_api.requests} == {other.shopify_domain}


@pytest.mark.parametrize(
    ("claims", "code", "field"),
    [
        ({"dest": "https://unknown.myshopify.com"}, "unknown_shop", "dest"),
        ({"dest": "https://evil.example"}, "invalid_token", "dest"),
        ({"aud": "someone-elses-app"}, "invalid_token", "aud"),
        ({"exp": int(time.time()) - 120}, "token_expired", "exp"),
        ({"iss": "https://other-shop.myshopify.com/admin"}, "invalid_token", "iss"),
    ],
)
def test_a_session_token_not_for_this_shop_and_app_is_refused(
    api, shopify_shop, admin_api, claims, code, field
):
    refused(extension_render(api, token=session_token(**claims)), 401, code, field)
    assert admin_api.requests == []


def test_a_total_the_admin_api_contradicts_is_refused(api, shopify_shop):
    body = refused(extension_render(api, "vip", total="0.01"), 403, "order_mismatch", "total")
    assert "Sophie" not in json.dumps(body)


def test_an_order_the_shop_does_not_have_is_refused(api, shopify_shop):
    response = extension_render(api, order_id="gid://shopify/OrderIdentity/999")
    refused(response, 404, "order_not_found", "order_id")


def test_another_customers_order_is_refused_to_a_signed_in_customer(api, shopify_shop):
    token = session_token(sub="gid://shopify/Customer/7220000000102")  # Jonas
    refused(extension_render(api, "vip", token=token), 403, "order_mismatch", "order_id")
    assert extension_render(api, "returning", token=token).status_code == 200


def test_an_old_order_is_refused(api, shopify_shop, admin_api):
    order = admin_api.shops[DOMAIN][1][order_gid("guest", "Order")]["data"]["order"]
    order["createdAt"] = "2026-01-02T10:00:00Z"
    refused(extension_render(api, "guest"), 403, "order_mismatch", "order_id")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"order_id": "../../customers/1"}, "order_id"),
        ({"total": "-1"}, "total"),
        ({"session_token": "not a jwt"}, "session_token"),
    ],
)
def test_malformed_requests_name_the_field(api, shopify_shop, fields, field):
    refused(extension_render(api, **fields), 400, "invalid_request", field)


def test_shopify_not_answering_is_a_502_not_a_500(api, shopify_shop, admin_api):
    admin_api.status = 500
    refused(extension_render(api), 502, "shopify_unavailable")
    admin_api.status = 200
    shopify_shop.shopify_access_token = "shpat_revoked"
    shopify_shop.save()
    refused(extension_render(api), 502, "shopify_unavailable")


def test_the_shop_form_never_shows_shopify_secrets_again(shopify_shop):
    owner = login(superuser=True)
    html = owner.get(f"/cms/shop/edit/{shopify_shop.pk}/").content.decode()
    assert DOMAIN in html and CLIENT_ID in html
    assert CLIENT_SECRET not in html and ACCESS_TOKEN not in html
    assert "••••••••••••" + ACCESS_TOKEN[-4:] in html


# The checkout UI extension (integrations/shopify/), built with its own packages
# (npm ci, esbuild) and run by its tests/harness.mjs as Shopify's checkout would
# run it: a `shopify` global takes its registration, and @remote-ui/core's
# receiver (the library Shopify's host uses) records the components it mounts.
# Its fetches are answered with this server's real responses; what it sends is
# posted to this server in turn.

NODE = shutil.which("node")
NPM = shutil.which("npm")
EXTENSION = Path(settings.BASE_DIR) / "integrations" / "shopify"
SERVER = "https://thankyou.example"

needs_node = pytest.mark.skipif(
    NODE is None or NPM is None,
    reason="The Shopify extension's tests need Node and npm: apt install nodejs npm (.ci/run does)",
)


@pytest.fixture(scope="module")
def bundle():
    """The extension built as `npm run build` builds it, from its locked packages."""
    if not (EXTENSION / "node_modules" / ".package-lock.json").exists():
        subprocess.run(
            [NPM, "ci", "--no-audit", "--no-fund"], cwd=EXTENSION, check=True, capture_output=True
        )
    result = subprocess.run(
        [NPM, "run", "build"], cwd=EXTENSION, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    built = EXTENSION / "dist" / "thankyou-page.js"
    assert built.stat().st_size > 0
    return built


def run_extension(bundle, name, responses, steps=(), server_url=SERVER, token=None):
    """The extension on the thank-you page of this customer's recorded order."""
    order = recorded(name)["data"]["order"]
    money = order["totalPriceSet"]["presentmentMoney"]
    stdin = {
        "bundle": str(bundle),
        "settings": {"server_url": server_url},
        "sessionToken": token or session_token(),
        "orderId": order_gid(name),
        "orderNumber": order["name"],
        "total": float(money["amount"]),  # the extension's API gives a number
        "currency": money["currencyCode"],
        "language": "de",
        "responses": responses,
        "steps": list(steps),
    }
    result = subprocess.run(
        [NODE, EXTENSION / "tests" / "harness.mjs"],
        input=json.dumps(stdin),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def walk(nodes):
    for node in nodes:
        yield node
        if isinstance(node, dict):
            yield from walk(node["children"])


def text_of(node):
    if isinstance(node, str):
        return node
    return "".join(text_of(child) for child in node["children"])


def components(tree, kind):
    return [node for node in walk(tree) if isinstance(node, dict) and node["type"] == kind]


def texts(tree):
    return [node for node in walk(tree) if isinstance(node, str)]


@needs_node
def test_the_extension_renders_each_sample_customers_page(bundle, api, demo_shop, act):
    for name in CUSTOMERS:
        token = session_token()
        page = extension_render(api, name, token=token).json()
        run = run_extension(bundle, name, [{"status": 200, "body": page}], token=token)

        # What the extension asked for is what the server takes: token, order, total.
        request, seen = run["requests"]
        assert request["url"] == f"{SERVER}/api/v1/shopify/render"
        assert request["headers"] == {"Content-Type": "text/plain"}, "no preflight"
        response = api.post(
            "/api/v1/shopify/render",
            data=json.dumps(request["body"]),
            content_type="text/plain",
            HTTP_ORIGIN=EXTENSION_ORIGIN,
        )
        assert response.status_code == 200, response.content
        assert ids(response.json()) == ids(page)
        # The page was seen: counted for analytics and the A/B test.
        assert seen["url"] == f"{SERVER}/api/v1/events"
        assert seen["body"] == {"action_token": page["action_token"], "events": [{"type": "view"}]}
        counted = api.post(
            "/api/v1/events", data=json.dumps(seen["body"]), content_type="text/plain"
        )
        assert counted.status_code in {200, 202}, counted.content

        tree = run["tree"]
        shown = [block for block in page["blocks"] if not block["hidden"]]
        first_heading = text_of(components(tree, "Heading")[0])
        assert PERSONAS[name].first_name in first_heading
        assert first_heading == shown[0]["value"]["text"]
        assert all(node["props"]["source"].startswith("http") for node in components(tree, "Image"))
        for block in page["blocks"]:
            heading = block["value"].get("heading")
            if heading and block["type"] != "heading":
                rendered = heading in texts(tree)
                assert rendered != block["hidden"], (name, block["type"])
        assert run["warnings"] == []

        if name == "guest":
            prompt = next(b for b in shown if b["type"] == "account_prompt")["value"]
            (button,) = [b for b in components(tree, "Button") if b["props"].get("to")]
            assert button["props"]["to"] == prompt["registration_url"]
            assert text_of(button) == prompt["button_label"]
        if name == "vip":
            gift = next(b for b in shown if b["type"] == "gift")["value"]
            assert gift["heading"] in texts(tree)
            assert gift["image"]["src"] in [i["props"]["source"] for i in components(tree, "Image")]
        if name == "returning":
            answer_the_quiz(bundle, api, act, page)


def answer_the_quiz(bundle, api, act, page):
    """The customer picks an answer to each question and presses the button."""
    quiz = next(b for b in page["blocks"] if b["type"] == "quiz" and not b["hidden"])
    steps = [
        {"change": {"name": f"{quiz['id']}-{i}", "value": "0"}}
        for i, _question in enumerate(quiz["value"]["questions"])
    ]
    steps.append({"press": quiz["value"]["button_label"]})
    # First without an answer from the server: the customer is told, nothing breaks.
    run = first_run = run_extension(bundle, "returning", [{"status": 200, "body": page}], steps)
    _render, _seen, sent = run["requests"]
    assert sent["url"] == f"{SERVER}/api/v1/actions/quiz"
    assert sent["body"]["action_token"] == page["action_token"]
    assert sent["body"]["block"] == quiz["id"]
    assert "Das hat nicht geklappt. Bitte versuch es noch einmal." in texts(run["tree"])

    # The same request to this server's actions endpoint, and its answer shown.
    body = sent["body"]
    response = act(
        "quiz",
        body["action_token"],
        body["block"],
        answers=body["answers"],
        headers={"HTTP_ORIGIN": EXTENSION_ORIGIN},
    )
    assert response.status_code == 201, response.content
    outcome = response.json()
    run = run_extension(
        bundle,
        "returning",
        [
            {"status": 200, "body": page},
            {"status": 202, "body": {}},  # the view
            {"status": 201, "body": outcome},
        ],
        steps,
    )
    assert outcome["title"] in texts(run["tree"])
    assert quiz["value"]["button_label"] not in texts(run["tree"])
    # The call to action waiting for the quiz takes its turn.
    queue = page["calls_to_action"]
    following = queue[queue.index(quiz["id"]) + 1]
    waiting = next(b for b in page["blocks"] if b["id"] == following)
    assert waiting["hidden"]
    title = waiting["value"].get("heading") or waiting["value"]["question"]
    assert title not in texts(first_run["tree"])
    assert title in texts(run["tree"])


@needs_node
def test_a_refused_render_leaves_shopifys_page_as_it_is(bundle):
    refusal = {"code": "invalid_signature", "detail": "The session token's signature …"}
    run = run_extension(bundle, "guest", [{"status": 401, "body": refusal}])
    assert run["tree"] == []
    assert len(run["requests"]) == 1
    assert run["warnings"] == [
        "thank-you page: 401 invalid_signature: The session token's signature …"
    ]
    assert run_extension(bundle, "guest", [{"status": 204, "body": None}])["tree"] == []


@needs_node
def test_without_the_server_setting_the_extension_asks_nothing(bundle):
    run = run_extension(bundle, "guest", [], server_url="")
    assert run["requests"] == []
    assert run["tree"] == []
    assert "Thank-you page server" in run["warnings"][0]


def test_the_shopify_secrets_are_entered_once_and_kept():
    from tests.test_secret_display import SHOP_FORM

    admin = login(superuser=True)
    connection = {
        "shopify_domain": DOMAIN,
        "shopify_client_id": CLIENT_ID,
        "shopify_client_secret": CLIENT_SECRET,
        "shopify_access_token": ACCESS_TOKEN,
    }
    created = admin.post("/cms/shop/new/", {**SHOP_FORM, **connection}, follow=True)
    shop = Shop.objects.get(key="zeta")
    assert shop.on_shopify
    assert CLIENT_SECRET not in created.content.decode()
    assert ACCESS_TOKEN not in created.content.decode()

    # Saved again with the secrets' fields left empty: they are kept.
    edit = f"/cms/shop/edit/{shop.pk}/"
    kept = {**connection, "shopify_client_secret": "", "shopify_access_token": ""}
    response = admin.post(edit, {**SHOP_FORM, **kept, "name": "Zeta 2"})
    assert response.status_code == 302, response.content.decode()[:2000]
    shop.refresh_from_db()
    assert shop.name == "Zeta 2"
    assert (shop.shopify_client_secret, shop.shopify_access_token) == (CLIENT_SECRET, ACCESS_TOKEN)

    # A domain without the app's client ID is not a connection.
    half = {**kept, "shopify_client_id": ""}
    refused = admin.post(edit, {**SHOP_FORM, **half})
    assert refused.status_code == 200
    assert "A Shopify shop needs all four of these." in refused.content.decode()
    taken = admin.post(edit, {**SHOP_FORM, **kept, "shopify_domain": "not-shopify.example"})
    assert "Enter the shop&#x27;s myshopify.com domain" in taken.content.decode()


def test_an_odd_order_costs_its_odd_values_never_the_page(api, shopify_shop, admin_api):
    """What the claims would refuse (a long name, an address Django finds odd, a
    NUL character) is cut or left out, so the customer still gets the page."""
    order = admin_api.shops[DOMAIN][1][order_gid("guest", "Order")]["data"]["order"]
    order["email"] = "lena@example"
    order["customer"]["firstName"] = "Le\x00na"
    order["lineItems"]["nodes"][0]["name"] = "Espresso " + "ä" * 400
    order["shippingLine"]["title"] = "Express " * 30
    response = extension_render(api, "guest")
    assert response.status_code == 200, response.content
    assert "Danke, Lena!" in response.json()["html"]
