"""The offer check in the conversation: report, follow-up questions, facts added later."""

from __future__ import annotations

from bot.engine.dialogue.events import Assessed
from bot.engine.dialogue.state import Mode
from bot.engine.dialogue.turn import Turn
from bot.engine.extract.facts import extract_facts
from bot.engine.offer.case import Assessment, OfferCase
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.pay_band import pay_band
from bot.engine.offer.risk import assess
from bot.engine.offer.rules import home_country
from bot.types import Button, Reply

MIN_OFFER_CHARS = 80  # shorter texts are questions, unless they carry several offer facts
MIN_SHORT_OFFER_FACTS = 3  # facts + warning signs in a short text that make it an offer
MAX_SIGNS_SHOWN = 6
MAX_ADVICE_SHOWN = 4


def looks_like_offer(text: str, forwarded: bool, catalogue: Catalogue | None = None) -> bool:
    """A pasted or forwarded job post: long enough, with pay or contacts and a place or trade.

    A short text is an offer too when it names several facts of one and the check finds a
    warning sign in it («Корея без экзамена, туристическая виза, предоплата 1500$»).
    """
    facts = extract_facts(text)
    signals = sum(
        bool(x) for x in (facts.pay, facts.contacts, facts.country or facts.city, facts.sector)
    )
    if len(text) >= MIN_OFFER_CHARS:
        return signals >= (1 if forwarded else 2)
    if catalogue is None or signals == 0:
        return False
    signs = len(assess(OfferCase(texts=(text,)), catalogue).findings)
    return signs > 0 and signals + signs >= MIN_SHORT_OFFER_FACTS


def check(turn: Turn, text: str) -> None:
    """Start a new check of `text` and report it."""
    case = OfferCase(texts=(text,), language=turn.lang)
    report(turn, case, updated=False)


def ask(turn: Turn, question_id: str) -> None:
    """Ask (again) the waiting question; its buttons carry its id, so old ones are told apart."""
    catalogue = catalogue_of(turn)
    try:
        question = catalogue.question(question_id)
    except KeyError:  # editors removed it since it was asked: ask what comes next instead
        case = OfferCase.from_dict(turn.state.offer or {})
        next_question(turn, assess(case, catalogue))
        return
    buttons = tuple(
        Button(b.title, f"{b.payload}:{question_id}") for b in turn.menu("offer_answer")
    )
    turn.replies.append(Reply(question.text[turn.lang], buttons))


def catalogue_of(turn: Turn) -> Catalogue:
    catalogue = turn.content.offers
    if catalogue is None:
        raise RuntimeError("the offer check has no catalogue loaded")
    return catalogue


def report(turn: Turn, case: OfferCase, updated: bool) -> None:
    """Assess `case`, report it, and ask the next question or hand the chat to a person."""
    catalogue = catalogue_of(turn)
    result = assess(case, catalogue)
    turn.state = turn.state.but(offer=case.to_dict(), risk_level=result.risk_level)
    facts = result.facts
    turn.events.append(
        Assessed(
            result.risk_level, tuple(result.indicator_ids), home_country(facts), facts.sector,
            pay_band(facts, catalogue.wages), result.empty,
        )
    )  # fmt: skip
    if result.empty:
        turn.say("ask_offer")
        turn.state = turn.state.but(mode=Mode.AWAITING_OFFER)
        return
    lang = turn.lang
    head = catalogue.text("headings", "risk_level", lang)
    lines = [f"{head}: {catalogue.text('levels', result.risk_level, lang)}"]
    if updated:
        lines.insert(0, turn.content.text("offer_updated", lang))
    yours = turn.content.text("offer_your_answer", lang)
    for finding in result.findings[:MAX_SIGNS_SHOWN]:
        quotes = "; ".join(
            f"«{clip(e.text)}»" if e.start is not None else f"{yours} «{clip(e.text)}»"
            for e in finding.evidence[:2]
        )
        lines.append(f"• {finding.name}: {quotes}\n  {finding.explanation}")
    turn.replies.append(Reply("\n".join(lines)))
    advice = list(dict.fromkeys(result.advice))[:MAX_ADVICE_SHOWN]
    heading = catalogue.text("headings", "advice", lang)
    turn.replies.append(Reply(f"{heading}:\n" + "\n".join(f"• {a}" for a in advice)))
    if result.risk_level == "critical":
        turn.say("handoff_critical")
        turn.escalate("critical_offer", risk_level="critical")
        turn.state = turn.state.but(question=None)
        return
    if result.risk_level == "high":
        operator = Button(turn.content.buttons["operator"][lang], "operator")
        turn.replies.append(Reply(turn.content.text("offer_human", lang), (operator,)))
    next_question(turn, result)


def next_question(turn: Turn, result: Assessment) -> None:
    waiting = [q for q in result.questions if q.id not in turn.state.skipped]
    if not waiting:
        turn.state = turn.state.but(mode=Mode.IDLE, question=None)
        turn.say("offer_done", turn.menu())
        return
    turn.state = turn.state.but(mode=Mode.OFFER_QUESTION, question=waiting[0].id)
    ask(turn, waiting[0].id)


def clip(text: str, limit: int = 80) -> str:
    """At most `limit` characters, cut between words («за визу 800$», never «за визу 8»)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:—–-") + "…"
