"""
An uploaded photo reaches customers without its metadata (where and when it
was taken, the camera, the photographer), upright and in its colours; the
upload decodes no pixel, and an image with more pixels than pages can use
is refused with a message that says what to do.
"""

import io
import re
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image, ImageCms, PngImagePlugin
from PIL.PngImagePlugin import _MAGIC as PNG_SIGNATURE
from wagtail.images import get_image_model

from tests.conftest import login
from thankyou.media import work as image_work
from thankyou.media.models import ImageWork

pytestmark = pytest.mark.django_db

ARTIST, MAKE, ORIENTATION = 0x013B, 0x010F, 0x0112


def photo(format="JPEG", orientation=1, size=(300, 200), **info):
    """A photo as a phone saves it: left half red, right half blue."""
    picture = Image.new("RGB", size, "red")
    picture.paste("blue", (size[0] // 2, 0, *size))
    exif = Image.Exif()
    exif[ARTIST], exif[MAKE], exif[ORIENTATION] = "Anna Muster", "Phone", orientation
    data = io.BytesIO()
    picture.save(data, format, exif=exif.tobytes(), **info)
    return data.getvalue()


@pytest.fixture(params=["one", "several"])
def upload(request, shop, settings, tmp_path):
    """Upload as an editor does: alone, or in the admin's multiple upload."""
    settings.MEDIA_ROOT = tmp_path
    editor = login(shop.editors)

    def upload(data, name="team.jpg", worker=True):
        fields = {"title": "Our team", "collection": shop.collection.pk}
        file = SimpleUploadedFile(name, data)
        if request.param == "one":
            response = editor.post("/cms/images/add/", {**fields, "file": file})
            assert response.status_code == 302, response.content.decode()[:2000]
        else:
            response = editor.post("/cms/images/multiple/add/", {**fields, "files[]": file})
            assert response.json()["success"], response.content.decode()[:2000]
        if worker:  # what the task worker does seconds after
            image_work.drive()
        return get_image_model().objects.get(title="Our team")

    return upload


def stored(image, spec=None):
    file = image.get_rendition(spec).file if spec else image.file
    with file.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


def test_neither_the_original_nor_its_renditions_keep_the_photos_exif(upload):
    image = upload(photo())
    for kept in (stored(image), stored(image, "width-200"), stored(image, "fill-80x80")):
        assert dict(kept.getexif()) == {}
        assert "exif" not in kept.info
    assert image.file_size == image.file.size


def test_a_photo_turned_by_its_orientation_is_stored_upright(upload):
    image = upload(photo(orientation=6))  # the camera was held upright: turn 90° clockwise
    assert (image.width, image.height) == (200, 300)
    upright = stored(image).convert("RGB")
    assert upright.size == (200, 300)
    top, bottom = upright.getpixel((100, 20)), upright.getpixel((100, 280))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0], "red above, blue below"


def test_until_the_worker_turns_it_a_photo_keeps_only_its_orientation(upload):
    image = upload(photo(orientation=6), worker=False)
    assert dict(stored(image).getexif()) == {ORIENTATION: 6}, "no artist, no camera"
    assert ImageWork.objects.get(image=image).original
    image_work.drive()
    image.refresh_from_db()
    assert dict(stored(image).getexif()) == {}
    assert (image.width, image.height) == (200, 300)


def png(width, height, pixels=None, **text):
    """A PNG of this size with text chunks; ``pixels`` (zlib data) may be anything."""

    def chunk(kind, payload):
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    texts = b"".join(chunk(b"tEXt", f"{k}\0{v}".encode()) for k, v in text.items())
    if pixels is None:  # one transparent row after another, compressed
        pixels = zlib.compress(bytes(1 + 4 * width) * height, 9)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + texts
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def test_the_upload_strips_metadata_without_decoding_the_pixels(upload):
    # Pixels no decoder can read: only a walk through the chunks strips this.
    data = png(4000, 4000, pixels=b"not deflated", Author="Anna Muster", GPS="52.5,13.4")
    image = upload(data, name="team.png", worker=False)
    with image.file.open("rb") as handle:
        kept = handle.read()
    assert b"Anna Muster" not in kept and b"52.5,13.4" not in kept
    assert kept == png(4000, 4000, pixels=b"not deflated"), "every other byte as it came"
    assert (image.width, image.height) == (4000, 4000)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "This image has 121.0 megapixels: at most 25 are accepted. Pages show images "
            "at most 1,440 pixels wide: scale it down",
        ),
        (
            "de",
            "Dieses Bild hat 121,0 Megapixel: höchstens 25 sind erlaubt. Seiten zeigen "
            "Bilder höchstens 1.440 Pixel breit: verkleinere es",
        ),
    ],
)
def test_an_image_with_more_pixels_than_pages_use_is_refused_saying_what_to_do(
    shop, tmp_path, settings, language, message
):
    settings.MEDIA_ROOT = tmp_path
    editor = login(shop.editors, language=language)
    data = png(11000, 11000, Comment="x" * 100)  # 470 KB, 121 million pixels
    file = SimpleUploadedFile("huge.png", data)
    fields = {"title": "Huge", "collection": shop.collection.pk}
    response = editor.post("/cms/images/add/", {**fields, "file": file})
    assert response.status_code == 200
    assert message in response.content.decode()
    file.seek(0)
    response = editor.post("/cms/images/multiple/add/", {**fields, "files[]": file})
    assert message in response.json()["error_message"]
    assert not get_image_model().objects.filter(title="Huge").exists()


