"""What the embed brings to a shop's page stays small: under 4 KB gzipped."""

import gzip
import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from thankyou.blocks.base import read_static
from thankyou.models import Shop
from thankyou.personas import PERSONAS, persona_claims
from thankyou.signing import sign_claims

pytestmark = pytest.mark.django_db
BUDGET = 4096


def test_embed_script_block_css_and_scripts_of_the_demo_fit_in_4_kb(api, client, settings):
    call_command("seed_demo", stdout=io.StringIO())
    shop = Shop.objects.get(key="demo")
    claims = persona_claims(PERSONAS["vip"], shop, "de-DE")
    body = api.render({"token": sign_claims(shop, claims)}).json()
    assert len(body["blocks"]) == 12  # every block is on the demo page
    scripts = [
        read_static(urlsplit(url).path.removeprefix(settings.STATIC_URL)) for url in body["scripts"]
    ]
    embed = client.get("/embed/v1.js").content.decode()  # as served: minified
    # Each file travels gzipped on its own, as `make bench` counts them.
    sizes = [len(gzip.compress(part.encode(), 9)) for part in (embed, body["css"], *scripts)]
    assert sum(sizes) <= BUDGET, sizes
