"""
Image renditions are made by the task worker after a publish; neither the
publish nor a customer's render resizes an image, and the render only reads.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.conftest import login
from thankyou.blocks.samples import sample_image
from thankyou.media import work as image_work
from thankyou.media.images import PRESET_SPECS
from thankyou.media.models import ImageWork

pytestmark = pytest.mark.django_db

ALT = "Kaffeebohnen"
WIDE = {
    f"width-{width}{format_}"
    for width in (480, 960, 1440)
    for format_ in ("", "|format-avif", "|format-webp")
}

CARD = {
    f"fill-{size}{format_}"
    for size in ("320x240", "640x480")
    for format_ in ("", "|format-avif", "|format-webp")
}


def writes(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def made(image):
    return set(
        image.renditions.filter(filter_spec__in=PRESET_SPECS).values_list("filter_spec", flat=True)
    )


def image_body(image):
    return [("image", {"image": image, "alt": ALT, "caption": "Frisch geröstet"})]


def test_the_worker_makes_the_renditions_after_a_publish_and_the_page_then_shows_them(
    shop, image, make_page, api, token_for
):
    make_page(shop, body=image_body(image), worker=False)
    assert made(image) == set(), "the publish resized nothing"
    token = token_for(shop)
    with CaptureQueriesContext(connection) as queries:
        html = api.render({"token": token}).json()["html"]
    assert writes(queries) == []
    assert "<picture" not in html and image.file.url not in html, "left out until made"
    assert "Frisch geröstet" not in html, "the figure's caption waits with it"

    assert image_work.drive() == 1  # the task worker, seconds later
    assert made(image) == WIDE
    assert not ImageWork.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        html = api.render({"token": token}).json()["html"]  # the shop's pages rendered anew
    assert writes(queries) == []
    assert '<source type="image/avif" srcset="http://127.0.0.1:8000/media/images/' in html
    assert html.index('type="image/avif"') < html.index('type="image/webp"'), "smallest first"
    assert ".format-avif.avif 960w" in html and ".format-webp.webp 960w" in html
    assert f'alt="{ALT}"' in html and 'loading="lazy"' in html
    assert "Frisch geröstet" in html


def test_an_image_without_renditions_is_left_out_without_writing(
    shop, image, make_page, api, token_for
):
    page = make_page(shop, body=image_body(image))
    image.renditions.all().delete()
    cache.clear()  # Wagtail also caches renditions
    token = token_for(shop)
    with CaptureQueriesContext(connection) as queries:
        response = api.render({"token": token})
    assert writes(queries) == []
    assert image.file.url not in response.json()["html"]
    assert response.json()["blocks"][0]["value"]["image"] is None
    assert page.live


def test_the_api_representation_lists_the_renditions(shop, image, rendered):
    body = rendered(shop, [("image", {"image": image, "alt": ALT, "caption": "Hi"})])
    value = body["blocks"][0]["value"]
    assert value["alt"] == ALT
    assert value["image"]["webp_srcset"].endswith("1440w") is False  # 960 px original
    assert value["image"]["avif_srcset"].count(".avif ") == 2
    assert value["image"]["srcset"].count("w,") == 1


def test_the_editors_preview_asks_the_worker_and_says_the_image_is_coming(
    shop, image, make_page, rf
):
    page = make_page(shop, publish=False, body=[])
    page.body = image_body(image)
    request = rf.get("/")
    request.user = None
    response = page.serve_preview(request, "guest")
    html = response.content.decode()
    assert made(image) == set(), "the preview resized nothing"
    assert "One image is still being prepared" in html
    assert "format-webp" not in html

    image_work.drive()
    html = page.serve_preview(request, "guest").content.decode()
    assert "still being prepared" not in html
    assert "format-webp.webp 960w" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # periodic: a fresh connection
def test_work_a_killed_worker_left_is_done_again(shop, image, make_page, api, token_for):
    make_page(shop, body=image_body(image), worker=False)
    assert image_work.claim() is not None  # a worker took it on, then was killed
    assert not image_work.has_due() and image_work.drive() == 0, "leased"

    ImageWork.objects.update(lease_until=timezone.now() - timedelta(seconds=1))  # expired
    DBTaskResult.objects.all().delete()
    call_command("periodic", once=True)
    queued = DBTaskResult.objects.get(task_path=image_work.process_images.module_path)
    assert queued.status == "READY"
    image_work.process_images.call()  # as the worker runs it
    assert made(image) == WIDE
    assert "format-webp.webp 960w" in api.render({"token": token_for(shop)}).json()["html"]


def test_a_publish_asks_the_worker_once_it_commits(
    shop, image, make_page, django_capture_on_commit_callbacks
):
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        make_page(shop, body=image_body(image), worker=False)
    assert DBTaskResult.objects.filter(task_path=image_work.process_images.module_path).count() == 1


def test_a_new_focal_point_gets_new_renditions_and_the_page_shows_them(
    shop, image, make_page, api, token_for
):
    gift = {"heading": "Für dich", "text": "Danke", "image": image, "alt": ALT, "how": "parcel"}
    make_page(shop, body=[("gift", gift)])
    token = token_for(shop)
    before = api.render({"token": token}).json()["html"]
    assert "fill-640x480" in before
    image.set_focal_point(None)
    image.focal_point_x, image.focal_point_y = 50, 50
    image.focal_point_width = image.focal_point_height = 20
    image.save()
    assert set(ImageWork.objects.get().specs) == CARD
    assert image_work.drive() == 1
    after = api.render({"token": token}).json()["html"]
    assert "fill-640x480" in after and after != before, "the new crop's files"


def test_an_image_no_decoder_reads_is_tried_again_later_and_others_go_on(
    shop, make_page, api, token_for
):
    broken = sample_image("gift", collection=shop.collection, title="Broken")
    broken.file.save("broken.png", ContentFile(b"\x89PNG\r\n\x1a\nnot an image"), save=False)
    broken.width, broken.height = 960, 640  # as its header said
    broken.save()
    good = sample_image("scoop", collection=shop.collection, title="Good")
    ImageWork.objects.all().delete()
    make_page(shop, body=image_body(broken) + image_body(good), worker=False)
    assert image_work.drive() == 2
    left = ImageWork.objects.get()
    assert left.image == broken and left.next_attempt_at > timezone.now()
    assert left.last_error and left.lease is None
    assert made(good) == WIDE


def test_an_editor_changing_the_image_file_gets_new_renditions(shop, image, make_page):
    editor = login(shop.editors)
    own = sample_image("gift", collection=shop.collection, title="Ours")
    make_page(shop, body=image_body(own))
    old = {r.file.name for r in own.renditions.filter(filter_spec__in=PRESET_SPECS)}
    with image.file.open("rb") as handle:
        replacement = ContentFile(handle.read(), name="scoop.jpg")
    response = editor.post(
        f"/cms/images/{own.pk}/",
        {"title": "Ours", "collection": shop.collection.pk, "file": replacement},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert made(own) == set(), "the old file's renditions went with it"
    image_work.drive()
    assert made(own) == WIDE
    assert old.isdisjoint(r.file.name for r in own.renditions.all())
