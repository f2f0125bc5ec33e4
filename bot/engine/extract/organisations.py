"""Employers and agencies named in an offer: a legal form, a quoted name, «компания X».

Matched on the original text (capitals matter: «Ак-Жол Курулуш» is a name, «ак жол» is not,
unless it stands in «» next to what it is: «кафе «сакура»»). A name counts as an agency when
agency words stand around it.
"""

from __future__ import annotations

import re

from bot.engine.extract.entity import Entity

# Shared with contact_keys, which takes them out of a name before folding it.
LEGAL_FORMS = (
    r"ООО|ОсОО|ОАО|ЗАО|АО|ТОО|ИП|ЧП|ЖЧК|ЖШС|LLC|Ltd\.?|Co\.,?\s?Ltd\.?|GmbH|Inc\.?|"
    r"Sp\.\s?z\s?o\.o\.|A\.Ş\.|s\.r\.o\."
)
# What a named place of work is (a word start): «кафе», «заводуна», «чарбасы», «СТО».
_ORG_KIND = (
    r"(?<!\w)(?:кафе|ресторан|гостиниц|отел|мейманкана|завод|фабрик|цех|комбинат|компани|"
    r"фирм|агентств|агенттиг|агенттик|клуб|магазин|дүкөн|дукон|чарба|ферм|хозяйств|салон|"
    r"склад|клиник|ишкана|кооператив|предприяти|ателье|пекарн|наубайкана|автосервис|"
    r"автомойк|маркет|супермаркет|(?:сто|ук|тсж)(?!\w))\w*"
)
_LATIN_NAME = r"(?-i:[a-z][a-z'&-]{2,}(?:\s[a-z][a-z'&-]{1,}){0,2})(?![\w])"
_QUOTED = r"[«\"“„]([A-ZА-ЯЁӨҮҢŠČŽ0-9][^»\"”\n]{1,60})[»\"”]"
_BARE = r"[A-ZА-ЯЁӨҮҢ][\w\-]+(?:\s[A-ZА-ЯЁӨҮҢ][\w\-]+){0,3}"
_ORG_RE = re.compile(rf"(?:(?P<legal>{LEGAL_FORMS})\s?(?:{_QUOTED}|(?P<bare>{_BARE})))|{_QUOTED}")
# A name before its legal form («Yıldız Tekstil Ltd.», «Golden Lotus Group»), or after a word
# for company («компания Ак-Жол Курулуш», «Компаниянын аты — Nur Logistics»).
_NAMED_ORG = re.compile(
    rf"(?P<name>{_BARE})\s(?:Ltd\.?|LLC|GmbH|Inc\.?|Co(?!\w)\.?|Group|Company|Corporation|Holding|A\.Ş\.)"
    # «Работодатель: Daesan Agro Co.», «Иш берүүчү: Morava Plast».
    rf"|(?:[Рр]аботодатель|[Ии]ш берүүчү|[Ee]mployer)\s?[:—–-]\s?(?P<label>{_BARE})"
    # The state's own Centre for Employment Abroad is a named, findable agency.
    r"|(?P<centre>(?i:центр\w{0,3} занятости|жумушка орноштуруу борбор\w{0,5}"
    r"|жумуш менен камсыз кылуу борбор\w{0,5}))"
    rf"|(?:[Кк]омпани\w{{0,4}}|[Фф]ирм\w{{0,3}}|[Кк]омпаниянын аты|[Ff]irma\w{{0,3}})"
    rf"[\s:—–-]{{1,4}}(?P<after>{_BARE})"
    rf"|(?P<before>{_BARE})\s(?:чарбас|компанияс|фирмас|ишканас)\w{{0,4}}"
    # Typed on a phone: «ооо мегастрой сибирь», «тоо нурлы курылыс», «'Euro Agro Kadr'».
    r"|\b(?i:ооо|осоо|тоо|жчк|ип|llc|ltd)\s(?P<lower>[^\W\d_][\w-]{2,}(?:\s[^\W\d_][\w-]{2,})?)"
    r"|(?<!\w)'(?P<single>[A-ZА-ЯЁӨҮҢ][^'\n]{1,60})'"
    # A lowercase name in «» next to what it is, typed on a phone: «кафе «сакура»», ««кама
    # логистик» компания», ««ак-буура» ун заводуна».
    rf"|(?i:{_ORG_KIND}\s(?:[^\W\d_]+\s)?[«\"“](?P<lq1>[^»\"”\n]{{2,40}})[»\"”])"
    rf"|(?i:[«\"“](?P<lq2>[^»\"”\n]{{2,40}})[»\"”]\s(?:[^\W\d_]+\s)?{_ORG_KIND})"
    # A Latin name typed in lower case beside a Cyrillic word for what it is: «компания sea
    # link», «казино lucky bay», «vistula study центр аркылуу».
    rf"|(?i:{_ORG_KIND}|казино|центр)\s(?P<latin>{_LATIN_NAME})"
    rf"|(?P<latin2>{_LATIN_NAME})\s(?i:{_ORG_KIND}|центр\w*)"
)
# A quoted name is a company name unless it names a housing estate, a mall, a programme or
# the channel a post was forwarded from («Переслано из канала «Работа Москва 24/7»»).
_NOT_ORG = re.compile(
    r"(?:ЖК|ТЦ|ТРЦ|БЦ|(?<!\w)м\.|программ\w*|проект\w*|статус\w*|канал\w*|групп\w*|паблик\w*|"
    r"чат\w*|from|от|слан\w*\s(?:из|с))\s?$",  # «(Пере)слано из «…»»
    re.IGNORECASE,
)
# …nor words someone is told to say: «Кытайда соода» дегиле, «на визу» деп алышкан.
_SAID = re.compile(r"\s?(?:деп|дегиле|дегин|деңиз|дениз|дейт|дешет|дешти|говорите|скажите)\b")
_AGENCY_HINT = re.compile(
    r"агентств|агенттиг|кадров|рекрут|трудоустр|занятост|recruit|agency|персонал|ортомчу",
    re.IGNORECASE,
)


def find_organisations(text: str) -> list[Entity]:
    """Employers and agencies named in a text (original coordinates)."""
    found: list[Entity] = []
    for m in _ORG_RE.finditer(text):
        name = (m.group(2) or m["bare"] or m.group(4) or "").strip()
        if not name or (
            not m["legal"]
            and (
                _NOT_ORG.search(text[max(0, m.start() - 12) : m.start()])
                or _SAID.match(text, m.end())
            )
        ):
            continue
        legal = m["legal"]
        label = f"{legal} «{name}»" if legal else name
        before = re.split(r"[.!?\n]", text[max(0, m.start() - 40) : m.start()])[-1]
        after = re.split(r"[.!?\n]", text[m.end() : m.end() + 40])[0]
        around = before + m.group() + after
        kind = "agency" if _AGENCY_HINT.search(around) else "employer"
        found.append(Entity(kind, label, m.start(), m.end()))
    for m in _NAMED_ORG.finditer(text):
        if any(e.start <= m.start() < e.end for e in found):
            continue
        if (m["lq1"] or m["lq2"]) and _SAID.match(text, m.end()):
            continue
        around = text[max(0, m.start() - 40) : m.end() + 40]
        kind = "agency" if _AGENCY_HINT.search(around) else "employer"
        name = m["name"] or m["after"] or m["before"] or m["lower"] or m["single"] or ""
        name = name or m["label"] or m["centre"] or m["lq1"] or m["lq2"] or ""
        name = name or m["latin"] or m["latin2"] or ""
        found.append(Entity(kind, name.strip(), m.start(), m.end()))
    return found
