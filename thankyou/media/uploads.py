"""
Image uploads cost the web worker no decoding: sizes come from headers.

Wagtail asks Willow for an uploaded image's size, which decodes every pixel
first: to check it against ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (twice, with
the frame count) and again to store the width and height. A 470 KB PNG of
121 million pixels held a web worker for most of a minute and 800 MB before
it was even refused. Pillow reads the size from the header alone, so that
is where both come from here. The admin's image form (the
``WAGTAILIMAGES_IMAGE_FORM_BASE``) refuses an image with more pixels than
pages can use in words that say what to do.
"""

import warnings

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import WagtailImageFieldFile

from thankyou.media.images import widest_rendition


def header_size(file):
    """(width, height, frames) from the image file's header; the file is left at its start."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)  # counted here
            image = PILImage.open(file)  # reads the header, decodes nothing
            return image.width, image.height, getattr(image, "n_frames", 1)
    finally:
        file.seek(0)


def stored_size(self):
    """WagtailImageFieldFile.get_image_dimensions, from the header."""
    close = self.closed
    try:
        self.open()
        return header_size(self)[:2]
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        return None, None
    finally:
        if close:
            self.close()


# Wagtail names this method as the place to change how an image's size is read.
WagtailImageFieldFile.get_image_dimensions = stored_size


class ImageFileField(WagtailImageField):
    """Wagtail's image file field, counting pixels without decoding them."""

    def check_image_pixel_size(self, f):
        if self.max_image_pixels is None:
            return
        try:
            width, height, frames = header_size(f)
            pixels = width * height * frames
        except PILImage.DecompressionBombError:
            pixels = None  # more than Pillow even opens
        except (OSError, ValueError, SyntaxError) as exc:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc
        if pixels is None or pixels > self.max_image_pixels:
            raise ValidationError(
                too_many_pixels(pixels, self.max_image_pixels), code="file_too_many_pixels"
            )


def too_many_pixels(pixels, limit):
    """What the editor reads: how large the image is, what pages show, what to do."""
    values = {
        "limit": number_format(limit / 1_000_000, 0, force_grouping=True),
        "widest": number_format(widest_rendition(), force_grouping=True),
    }
    if pixels is None:
        return (
            _(
                "This image has too many pixels: at most %(limit)s megapixels are accepted. "
                "Pages show images at most %(widest)s pixels wide: scale it down (3000 pixels "
                "on the longer side are plenty) and upload it again."
            )
            % values
        )
    return _(
        "This image has %(megapixels)s megapixels: at most %(limit)s are accepted. "
        "Pages show images at most %(widest)s pixels wide: scale it down (3000 pixels "
        "on the longer side are plenty) and upload it again."
    ) % {**values, "megapixels": number_format(pixels / 1_000_000, 1, force_grouping=True)}


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wagtails = self.fields.get("file")
        if wagtails is not None:
            self.fields["file"] = ImageFileField(
                label=wagtails.label, required=wagtails.required, widget=wagtails.widget
            )
