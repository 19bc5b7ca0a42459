"""The tips PDF: per-category choice and our own download link."""

import pytest
from django.conf import settings
from django.core import signing

from thankyou.blocks.samples import art, render_block, sample_document
from thankyou.blocks.tips import TipsBlock
from thankyou.media.downloads import SALT, document_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides():
    return {
        name: sample_document(f"{name}.pdf", data=art.pdf(name.title(), ["Tipp"]))
        for name in ("general", "coffee", "grinder")
    }


def tips(guides, **overrides):
    return {
        "title": "Dein Brühguide",
        "description": "Alles auf einer Seite.",
        "document": guides["general"],
        "cover": None,
        "link_label": "Herunterladen",
        "by_category": [
            {
                "category": "equipment",
                "document": guides["grinder"],
                "title": "Mühlen-Guide",
                "description": "",
                "cover": None,
            },
            {
                "category": "Coffee",
                "document": guides["coffee"],
                "title": "",
                "description": "",
                "cover": None,
            },
        ],
        **overrides,
    }


def items(*categories):
    return [
        {"sku": f"S{i}", "name": "x", "category": c, "quantity": 1, "price": "1.00"}
        for i, c in enumerate(categories)
    ]


def order_with(*categories):
    return {
        "id": "A-1",
        "number": "1",
        "currency": "EUR",
        "total": "1.00",
        "items": items(*categories),
    }


def test_preview_value_offers_a_pdf_with_size_and_cover():
    html = render_block(TipsBlock(), name="tips")
    assert "Brühguide herunterladen" in html and "(PDF, " in html
    assert f'href="{settings.PUBLIC_URL}/d/' in html and "<picture>" in html


def test_the_first_item_with_a_category_guide_chooses_it(shop, guides, rendered, client):
    body = rendered(shop, [("tips", tips(guides))], order=order_with("tea", "equipment", "coffee"))
    assert "Mühlen-Guide" in body["html"]
    url = body["blocks"][0]["value"]["download_url"]
    assert url.startswith(f"{settings.PUBLIC_URL}/d/")  # absolute, as in the HTML
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == guides["grinder"].file.open("rb").read()


def test_category_match_ignores_case_and_keeps_the_default_title(shop, guides, rendered):
    body = rendered(shop, [("tips", tips(guides))], order=order_with("coffee"))
    assert "Dein Brühguide" in body["html"]
    assert body["blocks"][0]["value"]["title"] == "Dein Brühguide"


def test_no_matching_category_gives_the_default_pdf(shop, guides, rendered, client):
    body = rendered(shop, [("tips", tips(guides))], order=order_with("tea"))
    response = client.get(body["blocks"][0]["value"]["download_url"])
    assert b"".join(response.streaming_content) == guides["general"].file.open("rb").read()


def test_a_tampered_link_is_a_clear_404(client):
    response = client.get("/d/eyJkIjoxfQ:forged:signature/")
    assert response.status_code == 404
    assert response.json()["field"] == "link"


def test_a_deleted_document_is_a_clear_404(shop, guides, rendered, client):
    body = rendered(shop, [("tips", tips(guides, by_category=[]))])
    guides["general"].delete()
    response = client.get(body["blocks"][0]["value"]["download_url"])
    assert response.status_code == 404
    assert response.json()["field"] == "document"


def test_only_pdfs_are_accepted(guides):
    from django.core.exceptions import ValidationError

    captions = sample_document("captions.vtt", data=b"WEBVTT\n")
    block = TipsBlock()
    with pytest.raises(ValidationError):
        block.clean(block.normalize(tips(guides, document=captions, by_category=[])))


def test_a_new_tips_block_starts_without_a_category_guide_to_fill_in():
    assert len(TipsBlock().get_default()["by_category"]) == 0


def test_a_documents_link_is_the_same_in_every_rendering(guides, clock, client):
    first = document_url(guides["general"], "b1")
    clock.advance(3600)
    assert document_url(guides["general"], "b1") == first, "the same page, the same link"
    assert client.get(first).status_code == 200


def test_a_link_signed_with_a_timestamp_before_still_serves_its_file(guides, client):
    old = signing.dumps({"d": guides["general"].pk, "b": "", "p": "download"}, salt=SALT)
    response = client.get(f"/d/{old}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
