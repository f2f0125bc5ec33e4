"""knowledge/country_boxes.yml: a point → a country, the smaller box winning an overlap."""

from __future__ import annotations

from typing import Any

import pytest

from bot.engine.content.boxes import Box, country_at, parse_boxes
from bot.engine.content.model import Content, ContentError
from bot.types import Point

PLACES = [
    (Point(41.01, 28.98), "TR"),  # Istanbul
    (Point(39.93, 32.86), "TR"),  # Ankara
    (Point(42.87, 74.59), "KG"),  # Bishkek: also in Kazakhstan's and China's boxes
    (Point(40.53, 72.80), "KG"),  # Osh
    (Point(42.49, 78.39), "KG"),  # Karakol
    (Point(43.24, 76.91), "KZ"),  # Almaty: just north of Kyrgyzstan's boxes
    (Point(42.90, 71.37), "KZ"),  # Taraz
    (Point(42.32, 69.60), "KZ"),  # Shymkent
    (Point(51.23, 51.37), "KZ"),  # Uralsk
    (Point(54.87, 69.15), "KZ"),  # Petropavl
    (Point(50.41, 80.23), "KZ"),  # Semey
    (Point(40.06, 70.82), "KG"),  # Batken
    (Point(40.93, 73.00), "KG"),  # Jalal-Abad
    (Point(40.78, 72.34), "UZ"),  # Andijan
    (Point(40.28, 69.62), "TJ"),  # Khujand
    (Point(38.56, 68.77), "TJ"),  # Dushanbe
    (Point(39.47, 75.99), "CN"),  # Kashgar
    (Point(51.77, 55.10), "RU"),  # Orenburg
    (Point(53.20, 50.15), "RU"),  # Samara
    (Point(55.16, 61.40), "RU"),  # Chelyabinsk
    (Point(54.98, 73.37), "RU"),  # Omsk
    (Point(55.03, 82.93), "RU"),  # Novosibirsk
    (Point(53.35, 83.77), "RU"),  # Barnaul
    (Point(52.29, 104.30), "RU"),  # Irkutsk
    (Point(48.48, 135.08), "RU"),  # Khabarovsk
    (Point(47.23, 39.70), "RU"),  # Rostov-on-Don
    (Point(45.04, 38.98), "RU"),  # Krasnodar
    (Point(43.32, 45.69), "RU"),  # Grozny
    (Point(59.94, 30.31), "RU"),  # Saint Petersburg
    (Point(54.71, 20.51), "RU"),  # Kaliningrad
    (Point(46.35, 48.03), "RU"),  # Astrakhan
    (Point(49.99, 36.23), "UA"),  # Kharkiv
    (Point(52.23, 21.01), "PL"),  # Warsaw
    (Point(44.43, 26.10), "RO"),  # Bucharest
    (Point(47.01, 28.86), "MD"),  # Chisinau
    (Point(42.70, 23.32), "BG"),  # Sofia
    (Point(60.17, 24.94), "FI"),  # Helsinki
    (Point(39.90, 116.40), "CN"),  # Beijing
    (Point(47.92, 106.92), "MN"),  # Ulaanbaatar
    (Point(51.17, 71.45), "KZ"),  # Astana
    (Point(55.75, 37.62), "RU"),  # Moscow
    (Point(43.12, 131.89), "RU"),  # Vladivostok
    (Point(37.57, 126.98), "KR"),  # Seoul
    (Point(33.50, 126.53), "KR"),  # Jeju
    (Point(25.20, 55.27), "AE"),  # Dubai
    (Point(41.31, 69.24), "UZ"),  # Tashkent
    (Point(41.72, 44.79), "GE"),  # Tbilisi: not Turkey
    (Point(13.75, 100.50), "TH"),  # Bangkok
    (Point(16.87, 96.20), "MM"),  # Yangon
    (Point(11.56, 104.92), "KH"),  # Phnom Penh
    (Point(30.0, -40.0), None),  # the Atlantic
    (Point(-33.87, 151.21), None),  # Sydney
]


@pytest.mark.parametrize(("point", "country"), PLACES)
def test_places_fall_in_their_country(content: Content, point: Point, country: str) -> None:
    assert country_at(content.boxes, point) == country


def test_the_smaller_box_wins() -> None:
    big, small = Box("BIG", 0, 0, 10, 10), Box("SMALL", 4, 4, 6, 6)
    assert country_at((big, small), Point(5, 5)) == "SMALL"
    assert country_at((small, big), Point(5, 5)) == "SMALL"
    assert country_at((big, small), Point(1, 1)) == "BIG"


def test_every_country_with_numbers_has_a_box(content: Content) -> None:
    assert set(content.hotlines) <= {box.country for box in content.boxes}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"countries": []}, "countries"),
        ({"countries": {"KG": []}}, "KG"),
        ({"countries": {"KG": [{"south": 1, "west": 2, "north": 3}]}}, "KG[0].east"),
        ({"countries": {"KG": [{"south": 5, "west": 2, "north": 3, "east": 4}]}}, "KG[0]"),
        ({"countries": {"KG": [{"south": "1", "west": 2, "north": 3, "east": 4}]}}, "south"),
        ({"countries": {"KG": ["1, 2, 3, 4"]}}, "KG[0]"),
    ],
)
def test_a_broken_box_is_refused_naming_where(data: Any, problem: str) -> None:
    with pytest.raises(ContentError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        parse_boxes(data)


def test_no_boxes_is_no_location() -> None:
    assert parse_boxes(None) == ()
    assert country_at((), Point(0, 0)) is None
