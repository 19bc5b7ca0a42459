"""
Flat illustrations for the demo shop and block previews, drawn with Pillow.

Drawn rather than committed, so the repository stays small and the demo has
no licensing questions.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

CREAM, BROWN, DARK, ACCENT, GREEN, PAPER = (
    "#f7f1e8",
    "#8a4b22",
    "#3b2418",
    "#c8702a",
    "#5d7b4f",
    "#fffdf9",
)


def _beans(draw, box, count, seed):
    rng = random.Random(seed)  # noqa: S311  (a fixed pattern, not a secret)
    x0, y0, x1, y1 = box
    for _ in range(count):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        w, h = rng.uniform(28, 40), rng.uniform(20, 28)
        draw.ellipse((x, y, x + w, y + h), fill=rng.choice([BROWN, DARK, "#6b3a1c"]))
        draw.arc((x + 4, y + 3, x + w - 4, y + h - 3), 200, 340, fill=CREAM, width=2)


def roastery(draw, w, h):
    draw.rectangle((0, 0, w, h), fill="#e9d8c2")
    draw.rectangle((0, h * 0.78, w, h), fill="#c9ad8c")
    cx, cy, r = w * 0.42, h * 0.45, h * 0.26
    draw.rectangle((cx - r * 0.3, cy, cx + r * 0.3, h * 0.8), fill=DARK)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=BROWN, outline=DARK, width=12)
    draw.ellipse((cx - r * 0.45, cy - r * 0.45, cx + r * 0.45, cy + r * 0.45), fill=DARK)
    draw.rectangle((cx + r * 0.9, cy - r * 1.6, cx + r * 1.15, cy), fill=DARK)
    draw.polygon(
        [
            (cx + r * 0.7, cy - r * 1.6),
            (cx + r * 1.35, cy - r * 1.6),
            (cx + r * 1.02, cy - r * 2),
        ],
        fill=DARK,
    )
    for i in range(3):
        x = cx + r * (0.85 + 0.15 * i)
        draw.arc((x, h * 0.02, x + 40, h * 0.12), 90, 270, fill="#fffaf0", width=5)
    _beans(draw, (w * 0.62, h * 0.62, w * 0.92, h * 0.74), 40, 1)


def scoop(draw, w, h):
    draw.rectangle((0, 0, w, h), fill=CREAM)
    _beans(draw, (40, 40, w - 80, h - 60), 160, 2)


def bag(draw, w, h):
    draw.rectangle((0, 0, w, h), fill="#dfe8d8")
    draw.polygon(
        [
            (w * 0.3, h * 0.15),
            (w * 0.7, h * 0.15),
            (w * 0.75, h * 0.9),
            (w * 0.25, h * 0.9),
        ],
        fill=BROWN,
    )
    draw.rectangle((w * 0.3, h * 0.1, w * 0.7, h * 0.18), fill=DARK)
    draw.rounded_rectangle((w * 0.36, h * 0.4, w * 0.64, h * 0.65), 16, fill=PAPER)
    draw.ellipse((w * 0.45, h * 0.46, w * 0.55, h * 0.58), fill=GREEN)


def parcel(draw, w, h):
    draw.rectangle((0, 0, w, h), fill="#e6eef5")
    draw.polygon(
        [
            (w * 0.2, h * 0.35),
            (w * 0.5, h * 0.22),
            (w * 0.8, h * 0.35),
            (w * 0.5, h * 0.48),
        ],
        fill="#d9a86c",
    )
    draw.polygon(
        [
            (w * 0.2, h * 0.35),
            (w * 0.5, h * 0.48),
            (w * 0.5, h * 0.88),
            (w * 0.2, h * 0.74),
        ],
        fill="#c08a4d",
    )
    draw.polygon(
        [
            (w * 0.5, h * 0.48),
            (w * 0.8, h * 0.35),
            (w * 0.8, h * 0.74),
            (w * 0.5, h * 0.88),
        ],
        fill="#a8743c",
    )
    draw.line((w * 0.35, h * 0.285, w * 0.65, h * 0.415), fill=PAPER, width=18)


def gift(draw, w, h):
    draw.rectangle((0, 0, w, h), fill="#f6e4e1")
    draw.rectangle((w * 0.28, h * 0.42, w * 0.72, h * 0.86), fill="#b8433a")
    draw.rectangle((w * 0.25, h * 0.32, w * 0.75, h * 0.44), fill="#cf5247")
    draw.rectangle((w * 0.47, h * 0.32, w * 0.53, h * 0.86), fill="#f4c35a")
    draw.ellipse((w * 0.36, h * 0.18, w * 0.5, h * 0.33), outline="#f4c35a", width=14)
    draw.ellipse((w * 0.5, h * 0.18, w * 0.64, h * 0.33), outline="#f4c35a", width=14)


def cup(draw, w, h):
    draw.rectangle((0, 0, w, h), fill=PAPER)
    draw.rectangle((0, 0, w, h * 0.18), fill=BROWN)
    cx, cy = w / 2, h * 0.6
    draw.ellipse((cx - w * 0.32, cy + h * 0.12, cx + w * 0.32, cy + h * 0.2), fill="#e4d3bd")
    draw.chord((cx - w * 0.22, cy - h * 0.2, cx + w * 0.22, cy + h * 0.16), 0, 180, fill=GREEN)
    draw.rectangle((cx - w * 0.22, cy - h * 0.03, cx + w * 0.22, cy - h * 0.02), fill=GREEN)
    draw.arc(
        (cx + w * 0.16, cy - h * 0.02, cx + w * 0.32, cy + h * 0.09),
        270,
        90,
        fill=GREEN,
        width=10,
    )
    draw.ellipse((cx - w * 0.2, cy - h * 0.045, cx + w * 0.2, cy + h * 0.005), fill=DARK)


def portrait(draw, w, h):
    draw.rectangle((0, 0, w, h), fill="#d9e4ec")
    draw.ellipse((w * 0.12, h * 0.62, w * 0.88, h * 1.3), fill=GREEN)
    draw.ellipse((w * 0.3, h * 0.18, w * 0.7, h * 0.62), fill="#e8b48f")
    draw.chord((w * 0.28, h * 0.12, w * 0.72, h * 0.5), 180, 360, fill=DARK)


def signature(draw, w, h):
    points = [
        (
            w * (0.06 + 0.88 * t / 120),
            h * (0.55 + 0.25 * math.sin(t / 5.5) * math.cos(t / 17)),
        )
        for t in range(121)
    ]
    draw.line(points, fill="#1d3557", width=5, joint="curve")
    draw.line((w * 0.12, h * 0.86, w * 0.9, h * 0.8), fill="#1d3557", width=3)


ART = {
    "roastery": (roastery, (1440, 810), "JPEG"),
    "scoop": (scoop, (960, 720), "JPEG"),
    "bag": (bag, (960, 720), "JPEG"),
    "parcel": (parcel, (960, 720), "JPEG"),
    "gift": (gift, (960, 720), "JPEG"),
    "cup": (cup, (600, 800), "JPEG"),
    "portrait": (portrait, (384, 384), "JPEG"),
    "signature": (signature, (480, 160), "PNG"),
}


def draw(name):
    """Return (filename, bytes) of one illustration."""
    painter, size, fmt = ART[name]
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", size, (0, 0, 0, 0))
    painter(ImageDraw.Draw(image), *size)
    out = io.BytesIO()
    image.save(out, fmt, quality=82, optimize=True)
    return f"{name}.{fmt.lower().replace('jpeg', 'jpg')}", out.getvalue()


def pdf(title, lines):
    """Return a one-page A5 PDF with a title and a few lines of text."""
    page = Image.new("RGB", (874, 1240), PAPER)
    canvas = ImageDraw.Draw(page)
    canvas.rectangle((0, 0, 874, 180), fill=BROWN)
    canvas.text((60, 60), title, fill=PAPER, font=ImageFont.load_default(size=44))
    body = ImageFont.load_default(size=28)
    for number, line in enumerate(lines):
        canvas.text((60, 260 + number * 70), line, fill=DARK, font=body)
    out = io.BytesIO()
    page.save(out, "PDF", resolution=150)
    return out.getvalue()
