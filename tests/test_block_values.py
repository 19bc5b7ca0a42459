"""
Block values for native renderers: each block in the render response has the
shape the OpenAPI schema documents for its type (designers' blocks too), its
URLs absolute and, beside raw dates, the text the page shows.
"""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from rest_framework import serializers
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from tests.conftest import registered_block
from thankyou.api.schema import block_errors, relative_urls, value_errors
from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.interactive import InteractiveBlock
from thankyou.blocks.next_steps import NextStepsBlock
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.samples import (
    art,
    block_value,
    render_block,
    sample_context,
    sample_document,
    sample_shop,
)
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.media.images import RenditionImageBlock
from thankyou.targeting.models import SampleCustomer
from thankyou.targeting.personas import PERSONAS, persona_claims

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/v1/schema/?format=json").json()


@pytest.fixture
def demo_shop():
    call_command("seed_demo", stdout=io.StringIO())
    return Shop.objects.get(key="demo")


def test_every_block_of_the_demo_has_its_documented_shape_and_absolute_urls(demo_shop, api, schema):
    sample = SampleCustomer.objects.get(shop=demo_shop).as_persona()
    checked = set()
    for language in ("de", "en"):
        for persona in (*PERSONAS.values(), sample):
            claims = persona_claims(persona, demo_shop, f"{language}-DE")
            body = api.render({"token": sign_claims(demo_shop, claims)}).json()
            for block in body["blocks"]:
                where = (language, persona.name, block["type"])
                assert block_errors(schema, block) == [], where
                assert list(relative_urls(block["value"])) == [], where
                checked.add(block["type"])
    assert checked == {name for name, _block in get_block_types()}  # the demo shows every type


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_gallery_s_preview_values_have_their_documented_shape(schema, language):
    context = sample_context(sample_shop(), language=language)
    for name, block in get_block_types():
        value = block.preview_value_in(language)
        answered = getattr(block.meta, "preview_result", None)
        for result in (None, answered) if answered else (None,):
            done = {"sample": result} if result else {}
            data = block_value(block, value, {**context, "done_actions": done})
            assert value_errors(schema, name, data) == [], (name, result)
            assert list(relative_urls(data)) == [], name


def test_links_in_rich_text_are_absolute_in_the_value_as_in_the_html(shop, rendered, settings):
    settings.PUBLIC_URL = "https://ty.example"
    body = rendered(
        shop,
        [("text", {"text": '<p><a href="/faq">FAQ</a> <a href="https://shop.example/">x</a></p>'})],
    )
    text = body["blocks"][0]["value"]["text"]
    assert 'href="https://ty.example/faq"' in text  # as the page's HTML has it
    assert text in body["html"]
    assert list(relative_urls(body["blocks"])) == []


class RoastBlock(ThankYouBlock):
    """A designer's block that declares nothing about its value."""

    heading = blocks.CharBlock()
    story = blocks.RichTextBlock(features=["bold", "link"])
    roasted_on = blocks.DateBlock()
    price = blocks.DecimalBlock(required=False)
    strength = blocks.ChoiceBlock(choices=[("mild", "Mild"), ("strong", "Strong")])
    organic = blocks.BooleanBlock(required=False)
    photo = RenditionImageBlock(preset="card", required=False)
    original = ImageChooserBlock(required=False)
    sheet = DocumentChooserBlock(required=False)
    farm = blocks.URLBlock(required=False)
    origins = blocks.ListBlock(
        blocks.StructBlock(
            [("country", blocks.CharBlock()), ("share", blocks.IntegerBlock(required=False))]
        )
    )

    class Meta:
        label = "Roast"
        template = None


def roast(image, document):
    return {
        "heading": "Frisch geröstet",
        "story": '<p>Von <b>Hand</b> geröstet, <a href="/roastery">so geht das</a>.</p>',
        "roasted_on": date(2026, 12, 1),
        "price": Decimal("1234.50"),
        "strength": "strong",
        "organic": True,
        "photo": image,
        "original": image,
        "sheet": document,
        "farm": "https://farm.example/",
        "origins": [{"country": "Äthiopien", "share": 60}, {"country": "Brasilien", "share": None}],
    }


@pytest.mark.parametrize(
    ("language", "roasted", "price"),
    [("de", "1. Dezember 2026", "1234,50"), ("en", "Dec. 1, 2026", "1234.50")],
)
def test_a_designer_s_block_gets_a_documented_shape_without_declaring_one(
    shop, rendered, client, image, language, roasted, price
):
    document = sample_document("roast.pdf", data=art.pdf("Röstprofil", ["Medium"]))
    with registered_block("roast", RoastBlock()):
        schema = client.get("/api/v1/schema/?format=json").json()
        body = rendered(
            shop, [("roast", roast(image, document))], language=language, locale=f"{language}-DE"
        )
    mapping = schema["components"]["schemas"]["RenderedBlock"]["discriminator"]["mapping"]
    assert mapping["roast"] == "#/components/schemas/RoastBlock"
    fields = schema["components"]["schemas"]["RoastBlockValue"]["properties"]
    for field, component in (
        ("roasted_on", "LocalisedDate"),
        ("photo", "Picture"),
        ("sheet", "DocumentLink"),
    ):
        assert fields[field]["oneOf"] == [
            {"$ref": f"#/components/schemas/{component}"},
            {"type": "null"},
        ]
    assert "target_segments" not in fields

    value = body["blocks"][0]["value"]
    assert block_errors(schema, body["blocks"][0]) == []
    assert list(relative_urls(value)) == []
    assert value["roasted_on"] == {"iso": "2026-12-01", "text": roasted}
    assert value["price"] == {"value": "1234.50", "text": price}
    assert value["origins"] == [
        {"country": "Äthiopien", "share": 60},
        {"country": "Brasilien", "share": None},
    ]
    assert value["photo"]["src"].startswith(f"{settings.PUBLIC_URL}/media/images/")
    assert ".fill-320x240." in value["photo"]["src"]  # the preset's rendition, made on publish
    assert value["original"]["src"] == settings.PUBLIC_URL + image.file.url
    assert value["sheet"]["url"].startswith(f"{settings.PUBLIC_URL}/d/")
    assert value["sheet"]["extension"] == "pdf"
    assert value["sheet"]["size"] == document.file_size
    assert client.get(value["sheet"]["url"]).status_code == 200
    assert f'href="{settings.PUBLIC_URL}/roastery"' in value["story"]


