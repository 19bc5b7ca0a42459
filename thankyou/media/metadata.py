"""
Uploaded images lose their metadata before they are stored.

A phone photo of the team carries where it was taken (GPS), when, the
camera's serial number and often the photographer's name. Wagtail copies
all of it into every rendition, which every customer of the shop loads.
Stripping it from the original on upload keeps it out of both; the pixels
stay as they are and so does the colour profile.

The upload only walks the file's structure (JPEG segments, PNG chunks,
WebP's RIFF chunks) and keeps what drawing the pixels needs: no pixel is
decoded, so even the largest image costs the web worker no more than
copying its bytes. What needs the pixels is left to the background worker
(``finish_original``): turning a photo upright that its orientation tag
says lies on its side (until then that tag, and nothing else of its EXIF,
stays, so browsers show it upright), and removing the metadata of formats
that only re-encoding removes it from (AVIF).
"""

import io
import logging
import posixpath
import re
import zlib

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, JpegImagePlugin

logger = logging.getLogger(__name__)

# What a format keeps beside its pixels that would reach customers.
METADATA = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"}
FORMATS = {"JPEG", "PNG", "WEBP", "AVIF"}  # the formats Pillow writes as they were read
ORIENTATION = 0x0112
UPRIGHT = 1


class NotWalkable(ValueError):
    """The file is not of a format walked here, or not well-formed enough to walk."""


def strip_metadata(image):
    """
    Replace the image's new, uncommitted file by a copy without metadata.

    Return whether its pixels still need the background worker
    (``finish_original``): to turn it upright, or to strip a format that
    cannot be walked.
    """
    upload = image.file
    if not upload or getattr(upload, "_committed", True):
        return False
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        stripped, orientation = walk(data)
    except NotWalkable:
        return has_metadata(data)
    if stripped != data:
        image.file = ContentFile(stripped, name=upload.name.rsplit("/", 1)[-1])
        image._set_image_file_metadata()
    return orientation != UPRIGHT


def walk(data):
    """The file's bytes without metadata, and the orientation it said (kept as its only tag)."""
    if data.startswith(b"\xff\xd8"):
        return _walk_jpeg(data)
    if data.startswith(PNG_SIGNATURE):
        return _walk_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _walk_webp(data)
    raise NotWalkable("not JPEG, PNG or WebP")


def _orientation(exif_data):
    try:
        exif = Image.Exif()
        exif.load(exif_data)
        orientation = exif.get(ORIENTATION, UPRIGHT)
    except Exception:  # EXIF is written by anyone; it is dropped anyway
        return UPRIGHT
    return orientation if orientation in range(2, 9) else UPRIGHT


