"""
Responsive images for blocks, made when a page is published.

A block declares an image with ``RenditionImageBlock(preset="card")``; the
preset fixes the rendition sizes. Publishing a page asks the background
worker for every rendition its blocks need and lack (``work.request_renditions``),
and rendering only looks them up (``picture_for``), so neither a customer's
request nor the editor's publish resizes an image. Until the worker has
made an image's renditions (seconds after publishing), pages leave the
image out; the worker then has the shop's pages rendered anew.
"""

import logging
import re
from dataclasses import dataclass

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Filter

from thankyou.core.html import absolute, absolute_srcset

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preset:
    sizes: str
    operations: tuple[str, ...]

    @cached_property
    def filters(self):
        """(original-format, AVIF, WebP filter) for each size, smallest first."""
        return tuple(
            (
                Filter(spec=operation),
                Filter(spec=f"{operation}|format-avif"),
                Filter(spec=f"{operation}|format-webp"),
            )
            for operation in self.operations
        )

    @property
    def all_filters(self):
        return [f for pair in self.filters for f in pair]


PRESETS = {
    # Full width of the thank-you content (at most about 720 px wide).
    "wide": Preset("(min-width: 760px) 720px, 100vw", ("width-480", "width-960", "width-1440")),
    # Cards in a grid of two or three: 4:3, cropped around the focal point.
    "card": Preset("(min-width: 760px) 240px, 50vw", ("fill-320x240", "fill-640x480")),
    # Covers of guides and booklets: portrait 3:4.
    "cover": Preset("(min-width: 760px) 160px, 33vw", ("fill-180x240", "fill-360x480")),
    # Small round portraits.
    "avatar": Preset("96px", ("fill-96x96", "fill-192x192")),
    # A signature or logo: keeps its shape, never wider than the text column.
    "inline": Preset("240px", ("max-240x120", "max-480x240")),
    # Video posters: 16:9.
    "poster": Preset(
        "(min-width: 760px) 720px, 100vw",
        ("fill-640x360", "fill-960x540", "fill-1280x720"),
    ),
}


PRESET_SPECS = {f.spec for preset in PRESETS.values() for f in preset.all_filters}


def widest_rendition():
    """The most pixels any preset's rendition spans in one direction."""
    return max(int(n) for spec in PRESET_SPECS for n in re.findall(r"\d+", spec))


class RenditionImageBlock(ImageChooserBlock):
    """An image chooser whose renditions follow a preset and are made on publish."""

    def __init__(self, preset="wide", **kwargs):
        if preset not in PRESETS:
            raise ValueError(f"Unknown image preset {preset!r}; use one of {sorted(PRESETS)}.")
        self.preset = preset
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        picture = picture_for(value, self.preset)
        return picture.as_dict() if picture else None


@dataclass(frozen=True)
class Source:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    image_id: int
    sizes: str
    fallback: tuple[Source, ...]
    avif: tuple[Source, ...]
    webp: tuple[Source, ...]

    @property
    def src(self):
        return self.fallback[0]

    @property
    def largest(self):
        return self.fallback[-1]

    @staticmethod
    def srcset(sources):
        return ", ".join(f"{source.url} {source.width}w" for source in sources)

    def as_dict(self):
        """The picture in a block's value, its URLs absolute (see ``PictureSerializer``)."""
        return {
            "id": self.image_id,
            "src": absolute(self.src.url),
            "width": self.src.width,
            "height": self.src.height,
            "srcset": absolute_srcset(self.srcset(self.fallback)),
            "avif_srcset": absolute_srcset(self.srcset(self.avif)),
            "webp_srcset": absolute_srcset(self.srcset(self.webp)),
            "sizes": self.sizes,
        }


class PictureSerializer(serializers.Serializer):
    """An image: its renditions, their URLs absolute."""

    id = serializers.IntegerField(help_text=gettext_lazy("The image's id."))
    src = serializers.URLField(help_text=gettext_lazy("The smallest rendition."))
    width = serializers.IntegerField(help_text=gettext_lazy("Width of src in pixels."))
    height = serializers.IntegerField(help_text=gettext_lazy("Height of src in pixels."))
    srcset = serializers.CharField(
        help_text=gettext_lazy("Every rendition in the image's own format, as for srcset.")
    )
    avif_srcset = serializers.CharField(
        allow_blank=True, help_text=gettext_lazy("The same renditions as AVIF.")
    )
    webp_srcset = serializers.CharField(
        allow_blank=True, help_text=gettext_lazy("The same renditions as WebP.")
    )
    sizes = serializers.CharField(
        allow_blank=True, help_text=gettext_lazy("The sizes attribute the renditions are made for.")
    )


def picture_for(image, preset_name):
    """Return the prepared renditions of an image, reading only.

    Remembered in this process for the image as it is (file and focal point):
    personal blocks render for every order and must not query each time.
    None while the worker has not made them (the image is left out: its
    original may be large, and a photo not yet turned upright may still
    carry its orientation tag).
    """
    if image is None:
        return None
    key = (
        image.pk,
        image.file.name,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        preset_name,
    )
    picture = _pictures.get(key)
    if picture is None:
        picture = _look_up(image, preset_name)
        if picture is not None:
            if len(_pictures) >= 2048:
                _pictures.clear()
            _pictures[key] = picture
    return picture


_pictures = {}


def original_picture(image):
    """The image's original file as a Picture (a chooser without a preset)."""
    return Picture(image.pk, "", (Source(image.file.url, image.width, image.height),), (), ())


def _look_up(image, preset_name):
    preset = PRESETS[preset_name]
    found = image.find_existing_renditions(*preset.all_filters)
    fallback, avif, webp = [], [], []
    for plain, smallest, modern in preset.filters:
        for rendition_filter, sources in ((plain, fallback), (smallest, avif), (modern, webp)):
            rendition = found.get(rendition_filter)
            if rendition is not None and all(s.width != rendition.width for s in sources):
                sources.append(Source(rendition.url, rendition.width, rendition.height))
    if not fallback:
        logger.info("Image %s has no %s renditions yet: left out.", image.pk, preset_name)
        return None
    return Picture(image.pk, preset.sizes, tuple(fallback), tuple(avif), tuple(webp))


def images_in(block, value):
    """Yield (image, preset) for every RenditionImageBlock value in a block tree."""
    if value is None:
        return
    if isinstance(block, RenditionImageBlock):
        image = value if hasattr(value, "get_renditions") else block.to_python(value)
        if image is not None:
            yield image, block.preset
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from images_in(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from images_in(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from images_in(child.block, child.value)
