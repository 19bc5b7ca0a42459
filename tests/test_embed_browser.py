"""
The embed script in a real Chromium: content in a shadow root, isolated from
the host's CSS, and a host page that never breaks, whatever our server does.
"""

import json

import pytest
from django.core.management import call_command

from thankyou.blocks.gift_code import GiftCodeBlock
from thankyou.core.models import Shop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOP_ORIGIN = "https://shop.example"
HOSTILE_CSS = """
* { color: red !important; font-family: Impact, fantasy !important; font-size: 40px !important;
    letter-spacing: 9px !important; background: yellow !important; }
h2, h3, p, li, section, div { display: inline !important; margin: 50px !important; }
thankyou-page * { visibility: hidden !important; }
"""


@pytest.fixture
def demo(server):
    call_command("seed_demo", verbosity=0)
    return server


@pytest.fixture
def shop_page(server, make_shop, make_page, token_for):
    """A fake shop at https://shop.example whose confirmation page embeds us."""
    shop = make_shop("fake", allowed_origins=SHOP_ORIGIN, color_text="#123456")
    make_page(
        shop,
        body=[
            ("heading", {"text": "Danke schön", "subtitle": "Alles klar"}),
            ("next_steps", {"heading": "Weiter", "steps": [{"title": "Versand", "text": ""}]}),
        ],
    )

    def host(page, *, head="", script_src=None, attrs="", body_end="", csp=None):
        src = script_src or f"{server}/embed/v1.js"
        html = (
            f"<!doctype html><html><head><title>Shop</title>{head}</head><body>"
            f"<h1 id='shop-title'>Order confirmed</h1>"
            f"<script async src='{src}' data-token='{token_for(shop)}' {attrs}></script>"
            f"<p id='after'>Shop footer</p>{body_end}</body></html>"
        )
        headers = {"Content-Type": "text/html"}
        if csp:
            headers["Content-Security-Policy"] = csp
        page.route(
            f"{SHOP_ORIGIN}/confirmation",
            lambda route: route.fulfill(status=200, headers=headers, body=html),
        )
        return f"{SHOP_ORIGIN}/confirmation"

    return host


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors, page.warnings = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda msg: page.warnings.append(msg.text) if msg.type in ("warning", "error") else None,
    )
    yield page
    context.close()


def shadow_text(page, selector="thankyou-page"):
    return page.locator(selector).evaluate("el => el.shadowRoot ? el.shadowRoot.textContent : ''")


def our_warnings(page):
    return [text for text in page.warnings if "[thankyou]" in text]


def told(page):
    """
    Wait, at the end of the with block, for our script's console warning: a
    render or answer that fails says so once, as the last thing it does.
    """
    return page.expect_console_message(lambda message: "[thankyou]" in message.text)


def requests_to(page, path):
    """The list of this page's requests to our `path`, filled in as they are sent."""
    sent = []
    page.on("request", lambda request: sent.append(request) if path in request.url else None)
    return sent


@pytest.mark.parametrize(
    ("customer", "lang", "expected"),
    [
        ("guest", "de", "Danke für deine Bestellung, Lena!"),
        ("returning", "de", "So geht es weiter"),
        ("vip", "en", "You are one of our most loyal customers."),
    ],
)
def test_demo_shows_the_thank_you_content_in_a_shadow_root(demo, page, customer, lang, expected):
    page.goto(f"{demo}/demo/?customer={customer}&lang={lang}")
    page.wait_for_function("() => document.querySelector('thankyou-page')?.shadowRoot")
    page.locator("thankyou-page").get_by_text(expected).wait_for()
    assert expected in shadow_text(page)
    # Light DOM holds only the host element: the shop's CSS cannot select our content.
    assert page.locator("thankyou-page").evaluate("el => el.children.length") == 0
    assert page.errors == []
    assert not [w for w in page.warnings if "Content Security Policy" in w]


def computed_heading_style(page):
    page.locator("thankyou-page").get_by_text("Danke schön").wait_for()
    return page.locator("thankyou-page").evaluate(
        """el => {
            const h = el.shadowRoot.querySelector('h2');
            const s = getComputedStyle(h);
            return {color: s.color, font: s.fontFamily, size: s.fontSize, display: s.display,
                    spacing: s.letterSpacing, visibility: s.visibility, margin: s.marginTop,
                    background: getComputedStyle(h.closest('.ty')).backgroundColor};
        }"""
    )


