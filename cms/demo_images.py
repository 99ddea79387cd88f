"""Placeholder pictures for the demo clinic, drawn with Pillow so the demo needs no downloads."""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont

PALETTES = [
    ((244, 214, 222), (138, 59, 92)),
    ((214, 236, 233), (31, 111, 107)),
    ((250, 229, 206), (160, 92, 40)),
    ((228, 222, 245), (92, 72, 150)),
    ((236, 240, 220), (90, 110, 40)),
]


def draw_picture(label: str, index: int, size=(1600, 900)) -> ImageFile:
    top, bottom = PALETTES[index % len(PALETTES)]
    width, height = size
    picture = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(picture)
    for row in range(height):
        mix = row / height
        colour = tuple(int(top[channel] * (1 - mix) + bottom[channel] * mix * 0.35 + top[channel] * mix * 0.65) for channel in range(3))
        draw.line([(0, row), (width, row)], fill=colour)
    for circle in range(4):
        radius = 120 + 60 * circle
        centre = (width * (0.2 + 0.2 * circle), height * (0.3 + 0.1 * (circle % 2)))
        draw.ellipse(
            [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
            outline=bottom,
            width=6,
        )
    try:
        font = ImageFont.load_default(size=88)
    except TypeError:
        font = ImageFont.load_default()
    # Centred, because the site crops pictures to other aspect ratios around the centre.
    left, top_edge, right, bottom_edge = draw.textbbox((0, 0), label, font=font)
    position = ((width - (right - left)) / 2, (height - (bottom_edge - top_edge)) / 2)
    draw.text(position, label, fill=bottom, font=font)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    buffer.seek(0)
    return ImageFile(buffer, name=f"demo-{index:02d}.jpg")