def _orientation_only(orientation):
    """EXIF ("Exif\\0\\0" and TIFF) holding nothing but the orientation."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()


# JPEG: APPn segments that drawing the pixels needs, by marker and what they
# start with (JFIF density, the colour profile, Adobe's colour transform);
# every other APPn and every comment (COM) is metadata.
JPEG_KEEP = {0xE0: (b"JFIF\x00",), 0xE2: (b"ICC_PROFILE\x00",), 0xEE: (b"Adobe",)}
# In entropy-coded data a marker is 0xFF followed by anything but a stuffed
# zero, a restart marker or another 0xFF (fill).
JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _walk_jpeg(data):
    out, orientation, pos, end_of_data = [data[:2]], UPRIGHT, 2, len(data)
    while pos < end_of_data:
        if data[pos] != 0xFF or pos + 1 >= end_of_data:
            raise NotWalkable("JPEG segments out of step")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill
            pos += 1
            continue
        if marker == 0xD9:  # the end: trailers and images appended after it go
            out.append(b"\xff\xd9")
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            out.append(data[pos : pos + 2])
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > end_of_data:
            raise NotWalkable("JPEG segment runs past the end")
        payload = data[pos + 4 : end]
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            orientation = _orientation(payload)
        if not (marker == 0xFE or (0xE0 <= marker <= 0xEF and not _kept_app(marker, payload))):
            out.append(data[pos:end])
        pos = end
        if marker == 0xDA:  # start of scan: its entropy-coded data runs to the next marker
            found = JPEG_MARKER.search(data, pos)
            scan_end = found.start() if found else end_of_data
            out.append(data[pos:scan_end])
            pos = scan_end
    if orientation != UPRIGHT:
        exif = _orientation_only(orientation)
        out.insert(1, b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif)
    return b"".join(out), orientation


def _kept_app(marker, payload):
    return payload.startswith(JPEG_KEEP.get(marker, ()))


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The chunks drawing a PNG needs (critical, colour, transparency, density,
# animation); text (tEXt, zTXt, iTXt), EXIF (eXIf), time (tIME) and any
# private chunk go.
PNG_KEEP = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"cHRM",
    b"gAMA",
    b"iCCP",
    b"sBIT",
    b"sRGB",
    b"cICP",
    b"mDCV",
    b"cLLI",
    b"bKGD",
    b"hIST",
    b"pHYs",
    b"sPLT",
    b"acTL",
    b"fcTL",
    b"fdAT",
}


def _walk_png(data):
    out, orientation, pos, end_of_data = [PNG_SIGNATURE], UPRIGHT, len(PNG_SIGNATURE), len(data)
    while pos + 8 <= end_of_data:
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > end_of_data:
            raise NotWalkable("PNG chunk runs past the end")
        if kind == b"eXIf":
            orientation = _orientation(data[pos + 8 : end - 4])
        if kind in PNG_KEEP:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    if len(out) < 2 or not out[1][4:8] == b"IHDR":
        raise NotWalkable("PNG without a header chunk")
    if orientation != UPRIGHT:  # eXIf holds TIFF without the "Exif\0\0" of JPEG
        out.insert(2, _png_chunk(b"eXIf", _orientation_only(orientation)[6:]))
    return b"".join(out), orientation


def _png_chunk(kind, payload):
    crc = zlib.crc32(kind + payload).to_bytes(4, "big")
    return len(payload).to_bytes(4, "big") + kind + payload + crc


# WebP: the chunks of the image itself; EXIF, XMP and unknown chunks go.
WEBP_KEEP = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
WEBP_EXIF_FLAG, WEBP_XMP_FLAG = 0x08, 0x04


def _walk_webp(data):
    chunks, orientation, pos, end_of_data = [], UPRIGHT, 12, len(data)
    while pos + 8 <= end_of_data:
        kind = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        end = pos + 8 + size + (size & 1)
        if pos + 8 + size > end_of_data:
            raise NotWalkable("WebP chunk runs past the end")
        if kind == b"EXIF":
            orientation = _orientation(data[pos + 8 : pos + 8 + size])
        if kind in WEBP_KEEP:
            chunks.append(bytearray(data[pos:end]))
        pos = end
    if not chunks:
        raise NotWalkable("WebP without an image")
    extended = chunks[0][:4] == b"VP8X"
    if extended:
        chunks[0][8] &= ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG) & 0xFF
    if orientation != UPRIGHT and extended:
        exif = _orientation_only(orientation)[6:]
        chunks.append(b"EXIF" + len(exif).to_bytes(4, "little") + exif + b"\x00" * (len(exif) & 1))
        chunks[0][8] |= WEBP_EXIF_FLAG
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body, orientation


def has_metadata(data):
    """Whether a file of a format Pillow rewrites holds metadata (read from its header)."""
    try:
        with Image.open(io.BytesIO(data)) as original:
            return _with_metadata(original)
    except (OSError, ValueError, SyntaxError):
        return False  # Wagtail's own validation speaks about broken files


def _with_metadata(original):
    if original.format not in FORMATS or getattr(original, "is_animated", False):
        return False
    text = getattr(original, "text", None) or {}  # PNG tEXt, iTXt, zTXt
    return bool(METADATA & original.info.keys() or text or original.getexif())


def without_metadata(data):
    """
    The image file's bytes decoded and written anew, upright and without
    metadata; None if it has none or is of another format. Decodes every
    pixel: for the background worker and commands only.
    """
    try:
        with Image.open(io.BytesIO(data)) as original:
            if not _with_metadata(original):
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
    return original.getexif().get(ORIENTATION, UPRIGHT) != UPRIGHT


def finish_original(image):
    """
    Give a stored image an original without metadata, upright, and new
    renditions (those it had); False if there was nothing to do.

    Decodes every pixel: for the background worker and commands only.
    """
    old = image.file.name
    try:
        with image.open_file() as handle:
            clean = without_metadata(handle.read())
    except OSError as exc:
        logger.warning("Image %s left as it is: %s", image.pk, exc)
        return False
    if clean is None:
        return False
    renditions = list(image.renditions.all())
    for rendition in renditions:
        rendition.delete()
        rendition.file.storage.delete(rendition.file.name)  # now, not by the worker's task
    image.file.save(posixpath.basename(old), ContentFile(clean), save=False)
    size = image.width, image.height
    with Image.open(io.BytesIO(clean)) as upright:
        image.width, image.height = upright.size
    if (image.width, image.height) != size:
        image.set_focal_point(None)  # it was marked on the photo lying on its side
    image._set_image_file_metadata()
    image.save()
    image.file.storage.delete(old)
    for spec in dict.fromkeys(rendition.filter_spec for rendition in renditions):
        image.get_rendition(spec)  # one at a time: one decoded copy in memory
    return True