def test_hostile_host_css_does_not_change_our_content(shop_page, page):
    page.goto(shop_page(page))
    clean = computed_heading_style(page)
    assert clean["color"] == "rgb(18, 52, 86)"  # the shop's text colour, #123456

    page.goto(shop_page(page, head=f"<style>{HOSTILE_CSS}</style>"))
    assert computed_heading_style(page) == clean
    assert page.locator("#shop-title").evaluate("el => getComputedStyle(el).color") == (
        "rgb(255, 0, 0)"
    ), "the hostile CSS is live on the host page itself"


def test_our_css_does_not_leak_into_the_host(shop_page, page):
    page.goto(shop_page(page, head="<style>h1{color:rgb(1,2,3)}</style>"))
    page.locator("thankyou-page").get_by_text("Danke schön").wait_for()
    assert page.locator("#shop-title").evaluate("el => getComputedStyle(el).color") == (
        "rgb(1, 2, 3)"
    )


def test_shop_overrides_theme_through_custom_properties(shop_page, page):
    page.goto(shop_page(page, head="<style>thankyou-page{--ty-text: rgb(0, 128, 0)}</style>"))
    assert computed_heading_style(page)["color"] == "rgb(0, 128, 0)"


def test_works_under_a_strict_content_security_policy(server, shop_page, page):
    csp = (
        f"default-src 'none'; script-src {server}; connect-src {server}; "
        f"img-src {server}; media-src {server}; style-src 'none'"
    )
    page.goto(shop_page(page, csp=csp))
    style = computed_heading_style(page)
    assert style["color"] == "rgb(18, 52, 86)", "our stylesheet applies without style-src"
    assert page.errors == []
    assert not [w for w in page.warnings if "Content Security Policy" in w], page.warnings


def assert_host_page_intact(page):
    page.wait_for_function("() => window.hostScriptRan === true")
    assert page.locator("#shop-title").inner_text() == "Order confirmed"
    assert page.locator("#after").inner_text() == "Shop footer"
    assert page.errors == []


HOST_SCRIPT = "<script>window.hostScriptRan = true;</script>"


def test_api_down_leaves_the_host_page_untouched(shop_page, page):
    page.route("**/api/v1/render", lambda route: route.abort("connectionrefused"))
    with told(page):
        page.goto(shop_page(page, body_end=HOST_SCRIPT))
    page.wait_for_function("() => window.thankyou && true")
    assert_host_page_intact(page)
    assert len(our_warnings(page)) == 1
    assert "server unreachable" in our_warnings(page)[0]
    assert page.locator("thankyou-page").count() == 0


def test_slow_api_times_out_with_one_warning(shop_page, page):
    page.route("**/api/v1/render", lambda route: None)  # never answers
    with told(page):
        page.goto(shop_page(page, attrs="data-timeout='400'", body_end=HOST_SCRIPT))
    assert_host_page_intact(page)
    assert len(our_warnings(page)) == 1
    assert "timed out" in our_warnings(page)[0]


@pytest.mark.parametrize(
    ("status", "body", "said"),
    [
        (500, "<html>Internal Server Error</html>", "500 unexpected response"),
        (200, "{not json", "200 unexpected response"),
        (200, '{"html": 5}', "unexpected response"),
        (403, "null", "403 unexpected response"),
        (200, "null", "200 unexpected response"),
    ],
)
def test_erroring_api_leaves_the_host_page_untouched(shop_page, page, status, body, said):
    page.route(
        "**/api/v1/render",
        lambda route: route.fulfill(
            status=status,
            body=body,
            headers={"Access-Control-Allow-Origin": "*", "Content-Type": "application/json"},
        ),
    )
    with told(page):
        page.goto(shop_page(page, body_end=HOST_SCRIPT))
    assert_host_page_intact(page)
    [warning] = our_warnings(page)
    assert said in warning


