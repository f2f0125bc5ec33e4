"""What a platform's media payload is, in the engine's words (`Media`), shared by channels."""

from __future__ import annotations

import math
from typing import Any

from bot.types import Media, Point


def point_of(latitude: Any, longitude: Any) -> Point | None:
    """Coordinates as a Point; anything not a pair of numbers on the globe is no location."""
    if isinstance(latitude, bool) or isinstance(longitude, bool):
        return None
    if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
        return None
    lat, lon = float(latitude), float(longitude)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return Point(lat, lon)


def file_media(mime_type: Any) -> Media:
    """A file sent as a document: an image is a picture to the user, anything else a file."""
    if isinstance(mime_type, str) and mime_type.lower().startswith("image/"):
        return Media.PHOTO
    return Media.DOCUMENT
