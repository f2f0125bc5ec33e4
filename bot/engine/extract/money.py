"""Money in an offer: «100к», «3500 в смену», «2 500 000 вон», «от 3000$», «айына 1500 доллар».

Works on folded text (lowercase, Latin already turned Cyrillic, ө→о, ү→у, ң→н), so «dollar»,
«долларга» and «доллар» all meet one pattern, and «usd», «per month» arrive as «усд», «пер
монт». Returns spans in folded coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Order matters: longer spellings first so «руб» does not stop at «р».
_CURRENCIES: tuple[tuple[str, str], ...] = (
    ("RUB", r"руб\w{0,6}|т\.?\s?р\.?(?!\w)|₽|р\.|р(?![а-я])|рубл\w{0,4}"),
    ("KZT", r"тенге|тнг|тг(?![а-я])|₸|кзт"),
    ("KGS", r"сом(?:[а-я]{0,5})|кгс"),
    ("USD", r"\$|долл\w{0,6}|усд|бакс\w{0,3}|уе(?![а-я])|у\.е\.?"),
    ("KRW", r"вон(?:[а-я]{0,4})|₩|крв"),
    ("TRY", r"лир[аыуе]?\w{0,4}|₺|тл(?![а-я])"),
    ("AED", r"дирхам\w{0,4}|аед"),
    ("EUR", r"евро|эвро|эуро|€|еур|эур"),
    ("PLN", r"злот\w{0,4}|плн"),
    ("CNY", r"юан\w{0,4}"),
    ("GBP", r"фунт\w{0,4}|£"),
)
_CUR_RE = re.compile("|".join(f"(?P<{code}>{pat})" for code, pat in _CURRENCIES))
_CUR_ALT = "|".join(f"(?:{pat})" for _, pat in _CURRENCIES)

_NUM = r"\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+(?![\d])|\d+(?:[.,]\d{1,2})?"
_MULT = r"\s?(?:к(?![а-я])|тыс\w{0,5}\.?|млн|миллион\w{0,3}|мин(?![а-я])|минг?)"
_SYM = r"[$€£₽₸₺₩]"
_TOKEN_END = re.compile(r"[^\w.,+]")
_MONEY_RE = re.compile(
    rf"(?P<from>(?:от|фром)\s?)?(?P<sym1>{_SYM})?\s?(?P<a>{_NUM})(?P<am>{_MULT})?"
    rf"(?:\s?(?P<cur1>{_CUR_ALT}))?"
    rf"(?:\s?(?:-|–|—|до|то)\s?(?P<sym2>{_SYM})?\s?(?P<b>{_NUM})(?P<bm>{_MULT})?)?"
    rf"(?:\s?(?P<cur2>{_CUR_ALT}))?"
)
# A bare number counts as pay only near a pay word: «зп 80000», «айлык 1000».
_PAY_WORD_RE = re.compile(
    r"(?:зп|з/п|з\.п|зарплат|заработ|оклад|оплат|плат|доход|выплат|ставк|айлык|маяна|акы|салар|"
    r"эмгек ак|салари)\w*[^\d\n]{0,20}$"
)
_PERIOD_AFTER = re.compile(
    r"(?:\s?(?:брутто|нетто|чистыми|на рук[иу]?|грязными))?"  # «27 злотых брутто в час»
    r"[\s/.]{0,3}(?P<prep>в|за|пер|на|/)?\s?(?P<p>час|саат|смен|ден|дн|сут|мес|ай(?![а-я])|айына|"
    r"айлык|недел|нед|жума|кун|год|хоур|дай|дэй|монт|вик|шифт|сезон|рейс|вахт|единовр|разово)"
    r"[а-яa-z]*"
)
# Not across a comma: «27 злотых в час, в среднем 4 200 злотых» is 4 200 a month.
_PERIOD_BEFORE = re.compile(
    r"(?P<p>саатына|сааты|почасов|кунуно|кундук|кунуно|айына|айлык\w*|ежемесячн|в месяц|"
    r"в час|в смену|за смену|сменага|в день|в сутки|в неделю|жумасына|сезонго|за сезон|за вахту)"
    r"[^\d\n,;]{0,12}$"
)
# A one-time payment: «при подписании контракта — до 2 000 000 ₽», «бир жолку төлөм — …».
_ONCE_BEFORE = re.compile(
    r"(?:единовременн|разов|при подписании|подъемн|кол койгондо|бир жолку)[^\d\n;]{0,25}$"
)
_PERIODS = (
    ("hour", ("час", "саат", "хоур", "почасов")),
    ("shift", ("смен", "шифт")),
    ("day", ("ден", "дн", "сут", "кун", "дай", "дэй")),
    ("week", ("недел", "нед", "жума", "вик")),
    ("month", ("мес", "ай", "монт")),
    ("year", ("год",)),
    # A season's or a shift rotation's («вахта») pay is spread over the months wages.yml's
    # `per_month` gives them; a one-time payment is `once` (_ONCE_BEFORE), no monthly pay.
    ("season", ("сезон", "рейс")),
    ("vahta", ("вахт",)),
    ("once", ("единовр", "разов")),
)
# A season, a trip or a rotation names the pay's period only with «за»/«в» («150 000 за
# вахту»); «80 000, вахта 30/30» is monthly pay on a rotation.
_WITH_PREP = ("season", "vahta")
_SCHEDULE = re.compile(r"\s?\d{1,2}\s?(?:ч|час|саат)")


@dataclass(frozen=True, slots=True)
class Money:
    """An amount or range with its ISO 4217 currency and pay period (None when unsaid)."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, float | str | None]:
        return {"min": self.min, "max": self.max, "currency": self.currency, "period": self.period}