def test_no_page_for_the_order_says_so_once(shop_page, page):
    page.route("**/api/v1/render", lambda route: route.fulfill(status=204))
    with told(page):
        page.goto(shop_page(page, body_end=HOST_SCRIPT))
    assert_host_page_intact(page)
    assert our_warnings(page) == ["[thankyou] no page for this order"]
    assert page.locator("thankyou-page").count() == 0


def test_the_same_tag_twice_shows_the_page_once(server, page, make_shop, make_page, token_for):
    shop = make_shop("twice", allowed_origins=SHOP_ORIGIN)
    make_page(shop, body=[("heading", {"text": "Einmal reicht", "subtitle": ""})])
    tag = f"<script async src='{server}/embed/v1.js' data-token='{token_for(shop)}'></script>"
    html = f"<!doctype html><html><body>{tag}<p>Shop</p>{tag}{HOST_SCRIPT}</body></html>"
    page.route(f"{SHOP_ORIGIN}/twice", lambda r: r.fulfill(body=html, content_type="text/html"))
    renders = requests_to(page, "/api/v1/render")
    page.goto(f"{SHOP_ORIGIN}/twice")  # after the load event: both copies have run
    page.locator("thankyou-page").get_by_text("Einmal reicht").wait_for()
    assert len(renders) == 1, "the second copy asked for nothing"
    assert page.locator("thankyou-page").count() == 1
    assert page.errors == [] and our_warnings(page) == []


def test_prototype_js_arrays_do_not_spoil_answers_or_events(page, prompts_page):
    # Prototype.js (Magento 1 and others) writes arrays as strings in JSON.
    page.evaluate(
        """() => { Array.prototype.toJSON = function () {
            return '[' + this.map(x => JSON.stringify(x)).join(', ') + ']'; }; }"""
    )
    quiz = page.locator("section[data-type=quiz]")
    for radio in quiz.get_by_role("radio").all()[::2]:
        radio.check()
    with page.expect_request("**/api/v1/events") as sent:
        quiz.locator("button[type=submit]").click()
        quiz.locator("[data-show=done]").wait_for()
        page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pagehide'))")
    assert isinstance(json.loads(sent.value.post_data)["events"], list)
    assert page.locator("#thankyou").evaluate(
        "host => host.shadowRoot.querySelector('[data-show=error]').hidden"
    )
    assert page.evaluate("() => typeof Array.prototype.toJSON") == "function"  # theirs, kept
    assert page.errors == []


def test_our_server_down_leaves_the_host_page_untouched(server, shop_page, page):
    """Our script from the browser's cache, and our server gone: nothing listens any more."""
    from tests.production_server import free_port

    down = f"http://127.0.0.1:{free_port()}"
    script = page.request.get(f"{server}/embed/v1.js").body()
    page.route(
        f"{down}/embed/v1.js",
        lambda route: route.fulfill(body=script, content_type="text/javascript"),
    )
    with told(page):
        page.goto(shop_page(page, script_src=f"{down}/embed/v1.js", body_end=HOST_SCRIPT))
    assert_host_page_intact(page)
    assert our_warnings(page) == ["[thankyou] not shown: server unreachable"]
    assert page.locator("thankyou-page").count() == 0


def test_rejected_token_logs_the_reason(shop_page, page):
    page.goto(shop_page(page, body_end=HOST_SCRIPT))
    page.locator("thankyou-page").get_by_text("Danke schön").wait_for()
    with told(page):
        page.evaluate("() => thankyou.render({token: 'a.b.c', target: '#after'})")
    assert any("invalid_token" in w for w in our_warnings(page))
    assert page.locator("#after").inner_text() == "Shop footer"


