"""Which country a point is in, from knowledge/country_boxes.yml: coarse boxes, smallest wins."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.engine.content.languages import ContentError
from bot.types import Point

DOCUMENT = "knowledge/country_boxes.yml"
SIDES = ("south", "west", "north", "east")


@dataclass(frozen=True, slots=True)
class Box:
    """One country's rectangle in degrees (a country may have several)."""

    country: str
    south: float
    west: float
    north: float
    east: float

    def holds(self, point: Point) -> bool:
        lat, lon = point.latitude, point.longitude
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    @property
    def area(self) -> float:
        """In square degrees: enough to tell a small country's box from a big one's."""
        return (self.north - self.south) * (self.east - self.west)


def parse_boxes(data: Any) -> tuple[Box, ...]:
    """The boxes of the document; an error names the country, the box and the side."""
    countries = (data or {}).get("countries") if isinstance(data, Mapping) else None
    if countries is None:
        return ()
    if not isinstance(countries, Mapping):
        raise ContentError("country_boxes.yml: countries: must map a country code to boxes")
    boxes = []
    for code, items in countries.items():
        if not isinstance(items, list) or not items:
            raise ContentError(f"country_boxes.yml: {code}: a list of boxes")
        boxes += [_box(str(code), item, f"{code}[{i}]") for i, item in enumerate(items)]
    return tuple(boxes)


def _box(code: str, item: Any, where: str) -> Box:
    if not isinstance(item, Mapping):
        raise ContentError(f"country_boxes.yml: {where}: needs {', '.join(SIDES)}")
    sides = []
    for side in SIDES:
        value = item.get(side)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ContentError(f"country_boxes.yml: {where}.{side}: a number of degrees")
        sides.append(float(value))
    south, west, north, east = sides
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise ContentError(f"country_boxes.yml: {where}: south < north, west < east, on the globe")
    return Box(code, south, west, north, east)


def country_at(boxes: tuple[Box, ...], point: Point) -> str | None:
    """The country of the smallest box holding `point`; None outside every box."""
    holding = [box for box in boxes if box.holds(point)]
    return min(holding, key=lambda box: box.area).country if holding else None