def test_the_colour_profile_stays(upload):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = upload(photo(icc_profile=profile))
    assert stored(image).info["icc_profile"] == profile


@pytest.mark.parametrize("format", ["PNG", "WEBP", "AVIF"])
def test_other_formats_lose_their_metadata_too(upload, format):
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Anna Muster")
    info = {"pnginfo": text} if format == "PNG" else {}
    image = upload(photo(format, **info), name=f"team.{format.lower()}")
    kept = stored(image)
    assert dict(kept.getexif()) == {}
    assert "Author" not in kept.info


def test_an_image_without_metadata_is_stored_as_it_came(upload):
    data = io.BytesIO()
    Image.new("RGB", (120, 80), "green").save(data, "JPEG", quality=70)
    image = upload(data.getvalue())
    with image.file.open("rb") as handle:
        assert handle.read() == data.getvalue()


def media_files(html):
    """The media files a rendered page loads, relative to MEDIA_ROOT."""
    return set(re.findall(r"/media/([^\s\"']+\.(?:jpg|webp))", html))


def test_images_stored_before_lose_theirs_and_the_page_still_shows_them(
    shop, make_page, api, token_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    image = get_image_model()(title="Our team", collection=shop.collection)
    image.file.save("team.jpg", ContentFile(photo(orientation=6)), save=False)  # as it came
    image.width, image.height = 300, 200  # as Wagtail read them: turned
    image.focal_point_x, image.focal_point_y, image.focal_point_width = 250, 100, 40
    image.focal_point_height = 40
    image.save()
    old_original = image.file.name
    make_page(shop, body=[("image", {"image": image, "alt": "Our team", "caption": ""})])
    before = media_files(api.render({"token": token_for(shop)}).json()["html"])
    assert any(Image.open(tmp_path / name).getexif() for name in before)

    out = io.StringIO()
    call_command("strip_image_metadata", stdout=out)
    assert "1 image(s) stripped" in out.getvalue()

    after = media_files(api.render({"token": token_for(shop)}).json()["html"])
    assert after and after.isdisjoint(before), "the page names the new renditions"
    for name in after:
        assert dict(Image.open(tmp_path / name).getexif()) == {}
    image.refresh_from_db()
    assert dict(stored(image).getexif()) == {}
    assert (image.width, image.height) == stored(image).size == (200, 300), "upright"
    assert not image.has_focal_point(), "it was marked on the photo lying on its side"
    assert not (tmp_path / old_original).exists()
    assert not any((tmp_path / name).exists() for name in before)

    call_command("strip_image_metadata", stdout=out)  # once is enough
    assert "0 image(s) stripped" in out.getvalue()
