"""
Uploaded images lose their metadata before they are stored.

A phone photo of the team carries where it was taken (GPS), when, the
camera's serial number and often the photographer's name. Wagtail copies
all of it into every rendition, which every customer of the shop loads.
Stripping it from the original on upload keeps it out of both; the pixels
stay as they are (turned upright as the photo's orientation said, the
JPEG's quantisation kept) and so does the colour profile.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, JpegImagePlugin

# What a format keeps beside its pixels that would reach customers.
METADATA = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"}
FORMATS = {"JPEG", "PNG", "WEBP", "AVIF"}  # the formats Pillow writes as they were read
ORIENTATION = 0x0112


def strip_metadata(image):
    """Replace the image's new, uncommitted file by a copy without metadata."""
    upload = image.file
    if not upload or getattr(upload, "_committed", True):
        return
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    stripped = without_metadata(data)
    if stripped is not None:
        image.file = ContentFile(stripped, name=upload.name.rsplit("/", 1)[-1])
        image._set_image_file_metadata()


def without_metadata(data):
    """The image file's bytes without metadata; None if it has none or is of another format."""
    try:
        with Image.open(io.BytesIO(data)) as original:
            if original.format not in FORMATS or getattr(original, "is_animated", False):
                return None
            text = getattr(original, "text", None) or {}  # PNG tEXt, iTXt, zTXt
            if not (METADATA & original.info.keys() or text or original.getexif()):
                return None
            return _without_metadata(original)
    except (OSError, ValueError, SyntaxError):
        return None  # Wagtail's own validation speaks about broken files


def _without_metadata(original):
    options = {"icc_profile": original.info.get("icc_profile")}
    if original.format == "JPEG":
        sampling = JpegImagePlugin.get_sampling(original)
        options.update(
            qtables=original.quantization,
            subsampling=sampling if sampling >= 0 else None,
            progressive=bool(original.info.get("progressive")),
        )
    elif original.format == "WEBP":
        options.update(lossless=original.info.get("lossless", False), quality=90)
    elif original.format == "AVIF":
        options.update(quality=90)
    upright = ImageOps.exif_transpose(original) if _turned(original) else original
    output = io.BytesIO()
    upright.save(output, original.format, **{k: v for k, v in options.items() if v is not None})
    return output.getvalue()


def _turned(original):
    return original.getexif().get(ORIENTATION, 1) != 1
