"""The demo shop shows every block, in German and English, for each sample customer."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thankyou.blocks.registry import get_block_types
from thankyou.models import Shop, ThankYouPage
from thankyou.personas import PERSONAS, persona_claims
from thankyou.signing import sign_claims

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


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_every_block_renders_for_each_sample_customer(demo_shop, api, language, persona):
    claims = persona_claims(PERSONAS[persona], demo_shop, f"{language}-DE")
    response = api.render({"token": sign_claims(demo_shop, claims)})
    body = response.json()
    assert body["locale"] == language
    registered = {name for name, _block in get_block_types()}
    assert {block["type"] for block in body["blocks"]} == registered
    assert PERSONAS[persona].first_name in body["html"]


def test_the_equipment_buyer_gets_the_grinder_guide(demo_shop, api):
    claims = persona_claims(PERSONAS["vip"], demo_shop, "en-GB")
    html = api.render({"token": sign_claims(demo_shop, claims)}).json()["html"]
    assert "Your new grinder" in html
    claims = persona_claims(PERSONAS["returning"], demo_shop, "en-GB")
    html = api.render({"token": sign_claims(demo_shop, claims)}).json()["html"]
    assert "Your brewing guide" in html


def test_rendering_the_whole_demo_page_writes_nothing(demo_shop, api):
    token = sign_claims(demo_shop, persona_claims(PERSONAS["vip"], demo_shop, "de-DE"))
    with CaptureQueriesContext(connection) as queries:
        assert api.render({"token": token}).status_code == 200
    statements = [q["sql"].lstrip().upper() for q in queries]
    assert not [s for s in statements if s.startswith(("INSERT", "UPDATE", "DELETE"))]