class StarsValue(serializers.Serializer):
    note = None  # for the page only
    stars_text = serializers.CharField(help_text="The stars as the page shows them.")


class StarsBlock(ThankYouBlock):
    """A designer's block whose value adds a field and leaves one out."""

    stars = blocks.IntegerBlock()
    note = blocks.CharBlock(required=False)
    value_serializer = StarsValue

    class Meta:
        template = None

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        return {**data, "stars_text": "★" * value["stars"]}


def test_a_designer_s_block_declares_what_its_value_adds_and_leaves_out(shop, rendered, client):
    with registered_block("stars", StarsBlock()):
        schema = client.get("/api/v1/schema/?format=json").json()
        body = rendered(shop, [("stars", {"stars": 3, "note": "intern"})])
    fields = schema["components"]["schemas"]["StarsBlockValue"]["properties"]
    assert set(fields) == {"stars", "stars_text"}
    assert body["blocks"][0]["value"] == {"stars": 3, "stars_text": "★★★"}
    assert block_errors(schema, body["blocks"][0]) == []


class ScoreAnswer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=5)


class ScoreBlock(InteractiveBlock):
    """A designer's block that asks something; its result is the answer itself."""

    question = blocks.CharBlock()
    answer_serializer = ScoreAnswer

    class Meta:
        action = "score"
        template = None

    def action_spec(self, value):
        return {}


def test_a_designer_s_block_that_asks_documents_its_answer_as_done(
    shop, make_page, api, token_for, act, client
):
    with registered_block("score", ScoreBlock()):
        schema = client.get("/api/v1/schema/?format=json").json()
        make_page(shop, body=[("score", {"question": "Wie war's?"})])
        token = token_for(shop)
        before = api.render({"token": token}).json()
        block = before["blocks"][0]
        assert act("score", before["action_token"], block["id"], score=4).status_code == 201
        after = api.render({"token": token}).json()["blocks"][0]
    done = schema["components"]["schemas"]["ScoreBlockValue"]["properties"]["done"]
    assert done["oneOf"] == [{"$ref": "#/components/schemas/ScoreAnswer"}, {"type": "null"}]
    assert block["value"]["done"] is None
    assert after["value"]["done"] == {"score": 4}
    for rendered_block in (block, after):
        assert block_errors(schema, rendered_block) == []


@pytest.mark.parametrize(
    ("language", "label"), [("de", "Sendung verfolgen"), ("en", "Track your parcel")]
)
def test_next_steps_dates_and_link_read_as_on_the_page(shop, rendered, language, label):
    value = NextStepsBlock().preview_value_in(language)
    value["tracking_label"] = ""  # the standard wording
    body = rendered(shop, [("next_steps", value)], language=language, locale=f"{language}-DE")
    shown = body["blocks"][0]["value"]
    dated = [step for step in shown["steps"] if step["date"]]
    assert len(dated) == 3 and dated[-1]["date_max"]
    for step in dated:
        assert step["date_text"]
        assert f'datetime="{step["date"]}">{step["date_text"]}</time>' in body["html"]
    assert shown["tracking_label"] == label
    assert f">{shown['tracking_label']}</a>" in body["html"]
    assert shown["tracking_url"].endswith("=1001")  # the order's number filled in


def test_the_gift_and_the_tips_pdf_say_what_the_page_says(shop, rendered, image):
    document = sample_document("guide.pdf", data=art.pdf("Guide", ["Tipp"]))
    body = rendered(
        shop,
        [
            ("gift", {"heading": "Für dich", "text": "Eine Probe.", "how": "code"}),
            ("tips", {"title": "Guide", "document": document, "link_label": ""}),
        ],
        language="en",
        locale="en-GB",
    )
    gift, tips = (block["value"] for block in body["blocks"])
    assert gift["how_label"] == "A code for the next order"
    assert f">{gift['how_label']}</p>" in body["html"]
    assert tips["link_label"] == "Download the PDF"
    assert tips["file_size"] == document.file_size
    assert f"(PDF, {tips['file_size_text']})" in body["html"]


def test_an_answered_quiz_says_its_result_as_the_page_does():
    quiz = dict(get_block_types())["quiz"]
    context = {**sample_context(), "done_actions": {"sample": {"outcome": "filter", "share": 41}}}
    data = block_value(quiz, context=context)
    html = render_block(quiz, context=context, name="quiz")
    assert data["done"]["title"] == "Filter-Genießer"
    assert data["done"]["feedback"] == "41 % der Kundschaft haben so geantwortet wie du."
    assert data["done"]["title"] in html and data["done"]["feedback"] in html
