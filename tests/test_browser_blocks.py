"""In a real Chromium: privacy of the video block, and accessibility of /demo/."""

import io
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from thankyou.blocks.samples import sample_image
from thankyou.core.models import Shop
from thankyou.pages.models import ShopRootPage, ThankYouPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIDEO = {
    "title": "Gruß aus der Rösterei",
    "file": None,
    "url": "https://www.youtube.com/watch?v=M7lc1UVf-VE",
    "captions": None,
    "captions_on": True,
    "caption": "",
}


@pytest.fixture
def tab(browser, server):
    """A browser tab whose requests to other hosts are recorded and blocked."""
    context = browser.new_context()
    page = context.new_page()
    ours = urlsplit(server).netloc
    page.foreign = []

    def route(request_route):
        if urlsplit(request_route.request.url).netloc == ours:
            request_route.continue_()
        else:
            page.foreign.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    yield page
    context.close()


def demo_shop_with(body):
    shop = Shop.objects.create(key="demo", name="Bohnenglück")
    root = ShopRootPage.objects.get(shop=shop, locale__language_code="de")
    page = root.add_child(instance=ThankYouPage(title="Danke", body=body))
    page.save_revision().publish()
    return shop


def test_nothing_is_loaded_from_youtube_before_play(tab, server):
    demo_shop_with([("video", {**VIDEO, "poster": sample_image("roastery")})])
    tab.goto(f"{server}/demo/")
    play = tab.get_by_role("link", name="Video abspielen: Gruß aus der Rösterei")
    play.wait_for()
    tab.wait_for_function("() => window.thankyouFacade")  # the block's script has run
    tab.wait_for_load_state("networkidle")
    assert tab.foreign == []
    assert tab.locator("iframe").count() == 0

    facade = tab.locator(".ty-video__facade")
    unfocused = facade.screenshot()
    play.focus()
    assert facade.screenshot() != unfocused, "the focus ring shows inside the facade"

    def to_the_player(request):
        return urlsplit(request.url).netloc == "www.youtube-nocookie.com"

    with tab.expect_event("requestfailed", to_the_player):  # recorded, then refused
        tab.keyboard.press("Enter")  # keyboard users start it the same way
    frame = tab.locator("iframe.ty-embed")
    frame.wait_for(state="attached")
    assert frame.get_attribute("title") == "Gruß aus der Rösterei"
    assert frame.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1"
    )
    assert tab.foreign, "the player is requested after play"
    hosts = {urlsplit(url).netloc for url in tab.foreign}
    assert hosts == {"www.youtube-nocookie.com"}
    assert tab.context.pages == [tab]  # played in place, no new tab


@pytest.mark.parametrize(("customer", "lang"), [("guest", "de"), ("vip", "en")])
def test_demo_page_has_no_serious_accessibility_violations(tab, server, customer, lang):
    call_command("seed_demo", stdout=io.StringIO())
    tab.goto(f"{server}/demo/?customer={customer}&lang={lang}")
    tab.locator("[data-type=next_steps]").wait_for()
    assert tab.locator("section[data-type]").count() >= 6  # the page targeted to this customer
    assert serious_violations(tab) == []
    assert tab.foreign == []  # the demo loads nothing from third parties


def test_calls_to_action_answered_have_no_serious_accessibility_violations(tab, server):
    """What a guest reads after answering each: results, thanks, the gift's code."""
    call_command("seed_demo", stdout=io.StringIO())
    tab.goto(f"{server}/demo/?customer=guest&lang=de")
    tab.locator("section[data-type=account_prompt]").get_by_role(
        "button", name="Jetzt nicht"
    ).click()
    for kind in ("newsletter_prompt", "quiz", "survey", "gift_code"):
        section = tab.locator(f"section[data-type={kind}]")
        for group in section.locator("fieldset").all():
            group.get_by_role("radio").first.check()
        section.locator("form[data-action] button").first.click()
        section.locator("[data-show=done]").wait_for()
    assert serious_violations(tab) == []


def serious_violations(tab):
    results = Axe().run(tab)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
