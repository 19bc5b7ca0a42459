"""
The referral block on the demo, in a real Chromium under the demo's strict
Content Security Policy: a VIP copies their link and shares it (the Web
Share API, recorded by a stand-in), with the keyboard; both are counted.
"""

import pytest
from django.core.management import call_command

from tests.conftest import wait_until
from thankyou.analytics.models import Event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Records what the page asks to share instead of opening the system's sheet.
SHARE_STAND_IN = """
window.shared = [];
Object.defineProperty(Navigator.prototype, "share", {
  configurable: true,
  value: function (data) { window.shared.push(data); return Promise.resolve(); },
});
"""


@pytest.fixture
def demo(server):
    call_command("seed_demo", verbosity=0)
    return server


def test_a_vip_copies_and_shares_their_link_under_the_strict_csp(demo, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(SHARE_STAND_IN)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and problems.append(message.text),
    )
    page.goto(f"{demo}/demo/?customer=vip&lang=de")
    section = page.locator("section[data-type=referral]")
    copy = section.get_by_role("button", name="Kopieren")
    copy.wait_for()
    link = section.get_by_label("Dein persönlicher Link").input_value()
    assert "?ref=" in link

    copy.focus()
    page.keyboard.press("Enter")
    section.get_by_role("status").get_by_text("Link kopiert.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == link

    share = section.get_by_role("button", name="Teilen")
    share.focus()
    page.keyboard.press("Enter")
    wait_until(lambda: page.evaluate("window.shared.length") == 1)
    shared = page.evaluate("window.shared[0]")
    assert shared["url"] == link and "Bohnenglück" in shared["text"]

    page.goto("about:blank")  # leaving sends the page's events
    wait_until(lambda: {"copy", "share"} <= set(Event.objects.values_list("type", flat=True)))
    assert problems == []
    context.close()