def test_javascript_api_and_queue_for_single_page_shops(
    server, page, make_shop, make_page, token_for
):
    shop = make_shop("spa", allowed_origins=SHOP_ORIGIN)
    make_page(shop, body=[("heading", {"text": "Hallo SPA", "subtitle": ""})])
    token = token_for(shop)
    html = (
        "<!doctype html><html><body><div id='slot'></div>"
        # The queue stub: calls made before the script has loaded are kept.
        "<script>window.thankyou = window.thankyou || function () {"
        "(window.thankyou.q = window.thankyou.q || []).push(arguments) };"
        f"thankyou('render', {{token: '{token}', target: '#slot'}});</script>"
        f"<script async src='{server}/embed/v1.js'></script></body></html>"
    )
    page.route(
        f"{SHOP_ORIGIN}/spa", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto(f"{SHOP_ORIGIN}/spa")
    page.locator("#slot").get_by_text("Hallo SPA").wait_for()

    # Host pages patch globals after we load; we keep our own references.
    page.evaluate(
        """() => {
            document.getElementById('slot').remove();
            const slot = document.createElement('div'); slot.id = 'slot2';
            document.body.appendChild(slot);
            window.fetch = () => Promise.reject(new Error('patched fetch'));
            JSON.parse = () => { throw new Error('patched JSON'); };
            JSON.stringify = () => '{}';
        }"""
    )
    page.evaluate(f"() => thankyou.render({{token: '{token}', target: '#slot2'}})")
    page.locator("#slot2").get_by_text("Hallo SPA").wait_for()
    assert page.errors == []


def test_origins_the_shop_does_not_allow_are_told_so_and_see_nothing(
    server, page, make_shop, make_page, token_for
):
    shop = make_shop("locked", allowed_origins="https://other.example")
    make_page(shop, body=[("heading", {"text": "Nur für andere", "subtitle": ""})])
    html = (
        "<!doctype html><html><body><h1 id='shop-title'>Order confirmed</h1>"
        f"<script async src='{server}/embed/v1.js' data-token='{token_for(shop)}'></script>"
        "<p id='after'>Shop footer</p>" + HOST_SCRIPT + "</body></html>"
    )
    page.route(f"{SHOP_ORIGIN}/x", lambda route: route.fulfill(body=html, content_type="text/html"))
    with told(page):
        page.goto(f"{SHOP_ORIGIN}/x")
    assert_host_page_intact(page)
    assert "Nur für andere" not in page.content()
    [warning] = our_warnings(page)
    assert "origin_not_allowed" in warning and SHOP_ORIGIN in warning  # not "server unreachable"


def test_demo_shop_exists_after_seed(demo):
    assert Shop.objects.filter(key="demo").exists()


@pytest.fixture
def slow_server():
    """
    A server of our own: pages sent in two parts, the second once the test
    releases it; and an API that stalls mid-answer until the test ends.
    """
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    pages = {}
    release, done = threading.Event(), threading.Event()

    def serve(conn):
        with conn:
            request = conn.recv(65536).decode(errors="replace")
            path = request.split(" ")[1] if " " in request else "/"
            if path in pages:
                first, rest = pages[path]
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + first)
                release.wait(30)  # the rest of the page is slow to come
                conn.sendall(rest)
            else:
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Access-Control-Allow-Origin: *\r\nContent-Length: 100\r\n\r\n" + b'{"html": "'
                )
                done.wait(30)  # headers and a start, then nothing

    def accept():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", pages, release
    done.set()
    release.set()
    listener.close()


def test_an_answer_that_stalls_after_its_headers_still_times_out(shop_page, page, slow_server):
    stalled, _pages, _release = slow_server
    page.route("**/api/v1/render", lambda route: route.continue_(url=stalled + "/api/v1/render"))
    with told(page):
        page.goto(shop_page(page, attrs="data-timeout='400'", body_end=HOST_SCRIPT))
    assert_host_page_intact(page)
    [warning] = our_warnings(page)
    assert "timed out after 400 ms" in warning


def test_a_target_further_down_a_slow_page_gets_the_content(
    server, page, slow_server, make_shop, make_page, token_for
):
    base, pages, release = slow_server
    shop = make_shop("slowpage", allowed_origins=base)
    make_page(shop, body=[("heading", {"text": "Endlich da", "subtitle": ""})])
    pages["/confirmation"] = (
        f"<!doctype html><html><head><script async src='{server}/embed/v1.js' "
        f"data-token='{token_for(shop)}' data-target='#slot'></script></head><body>".encode(),
        b"<h1>Order confirmed</h1><div id='slot'></div></body></html>",
    )
    # The rest of the page, with the target, comes once our answer is in.
    page.on("requestfinished", lambda r: release.set() if "/api/v1/render" in r.url else None)
    page.goto(base + "/confirmation")
    page.locator("#slot").get_by_text("Endlich da").wait_for()
    assert page.evaluate(
        """() => performance.getEntriesByName(document.querySelector('script').src
                .replace('/embed/v1.js', '/api/v1/render'))[0].responseEnd
            < performance.getEntriesByType('navigation')[0].domContentLoadedEventStart"""
    ), "the answer came before the target was there"
    assert page.errors == [] and our_warnings(page) == []


