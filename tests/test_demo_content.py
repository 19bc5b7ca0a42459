"""
The demo shop: German and English pages whose blocks, targeted by segments,
differ visibly for each sample customer and together show every block.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.functional import Promise
from django.utils.translation import override

from thankyou.blocks.registry import get_block_types
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.pages.models import ThankYouPage
from thankyou.targeting.models import SampleCustomer
from thankyou.targeting.personas import PERSONAS, persona_claims

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_shop():
    call_command("seed_demo", stdout=io.StringIO())
    return Shop.objects.get(key="demo")


def test_seeding_twice_changes_nothing(demo_shop):
    def revisions():
        return {page.pk: page.revisions.count() for page in ThankYouPage.objects.all()}

    before = revisions()
    call_command("seed_demo", stdout=io.StringIO())
    assert revisions() == before


def render_as(shop, api, persona, language):
    claims = persona_claims(persona, shop, f"{language}-DE")
    response = api.render({"token": sign_claims(shop, claims)})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_sample_customers_see_different_pages_that_together_show_every_block(
    demo_shop, api, language
):
    sample = SampleCustomer.objects.get(shop=demo_shop).as_persona()
    seen = {
        persona.name: render_as(demo_shop, api, persona, language)
        for persona in (*PERSONAS.values(), sample)
    }
    for name, body in seen.items():
        assert body["locale"] == language
        first_name = PERSONAS[name].first_name if name in PERSONAS else sample.first_name
        assert first_name in body["html"]

    def types(name):
        return {block["type"] for block in seen[name]["blocks"]}

    # Every block type of ours; a designer's own are not in the demo.
    ours = {
        name for name, block in get_block_types() if type(block).__module__.startswith("thankyou.")
    }
    assert set().union(*(types(name) for name in seen)) == ours

    def shown(name):
        return {block["type"] for block in seen[name]["blocks"] if not block["hidden"]}

    # First-time guests: how we pack, and first the invitation to an account;
    # the other calls to action wait their turn.
    assert {"packing_steps", "account_prompt"} <= shown("guest")
    assert not {"quiz", "newsletter_prompt", "gift"} & shown("guest")
    assert {"quiz", "survey", "gift_code", "newsletter_prompt"} <= types("guest")
    # Returning customers: a welcome back and the quiz, nothing for first-timers.
    assert "quiz" in shown("returning")
    assert not {"packing_steps", "account_prompt", "newsletter_prompt"} & types("returning")
    # VIPs get their own page, with a gift; they and returning customers are
    # asked to recommend us, first-time buyers never.
    assert seen["vip"]["page"]["title"] != seen["guest"]["page"]["title"]
    assert "gift" in types("vip")
    assert "referral" in shown("vip") and "referral" in types("returning")
    assert "referral" not in types("guest") | types(sample.name)
    # An account holder without the newsletter is invited to it first.
    assert "newsletter_prompt" in shown(sample.name)
    for body in seen.values():
        asking = [b for b in body["blocks"] if b["id"] in body["calls_to_action"]]
        assert len([b for b in asking if not b["hidden"]]) == 1, "one thing is asked at a time"


def default_texts(language):
    """Each block field's translated default text, in `language`."""
    texts = set()
    for _name, block_type in get_block_types():
        for child in getattr(block_type, "child_blocks", {}).values():
            default = child.get_default()
            if isinstance(default, Promise):
                with override(language):
                    texts.add(str(default))
    return texts


def test_the_german_pages_say_nothing_in_english(demo_shop, api):
    english = default_texts("en") - default_texts("de")
    assert "Show my result" in english
    for persona in PERSONAS.values():
        html = render_as(demo_shop, api, persona, "de")["html"]  # waiting calls to action too
        assert not [text for text in english if text in html], persona.name


def test_the_equipment_buyer_gets_the_grinder_guide(demo_shop, api):
    claims = persona_claims(PERSONAS["vip"], demo_shop, "en-GB")
    html = api.render({"token": sign_claims(demo_shop, claims)}).json()["html"]
    assert "Your new grinder" in html
    claims = persona_claims(PERSONAS["returning"], demo_shop, "en-GB")
    html = api.render({"token": sign_claims(demo_shop, claims)}).json()["html"]
    assert "Your brewing guide" in html


def test_rendering_the_whole_demo_page_writes_nothing(demo_shop, api):
    """Nothing but, on the first rendering, the VIP's referral code, kept for them."""
    token = sign_claims(demo_shop, persona_claims(PERSONAS["vip"], demo_shop, "de-DE"))
    for expected in (["REFERRALCODE"], []):
        with CaptureQueriesContext(connection) as queries:
            assert api.render({"token": token}).status_code == 200
        statements = [q["sql"].lstrip().upper() for q in queries]
        writes = [s for s in statements if s.startswith(("INSERT", "UPDATE", "DELETE"))]
        assert [w.split('"')[1].split("_")[-1] for w in writes] == expected


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("en", ["Returning customer", "No newsletter", "New customer with an account"], "Gast"),
        ("de", ["Stammkunde", "Ohne Newsletter", "Neukundin mit Konto"], "Returning"),
    ],
)
def test_the_seeded_names_speak_the_admin_s_language_and_the_merchant_s_stay_as_typed(
    demo_shop, language, shown, hidden
):
    from tests.conftest import login
    from thankyou.targeting.models import Segment

    Segment.objects.create(
        shop=demo_shop, name="Kaffee-Abo", conditions=[("customer_type", {"customer": "guest"})]
    )
    admin = login(superuser=True, language=language)
    segments = admin.get("/cms/snippets/thankyou/segment/").content.decode()
    samples = admin.get("/cms/snippets/thankyou/samplecustomer/").content.decode()
    for name in shown:
        assert name in segments + samples
    assert hidden not in segments
    assert "Kaffee-Abo" in segments, "a merchant's own name is shown as typed"
