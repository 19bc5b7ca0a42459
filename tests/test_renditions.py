"""Image renditions are made on publish; a customer's render only reads them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

ALT = "Kaffeebohnen"


def writes(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_publishing_makes_the_renditions_rendering_writes_nothing(
    shop, image, make_page, api, token_for
):
    assert image.renditions.count() == 0
    make_page(shop, body=[("image", {"image": image, "alt": ALT, "caption": ""})])
    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert specs == {
        "width-480",
        "width-480|format-webp",
        "width-960",
        "width-960|format-webp",
        "width-1440",
        "width-1440|format-webp",
    }

    token = token_for(shop)
    with CaptureQueriesContext(connection) as queries:
        html = api.render({"token": token}).json()["html"]
    assert writes(queries) == []
    assert '<source type="image/webp" srcset="http://127.0.0.1:8000/media/images/' in html
    assert ".format-webp.webp 960w" in html
    assert f'alt="{ALT}"' in html and 'loading="lazy"' in html


def test_an_image_never_prepared_falls_back_to_the_original_without_writing(
    shop, image, make_page, api, token_for
):
    page = make_page(shop, body=[("image", {"image": image, "alt": ALT, "caption": ""})])
    image.renditions.all().delete()
    cache.clear()  # Wagtail also caches renditions
    token = token_for(shop)
    with CaptureQueriesContext(connection) as queries:
        html = api.render({"token": token}).json()["html"]
    assert writes(queries) == []
    assert f'src="http://127.0.0.1:8000{image.file.url}"' in html
    assert page.live


def test_the_api_representation_lists_the_renditions(shop, image, rendered):
    body = rendered(shop, [("image", {"image": image, "alt": ALT, "caption": "Hi"})])
    value = body["blocks"][0]["value"]
    assert value["alt"] == ALT
    assert value["image"]["webp_srcset"].endswith("1440w") is False  # 960 px original
    assert value["image"]["srcset"].count("w,") == 1


def test_the_editors_preview_makes_the_renditions_of_a_draft(shop, image, make_page, rf):
    page = make_page(shop, publish=False, body=[])
    page.body = [("image", {"image": image, "alt": ALT, "caption": ""})]
    request = rf.get("/")
    request.user = None
    response = page.serve_preview(request, "guest")
    response.render()
    assert image.renditions.filter(filter_spec="width-960|format-webp").exists()
    assert "format-webp.webp 960w" in response.content.decode()