def test_an_unknown_target_is_told_and_nothing_is_put_anywhere(shop_page, page, token_for):
    page.goto(shop_page(page, body_end=HOST_SCRIPT))
    page.locator("thankyou-page").get_by_text("Danke schön").wait_for()
    token = page.locator("script[data-token]").get_attribute("data-token")
    assert page.evaluate(f"() => thankyou.render({{token: '{token}', target: '#nothing'}})") is None
    assert page.locator("thankyou-page").count() == 1
    [warning] = our_warnings(page)
    assert "target #nothing not found" in warning


@pytest.fixture
def prompts_page(server, page, make_shop, make_page, token_for):
    """A single-page shop whose page offers three calls to action, one after another."""
    from thankyou.blocks.quiz import QuizBlock
    from thankyou.blocks.survey import SurveyBlock

    shop = make_shop("prompts", allowed_origins=SHOP_ORIGIN)
    make_page(
        shop,
        cta_limit=3,
        body=[
            ("quiz", QuizBlock().get_preview_value()),
            ("survey", SurveyBlock().get_preview_value()),
            ("gift_code", GiftCodeBlock().get_preview_value()),
        ],
    )
    html = (
        "<!doctype html><html><body><div id='thankyou'></div>"
        # The stub of docs/integrating.md: an element with id="thankyou" is window.thankyou too.
        '<script>typeof thankyou == "function" || (window.thankyou = function () {'
        " (thankyou.q = thankyou.q || []).push(arguments) });"
        f"thankyou('render', {{token: '{token_for(shop)}', target: '#thankyou'}});</script>"
        f"<script async src='{server}/embed/v1.js'></script></body></html>"
    )
    page.route(f"{SHOP_ORIGIN}/spa", lambda r: r.fulfill(body=html, content_type="text/html"))
    page.goto(f"{SHOP_ORIGIN}/spa")
    page.locator("section[data-type=quiz]").wait_for()
    return token_for(shop)


def shown_prompts(page):
    return page.locator("#thankyou").evaluate(
        """host => [...host.shadowRoot.querySelectorAll('section')]
            .filter(s => !s.hidden).map(s => s.dataset.type)"""
    )


def test_rendering_again_into_the_same_target_acts_once(page, prompts_page):
    # The promise settles once the content is in and wired.
    assert (
        page.evaluate(
            f"() => thankyou.render({{token: '{prompts_page}', target: '#thankyou'}})"
            ".then(host => host && host.id)"
        )
        == "thankyou"
    )
    page.locator("section[data-type=quiz]").get_by_role("button", name="Jetzt nicht").click()
    assert shown_prompts(page) == ["survey"]
    assert page.errors == []


def test_a_double_click_on_send_answers_once(page, prompts_page):
    quiz = page.locator("section[data-type=quiz]")
    for radio in quiz.get_by_role("radio").all()[::2]:
        radio.check()
    answers = requests_to(page, "/api/v1/actions")
    quiz.locator("button[type=submit]").dblclick()
    quiz.locator("[data-show=done]").wait_for()
    # Both clicks were handled before the answer came back: one was sent.
    assert len(answers) == 1
    assert shown_prompts(page) == ["quiz", "survey"]
    assert page.errors == []


