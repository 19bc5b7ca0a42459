"""
How the embed loads, in a real Chromium: the loader never holds the shop's
load event however slow our server is, and the tag alone, without inline
script, works under a strict Content Security Policy and says what it blocks.
"""

import threading

import pytest
from django.conf import settings

from tests.proxy import holding_proxy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOP = "https://shop.example"
LOADER = (settings.BASE_DIR / "thankyou/static/thankyou/embed/loader.js").read_text()


@pytest.fixture
def held_server(server):
    """
    Our server, hanging: a proxy in front of it that answers nothing until
    the test releases it, then passes every request on.
    """
    release = threading.Event()
    with holding_proxy(server, lambda: release.wait(60)) as url:
        yield url, release
        release.set()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors, page.warnings = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: m.type in ("warning", "error") and page.warnings.append(m.text))
    yield page
    context.close()


@pytest.fixture
def shop_token(make_shop, make_page, token_for):
    shop = make_shop("loading", allowed_origins=SHOP)
    make_page(shop, body=[("heading", {"text": "Danke fürs Warten", "subtitle": ""})])
    return token_for(shop)


def serve(page, path, body, csp=None):
    """Serve the shop's page (or its loader) from the shop's origin."""
    headers = {"Content-Type": "text/javascript" if path.endswith(".js") else "text/html"}
    if csp:
        headers["Content-Security-Policy"] = csp
    page.route(SHOP + path, lambda route: route.fulfill(status=200, headers=headers, body=body))
    return SHOP + path


def shop_html(tag=""):
    # An image of its own, as a shop's page has: the load event waits for it.
    return (
        "<!doctype html><html><head><title>Shop</title></head><body>"
        "<h1>Order confirmed</h1><img src='/logo.svg' alt='Shop'><div id='slot'></div>"
        f"{tag}<p id='after'>Shop footer</p></body></html>"
    )


def load_event(page, url):
    """Milliseconds from navigation to this page's load event."""
    page.goto(url, wait_until="load")
    return page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventStart")


def test_a_hanging_server_does_not_hold_the_shops_load_event(page, held_server, shop_token):
    held, release = held_server
    logo = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"
    page.route(SHOP + "/logo.svg", lambda r: r.fulfill(body=logo, content_type="image/svg+xml"))
    serve(page, "/thankyou-loader.js", LOADER)
    # The baseline loads a script of the shop's own as large as the loader.
    serve(page, "/own.js", "/*" + "x" * len(LOADER) + "*/")
    plain = serve(page, "/plain", shop_html("<script async src='/own.js'></script>"))
    tag = (
        f"<script async src='/thankyou-loader.js' data-server='{held}' "
        f"data-token='{shop_token}' data-target='#slot'></script>"
    )
    embedded = serve(page, "/embedded", shop_html(tag))
    load_event(page, plain)  # the browser warmed up
    baseline = load_event(page, plain)

    with_embed = load_event(page, embedded)

    assert with_embed < baseline + 100, (baseline, with_embed)
    assert page.locator("#slot").evaluate("el => el.shadowRoot") is None, "the server still holds"
    release.set()
    page.locator("#slot").get_by_text("Danke fürs Warten").wait_for()
    assert page.locator("#after").inner_text() == "Shop footer"
    assert page.errors == []


STRICT = (
    "default-src 'none'; script-src {server} 'self'; connect-src {server}; "
    "img-src {server}; media-src {server}; style-src 'none'"
)


def test_the_loader_without_a_target_shows_the_content_in_its_place(server, page, shop_token):
    serve(page, "/thankyou-loader.js", LOADER)
    tag = (
        f"<script async src='/thankyou-loader.js' data-server='{server}/' "
        f"data-token='{shop_token}'></script>"
    )
    page.goto(serve(page, "/loader", shop_html(tag), csp=STRICT.format(server=server)))
    page.locator("thankyou-page").get_by_text("Danke fürs Warten").wait_for()
    assert page.locator("script + thankyou-page").count() == 1
    assert page.errors == [] and not [w for w in page.warnings if "[thankyou]" in w]


def test_the_single_page_tag_needs_no_inline_script_under_a_strict_policy(server, page, shop_token):
    # In the head, before the target exists: the content goes there once it does.
    html = (
        "<!doctype html><html><head>"
        f"<script async src='{server}/embed/v1.js' data-token='{shop_token}' data-target='#slot'>"
        "</script></head><body><h1>Order confirmed</h1><div id='slot'></div></body></html>"
    )
    page.goto(serve(page, "/spa", html, csp=STRICT.format(server=server)))
    page.locator("#slot").get_by_text("Danke fürs Warten").wait_for()
    assert page.errors == [] and not [w for w in page.warnings if "Content Security" in w]


def test_what_the_shops_policy_blocks_is_told_with_the_fix(server, page, shop_token):
    csp = f"default-src 'none'; script-src {server}; connect-src 'self'"
    tag = f"<script async src='{server}/embed/v1.js' data-token='{shop_token}'></script>"
    with page.expect_console_message(lambda m: "[thankyou] add" in m.text) as told:
        page.goto(serve(page, "/blocked", shop_html(tag), csp=csp))
    assert told.value.text == f"[thankyou] add {server} to your CSP's connect-src"
    assert page.locator("thankyou-page").count() == 0, "nothing of ours is shown"
    assert page.locator("#after").inner_text() == "Shop footer"
    assert page.errors == []
