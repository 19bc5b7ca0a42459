"""Events from the embed script in a real Chromium: seen, clicked, sent by beacon, stored."""

import pytest
from django.core.management import call_command

from tests.conftest import wait_until
from thankyou.analytics.models import Event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(server):
    call_command("seed_demo", verbosity=0)
    return server


# Each block our script's intersection observer reports seen goes on window.seenBlocks,
# after our script has had the report: the moment a "block_view" is queued.
SEEN = """(() => {
  const Observer = window.IntersectionObserver;
  window.seenBlocks = [];
  window.IntersectionObserver = function (callback, options) {
    return new Observer((entries, observer) => {
      callback(entries, observer);
      for (const entry of entries) {
        if (entry.isIntersecting) window.seenBlocks.push(entry.target.dataset.block);
      }
    }, options);
  };
})();"""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    context.add_init_script(SEEN)
    page = context.new_page()
    page.errors, page.beacons = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "request",
        lambda request: page.beacons.append(request) if "/events" in request.url else None,
    )
    yield page
    context.close()


def stored(types, timeout=10):
    """Wait until events of these types are in the database; return them."""

    def events():
        found = list(Event.objects.values("type", "block", "variant"))
        return found if types <= {event["type"] for event in found} else None

    return wait_until(events, timeout, f"no {types} events stored")


def test_the_demo_page_sends_a_view_by_beacon_when_left(demo, page):
    page.goto(f"{demo}/demo/?customer=vip&lang=de")
    page.wait_for_function("() => document.querySelector('thankyou-page')?.shadowRoot?.firstChild")
    seen = page.wait_for_function(
        "() => window.seenBlocks.length && window.seenBlocks"
    ).json_value()
    page.goto("about:blank")  # pagehide: the batch goes out
    events = stored({"view", "block_view"})
    events = stored({"view", "block_view"})
    top_block = next(e["block"] for e in events if e["type"] == "block_view")
    assert top_block
    assert top_block in seen
    assert not page.errors


def test_clicks_downloads_and_blocks_seen_further_down(demo, page):
    page.goto(f"{demo}/demo/?customer=vip&lang=de")
    host = page.locator("thankyou-page")
    host.get_by_text("Danke").first.wait_for()
    # A download link (the tips PDF): counted as a download of its block.
    download = host.locator("section[data-type=tips] a").first
    tips = host.locator("section[data-type=tips]").get_attribute("data-block")
    download.scroll_into_view_if_needed()
    page.wait_for_function("block => window.seenBlocks.includes(block)", arg=tips)
    page.evaluate(
        """() => {
          const link = document.querySelector('thankyou-page').shadowRoot
            .querySelector('section[data-type=tips] a');
          link.addEventListener('click', (event) => event.preventDefault());
          link.click();
          link.click();  // twice: counted once
          thankyou.track('answer', link.closest('section').dataset.block, 'q1:2');
          thankyou.track('answer', 'no-such-block', 'q1:2');  // unknown: ignored
        }"""
    )
    page.evaluate("() => window.dispatchEvent(new Event('pagehide'))")
    events = stored({"download", "answer", "view"})
    request = page.beacons[0]
    assert request.resource_type == "ping"  # navigator.sendBeacon
    assert request.headers["content-type"].startswith("text/plain")
    assert "cookie" not in request.headers
    assert {"type": "block_view", "block": tips, "variant": ""} in events, "seen further down"
    downloads = [e for e in events if e["type"] == "download"]
    assert len(downloads) == 1
    assert len([e for e in events if e["type"] == "answer"]) == 1
    assert not page.errors
