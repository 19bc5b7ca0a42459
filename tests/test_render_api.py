"""POST /api/v1/render: what a shop's page receives."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thankyou.core import action_tokens
from thankyou.core.html import absolutize

pytestmark = pytest.mark.django_db


def test_response_shape(api, shop, page, token_for):
    body = api.render({"token": token_for(shop)}).json()
    assert set(body) >= {
        "html",
        "css",
        "scripts",
        "blocks",
        "page",
        "revision",
        "variant",
        "locale",
        "action_token",
        "calls_to_action",
    }
    assert body["revision"] == page.live_revision_id
    assert body["blocks"][0]["type"] == "heading"
    assert body["blocks"][0]["value"]["text"] == "Thank you from Acme"
    assert ":host{--ty-primary:#1a7f5a;" in body["css"]
    assert body["css"].count("--ty-primary:") == 1  # the theme's only, no default before it


def test_json_and_text_plain_bodies_are_both_accepted(api, shop, page, token_for):
    token = token_for(shop)
    assert api.render({"token": token}, content_type="application/json").status_code == 200
    assert api.render({"token": token}, content_type="text/plain;charset=UTF-8").status_code == 200


def test_a_browser_gets_the_render_compressed_each_time_to_a_different_length(
    api, shop, page, token_for
):
    token = token_for(shop)
    plain = api.render({"token": token})
    assert "Content-Encoding" not in plain.headers, "only for clients that accept it"
    answers = [api.render({"token": token}, HTTP_ACCEPT_ENCODING="gzip, br") for _ in range(8)]
    assert {answer.headers["Content-Encoding"] for answer in answers} == {"gzip"}
    assert gzip.decompress(answers[0].content) == plain.content
    assert len(answers[0].content) < 0.6 * len(plain.content)
    assert len({len(answer.content) for answer in answers}) > 1, "padded against BREACH"
    assert "Accept-Encoding" in answers[0].headers["Vary"]


def test_no_live_page_gives_204(api, shop, make_page, token_for):
    make_page(shop, publish=False)
    response = api.render({"token": token_for(shop)})
    assert response.status_code == 204
    assert response.content == b""


def test_page_in_the_customers_language(api, shop, make_page, token_for):
    make_page(shop, title="Danke", language="de")
    make_page(shop, title="Thanks", language="en")
    assert (
        api.render({"token": token_for(shop, locale="en-GB")}).json()["page"]["title"] == "Thanks"
    )
    assert api.render({"token": token_for(shop, locale="de-AT")}).json()["page"]["title"] == "Danke"


def test_our_own_texts_follow_the_page_language(api, shop, make_page, token_for):
    make_page(shop, title="Danke", language="de")
    make_page(shop, title="Thanks", language="en")
    german = api.render({"token": token_for(shop, locale="de-DE")}).json()["html"]
    english = api.render({"token": token_for(shop, locale="en-GB")}).json()["html"]
    # Named after the shop: the host page's own regions are about the order.
    assert 'dir="ltr" role="region" aria-label="Ein Dankeschön von Acme"' in german
    assert 'dir="ltr" role="region" aria-label="Thanks from Acme"' in english


def test_unknown_language_falls_back_to_the_shops_default(api, shop, make_page, token_for):
    make_page(shop, title="Danke", language="de")
    body = api.render({"token": token_for(shop, locale="fr-FR")}).json()
    assert body["page"]["title"] == "Danke"
    assert body["locale"] == "de"


def test_missing_translation_falls_back_to_the_shops_default(api, shop, make_page, token_for):
    make_page(shop, title="Danke", language="de")
    assert api.render({"token": token_for(shop, locale="en-US")}).json()["page"]["title"] == "Danke"


def test_rendering_writes_nothing(api, shop, page, token_for):
    token = token_for(shop)
    with CaptureQueriesContext(connection) as queries:
        assert api.render({"token": token}).status_code == 200
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_two_customers_never_see_each_others_data(api, shop, page, token_for):
    def customer(name, order_id):
        return {
            "customer": {"first_name": name, "email": f"{name.lower()}@example.com"},
            "order": {"id": order_id, "number": order_id},
        }

    first = api.render({"token": token_for(shop, **customer("Annabelle", "ORD-111"))})
    second = api.render({"token": token_for(shop, **customer("Bartholomew", "ORD-222"))})
    for response, others in (
        (first, ("Bartholomew", "ORD-222")),
        (second, ("Annabelle", "ORD-111")),
    ):
        text = response.content.decode()
        for value in others:
            assert value not in text
        assert "example.com" not in text


def test_merchant_text_is_escaped_and_sanitised(api, shop, make_page, token_for):
    make_page(
        shop,
        body=[
            ("heading", {"text": "<script>alert(1)</script>", "subtitle": ""}),
            (
                "text",
                {
                    "text": '<p onclick="x()">Hi <a href="javascript:alert(1)">x</a>'
                    "<img src=x onerror=alert(1)><script>alert(2)</script></p>"
                },
            ),
        ],
    )
    html = api.render({"token": token_for(shop)}).json()["html"]
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onclick" not in html and "onerror" not in html and "javascript:" not in html


def test_action_token_names_shop_order_page_and_blocks(api, shop, page, token_for):
    body = api.render({"token": token_for(shop)}).json()
    claims = action_tokens.verify(body["action_token"])
    assert claims.shop == shop.key
    assert claims.order == "A-1001"
    assert claims.page == page.pk
    assert claims.revision == page.live_revision_id
    assert claims.blocks == tuple(block["id"] for block in body["blocks"])
    assert (claims.total, claims.currency) == ("49.90", "EUR")


def test_cors_only_for_the_shops_own_origins(api, make_shop, make_page, token_for):
    shop_a = make_shop("alpha")
    make_shop("beta")
    make_page(shop_a)
    token = token_for(shop_a)

    allowed = api.render({"token": token}, HTTP_ORIGIN="https://alpha.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://alpha.example"
    assert "Access-Control-Allow-Credentials" not in allowed

    # From a page on none of the shop's origins: refused, and readable, so the
    # embed script can say why instead of "server unreachable".
    other_shop = api.render({"token": token}, HTTP_ORIGIN="https://beta.example")
    assert other_shop.status_code == 403
    assert other_shop.json()["field"] == "origin"
    assert "https://beta.example" in other_shop.json()["detail"]
    assert "html" not in other_shop.json()

    assert api.render({"token": token}).status_code == 200  # a server sends no Origin
    own = api.render({"token": token}, HTTP_ORIGIN="http://testserver")
    assert own.status_code == 200  # this server's own pages, such as the demo


def test_origins_are_matched_as_browsers_send_them(api, make_shop, make_page, token_for):
    shop = make_shop(
        "alpha",
        allowed_origins="HTTPS://Shop.Example:443/\nhttp://LocalHost:8102\nhttps://bücher.example",
    )
    make_page(shop)
    token = token_for(shop)
    for origin in (
        "https://shop.example",
        "http://localhost:8102",
        "https://xn--bcher-kva.example",
    ):
        response = api.render({"token": token}, HTTP_ORIGIN=origin)
        assert response.status_code == 200, origin
        assert response["Access-Control-Allow-Origin"] == origin


def test_cors_preflight_for_known_shop_origins(api, make_shop):
    make_shop("alpha")
    ok = api.options(
        "/api/v1/render",
        HTTP_ORIGIN="https://alpha.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert ok["Access-Control-Allow-Origin"] == "https://alpha.example"
    unknown = api.options(
        "/api/v1/render",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in unknown


def test_errors_are_readable_by_any_origin_but_say_nothing(api, shop):
    response = api.render({"token": "a.b.c"}, HTTP_ORIGIN="https://anywhere.example")
    assert response.status_code == 401
    assert response["Access-Control-Allow-Origin"] == "https://anywhere.example"


def test_no_session_cookie_on_the_public_api(api, shop, page, token_for):
    response = api.render({"token": token_for(shop)})
    assert not response.cookies


def test_urls_in_html_are_made_absolute(settings):
    settings.PUBLIC_URL = "https://ty.example"
    html = absolutize(
        '<a href="/documents/1/x.pdf">x</a><img src="/media/a.jpg" '
        'srcset="/media/a-1.webp 1x, /media/a-2.webp 2x"><a href="https://shop.example/">s</a>'
        "<p>a, /b</p>"
    )
    assert 'href="https://ty.example/documents/1/x.pdf"' in html
    assert 'src="https://ty.example/media/a.jpg"' in html
    assert (
        'srcset="https://ty.example/media/a-1.webp 1x, https://ty.example/media/a-2.webp 2x"'
        in html
    )
    assert 'href="https://shop.example/"' in html
    assert "<p>a, /b</p>" in html


def test_openapi_schema_documents_the_render_endpoint(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/render" in schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert client.get("/api/v1/docs/").status_code == 200


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_embed_script_is_served_minified_and_revalidates(client):
    response = client.get("/embed/v1.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "max-age=300" in response["Cache-Control"]
    script = response.content.decode()
    assert "thankyou.behave" not in script  # comments are gone
    assert ".render=" in script and ".track=" in script  # the public API keeps its names
    assert "function render(" not in script  # local names are short
    assert not any(line.startswith((" ", "//")) for line in script.splitlines())
    again = client.get("/embed/v1.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_embed_module_and_the_loader_are_served_for_other_origins(client):
    module = client.get("/embed/v1.mjs")
    assert module["Access-Control-Allow-Origin"] == "*"  # import() asks with CORS
    assert module.content.decode().startswith("var thankyouTag = {src: import.meta.url")
    assert "currentScript" not in module.content.decode()
    assert client.get("/embed/v1.mjs", HTTP_IF_NONE_MATCH=module["ETag"]).status_code == 304
    loader = client.get("/embed/loader.js")
    assert loader["Content-Type"].startswith("text/javascript")
    assert "Copy it to your own site" in loader.content.decode()  # as written, to be read