@pytest.mark.parametrize(
    ("status", "body", "shown"),
    [
        (200, "null", "error"),
        (204, "", "done"),
        (400, '{"code": "x\\"]", "detail": "odd"}', None),  # said in the console
    ],
)
def test_odd_answers_to_an_action_never_reach_the_host_page(
    page, prompts_page, status, body, shown
):
    page.route(
        "**/api/v1/actions",
        lambda route: route.fulfill(
            status=status, body=body, headers={"Access-Control-Allow-Origin": "*"}
        ),
    )
    quiz = page.locator("section[data-type=quiz]")
    for radio in quiz.get_by_role("radio").all()[::2]:
        radio.check()
    if shown:
        quiz.locator("button[type=submit]").click()
        quiz.locator(f"[data-show={shown}]:not([hidden])").wait_for(state="attached")
    else:
        with told(page):
            quiz.locator("button[type=submit]").click()
    assert page.errors == []


def test_a_second_copy_of_the_script_keeps_the_api_under_trusted_types(
    server, page, make_shop, make_page, token_for
):
    shop = make_shop("twice", allowed_origins=SHOP_ORIGIN)
    make_page(shop, body=[("heading", {"text": "Einmal reicht", "subtitle": ""})])
    csp = (
        f"script-src {server} 'nonce-n1'; connect-src {server}; "
        "require-trusted-types-for 'script'; trusted-types thankyou"
    )
    html = (
        "<!doctype html><html><body><div id='slot'></div>"
        f"<script src='{server}/embed/v1.js'></script><script src='{server}/embed/v1.js'></script>"
        f"<script nonce='n1'>thankyou.render({{token: '{token_for(shop)}', target: '#slot'}})"
        "</script></body></html>"
    )
    page.route(
        f"{SHOP_ORIGIN}/twice",
        lambda r: r.fulfill(
            body=html, headers={"Content-Type": "text/html", "Content-Security-Policy": csp}
        ),
    )
    page.goto(f"{SHOP_ORIGIN}/twice")
    page.locator("#slot").get_by_text("Einmal reicht").wait_for()
    assert page.errors == []


def test_a_block_script_loads_under_trusted_types(server, page, make_shop, make_page, token_for):
    shop = make_shop("tt", allowed_origins=SHOP_ORIGIN)
    video = {
        "title": "Gruß aus der Rösterei",
        "file": None,
        "url": "https://www.youtube.com/watch?v=M7lc1UVf-VE",
        "poster": None,
        "captions": None,
        "captions_on": True,
        "caption": "",
    }
    make_page(shop, body=[("video", video)])
    csp = (
        f"script-src {server}; connect-src {server}; img-src {server}; frame-src https:; "
        "require-trusted-types-for 'script'; trusted-types thankyou"
    )
    html = (
        "<!doctype html><html><body>"
        # The shop's own markup may use the same attribute: it is left alone.
        "<div data-embed='https://example.org/'><a id='own' href='#own'>own</a></div>"
        f"<script async src='{server}/embed/v1.js' data-token='{token_for(shop)}'></script>"
        "</body></html>"
    )
    page.route(
        f"{SHOP_ORIGIN}/tt",
        lambda r: r.fulfill(
            body=html, headers={"Content-Type": "text/html", "Content-Security-Policy": csp}
        ),
    )
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.abort())
    page.goto(f"{SHOP_ORIGIN}/tt")
    page.wait_for_function("() => window.thankyouFacade")  # the block's script has run
    page.locator("#own").click()
    assert page.url.endswith("#own") and page.locator("iframe").count() == 0
    page.get_by_role("link", name="Video abspielen: Gruß aus der Rösterei").click()
    page.locator("iframe.ty-embed").wait_for(state="attached")
    assert page.errors == [] and our_warnings(page) == []


@pytest.mark.parametrize("customer", ["guest", "returning", "vip"])
def test_nothing_is_wider_than_a_small_phone(demo, page, customer):
    page.set_viewport_size({"width": 240, "height": 900})
    page.goto(f"{demo}/demo/?customer={customer}")
    page.wait_for_function("() => document.querySelector('thankyou-page')?.shadowRoot?.firstChild")
    too_wide = page.locator("thankyou-page").evaluate(
        """host => {
            const right = host.getBoundingClientRect().right;
            return [...host.shadowRoot.querySelectorAll('.ty *')]
                .filter(el => el.getBoundingClientRect().right > right + 0.5)
                .map(el => `${el.tagName}.${el.className} ${el.textContent.trim().slice(0, 40)}`);
        }"""
    )
    assert too_wide == [], "\n".join(too_wide)