def _number(raw: str, mult: str | None) -> float:
    digits = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,']\d{3})+", digits):
        value = float(re.sub(r"[ .,']", "", digits))
    else:
        value = float(digits.replace(",", "."))
    m = (mult or "").strip()
    if value >= 1000:
        return value  # «50 000 тыс. руб» is a typo for 50 000, not 50 million
    if m.startswith(("к", "тыс", "т", "мин")):
        value *= 1000
    elif m.startswith(("млн", "миллион")):
        value *= 1_000_000
    return value


def _currency(*parts: str | None) -> str | None:
    for part in parts:
        if part:
            found = _CUR_RE.fullmatch(part.strip()) or _CUR_RE.match(part.strip())
            if found and found.lastgroup:
                return found.lastgroup
    return None


def _period(word: str) -> str | None:
    for name, stems in _PERIODS:
        if word.startswith(stems):
            return name
    return None


def _after_period(after: re.Match[str] | None, folded: str) -> str | None:
    """The pay period written after an amount, if the words there are one."""
    if after is None:
        return None
    per = _period(after["p"])
    if after["prep"]:
        return per
    if per in _WITH_PREP or after.group()[:1].isalpha():
        return None  # «30000ден жогору» is Kyrgyz «from 30 000», not «a day»
    if re.search(r"\.\s", folded[after.start() : after.start("p")]):
        return None  # «130 000 ₽ чистыми. Смены по 12 часов»: the next sentence's word
    if _SCHEDULE.match(folded, after.end()):
        return None  # «зп 30000 смена 8ч»: the shift's length, not pay per shift
    return per


def find_money(folded: str) -> list[Money]:
    """All pay amounts in folded text, with spans in folded coordinates."""
    found: list[Money] = []
    pos = 0
    while (m := _MONEY_RE.search(folded, pos)) is not None:
        pos = m.end() if m.end() > m.start() else m.start() + 1
        # Checked here rather than with a look-behind, which would slow the scan down: an
        # amount does not continue a word, a decimal number or a phone number.
        if m.start() > 0 and (folded[m.start() - 1].isalnum() or folded[m.start() - 1] in "_.,+"):
            token_end = _TOKEN_END.search(folded, m.start())
            pos = max(token_end.start() if token_end else len(folded), m.start() + 1)
            continue
        cur = _currency(m["sym1"], m["cur1"], m["sym2"], m["cur2"])
        before = folded[max(0, m.start() - 40) : m.start()]
        after = _PERIOD_AFTER.match(folded, m.end())
        # «зп 80000», «80 000 в месяц», «айына 350к» (a period before, with a multiplier).
        pay_like = (
            _PAY_WORD_RE.search(before)
            or (after and after["prep"])
            or (m["am"] and _PERIOD_BEFORE.search(before))
        )
        if cur is None and not pay_like:
            continue
        if cur is None and not (m["am"] or len(re.sub(r"\D", "", m["a"])) >= 3):
            continue
        # «50 т.р.» is thousands of roubles: the currency word carries the multiplier.
        kilo = "к" if re.match(r"т\.?\s?р", m["cur2"] or m["cur1"] or "") else None
        a = _number(m["a"], m["am"] or m["bm"] or kilo)
        b = _number(m["b"], m["bm"] or m["am"] or kilo) if m["b"] else None
        if m["b"] and b is not None and b < a:
            continue  # «2-1» or a date, not a range
        lo: float | None = a
        hi: float | None = b if b is not None else (None if m["from"] else a)
        if m["from"] is None and m["b"] is None and re.search(r"до\s?$", before):
            lo, hi = None, a
        per = _after_period(after, folded)
        if per is None and _ONCE_BEFORE.search(before):
            per = "once"
        if per is None:
            pre = _PERIOD_BEFORE.search(before)
            per = _period(re.sub(r"^(в|за) ", "", pre["p"])) if pre else None
            if pre and per is None and pre["p"].startswith(("айы", "айл", "ежемес")):
                per = "month"
        end = after.end() if after else m.end()
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        found.append(Money(lo, hi, cur, per, start, end))
    return found
