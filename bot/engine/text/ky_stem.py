"""A Kyrgyz suffix stripper for folded words (ө→о, ү→у, ң→н, Latin already Cyrillic).

Kyrgyz is agglutinative: «паспортторуңуздарды» is паспорт + plural + possessive + accusative.
The offer check compares stems, so endings are peeled off from the right, longest first, while
a stem of at least three letters remains. The tables are data: plural, possessive, case and
the common verb endings, each in every vowel-harmony variant, as typed without ө/ү/ң.
"""

from __future__ import annotations

from functools import lru_cache

MIN_STEM = 3
MAX_PEELS = 4

_PLURAL = ("лар", "лер", "лор", "дар", "дер", "дор", "тар", "тер", "тор")
_POSSESSIVE = (
    "ыныздар",
    "иниздер",
    "унуздар",
    "ынар",
    "инер",
    "унар",
    "ыныз",
    "иниз",
    "унуз",
    "ыбыз",
    "ибиз",
    "убуз",
    "ым",
    "им",
    "ум",
    "ын",
    "ин",
    "ун",
    "сы",
    "си",
    "су",
    "м",
    "н",
)
_CASE = (
    "нын",
    "нин",
    "нун",
    "дын",
    "дин",
    "дун",
    "тын",
    "тин",
    "тун",
    "дан",
    "ден",
    "дон",
    "тан",
    "тен",
    "тон",
    "нан",
    "нен",
    "нон",
    "га",
    "ге",
    "го",
    "ка",
    "ке",
    "ко",
    "на",
    "не",
    "но",
    "ды",
    "ди",
    "ду",
    "ты",
    "ти",
    "ту",
    "ны",
    "ни",
    "ну",
    "да",
    "де",
    "до",
    "та",
    "те",
    "то",
    "нда",
    "нде",
    "ндо",
)
_VERB = (
    "ышат",
    "ишет",
    "ушат",
    "ышты",
    "ишти",
    "ушту",
    "ыбыз",
    "ибиз",
    "убуз",
    "абыз",
    "ебиз",
    "обуз",
    "асыз",
    "есиз",
    "осуз",
    "асын",
    "есин",
    "осун",
    "ганбыз",
    "генбиз",
    "гонбуз",
    "ган",
    "ген",
    "гон",
    "кан",
    "кен",
    "кон",
    "ууга",
    "уу",
    "оо",
    "ып",
    "ип",
    "уп",
    "йт",
    "ат",
    "ет",
    "от",
    "ды",
    "ди",
    "ду",
    "ты",
    "ти",
    "ту",
    "ыныз",
    "иниз",
    "гыла",
    "гиле",
    "ышы",
    "иши",
    "ушу",
    "ыл",
    "ил",
    "ул",
    "ын",
    "ин",
    "ун",
    "йбыз",
    "йбиз",
    "йбуз",
    "йсыз",
    "йсиз",
    "йсуз",
    "йсын",
    "йсин",
    "йсун",
    "ймын",
    "ймин",
    "йм",
    "асынар",
    "есинер",
    "осунар",
    "ыныздар",
    "ыбыз",
)
SUFFIXES = tuple(sorted({*_PLURAL, *_POSSESSIVE, *_CASE, *_VERB}, key=len, reverse=True))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word without its inflectional endings (at most MAX_PEELS of them)."""
    for _ in range(MAX_PEELS):
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            return word
    return word
