"""A picture's bytes → one clean greyscale image, or the reason it is refused.

Only the pixels survive: orientation is applied, then EXIF, ICC profiles, comments and every
other chunk are left behind. The size is read from the header and checked before any pixel
is decoded, so a decompression bomb (a small PNG of a huge blank image) costs nothing.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from bot.types import PictureOutcome

# What phones, messengers and browsers send; anything else is no picture to read.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP")


class PictureRefused(Exception):
    """The bytes are not a picture we read; `outcome` says why."""

    def __init__(self, outcome: PictureOutcome) -> None:
        super().__init__(outcome.value)
        self.outcome = outcome


def guard_pixels(max_pixels: int) -> None:
    """Make Pillow itself refuse more than twice `max_pixels`, a second line behind ours."""
    Image.MAX_IMAGE_PIXELS = max_pixels


def decode(data: bytes, *, max_pixels: int) -> Image.Image:
    """The picture in `data` as a greyscale image without metadata.

    Raises:
        PictureRefused: NOT_IMAGE for bytes that are no supported image, TOO_LARGE for more
            than `max_pixels` pixels.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
                width, height = opened.size
                if width * height > max_pixels or width < 1 or height < 1:
                    raise PictureRefused(PictureOutcome.TOO_LARGE)
                opened.seek(0)  # an animated GIF: its first frame
                upright = ImageOps.exif_transpose(opened)
                grey = _flatten(upright).convert("L")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PictureRefused(PictureOutcome.TOO_LARGE) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        # Pillow reports a truncated or corrupt file as any of these.
        raise PictureRefused(PictureOutcome.NOT_IMAGE) from exc
    clean = Image.new("L", grey.size)
    clean.paste(grey)  # a fresh image: none of the file's metadata comes along
    return clean


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent parts on white, as a screenshot's text shows on its background."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba)
    return image
