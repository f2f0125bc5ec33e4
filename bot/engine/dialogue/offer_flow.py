"""The offer check in the conversation: report, follow-up questions, facts added later."""

from __future__ import annotations

from bot.engine.dialogue.events import Assessed
from bot.engine.dialogue.state import Mode
from bot.engine.dialogue.turn import Turn
from bot.engine.extract.facts import extract_facts
from bot.engine.nlu.intent import Intent
from bot.engine.offer.case import Assessment, OfferCase
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import assess
from bot.types import Button, Reply

ANSWER_BUTTONS = {"offer_yes": True, "offer_no": False}
MIN_OFFER_CHARS = 80  # shorter texts are questions, not pasted job posts
MAX_SIGNS_SHOWN = 6
MAX_ADVICE_SHOWN = 4


def looks_like_offer(text: str, forwarded: bool) -> bool:
    """A pasted or forwarded job post: long enough, with pay or contacts and a place or trade."""
    if len(text) < MIN_OFFER_CHARS:
        return False
    facts = extract_facts(text)
    signals = sum(
        bool(x) for x in (facts.pay, facts.contacts, facts.country or facts.city, facts.sector)
    )
    return signals >= (1 if forwarded else 2)


def check(turn: Turn, text: str) -> None:
    """Start a new check of `text` and report it."""
    case = OfferCase(texts=(text,), language=turn.lang)
    _assess_and_report(turn, case, updated=False)


def on_button(turn: Turn, payload: str) -> bool:
    """Yes / no / don't know to the waiting question; False if not an offer button."""
    if turn.state.mode != Mode.OFFER_QUESTION or turn.state.question is None:
        return False
    case = OfferCase.from_dict(turn.state.offer or {})
    if payload in ANSWER_BUTTONS:
        _assess_and_report(turn, case.answer(turn.state.question, ANSWER_BUTTONS[payload]), True)
        return True
    if payload == "offer_skip":
        turn.state = turn.state.but(skipped=(*turn.state.skipped, turn.state.question))
        turn.say("offer_skipped")
        _next_question(turn, assess(case, _catalogue(turn)))
        return True
    return False


def on_text(turn: Turn, text: str, intent: Intent) -> bool:
    """A typed reply while a question waits: yes/no, or a sentence that adds a fact."""
    if intent.name in ("affirm", "deny"):
        return on_button(turn, "offer_yes" if intent.name == "affirm" else "offer_no")
    case = OfferCase.from_dict(turn.state.offer or {})
    _assess_and_report(turn, case.add_text(text), updated=True)
    return True


def _catalogue(turn: Turn) -> Catalogue:
    catalogue = turn.content.offers
    if catalogue is None:
        raise RuntimeError("the offer check has no catalogue loaded")
    return catalogue


def _assess_and_report(turn: Turn, case: OfferCase, updated: bool) -> None:
    catalogue = _catalogue(turn)
    result = assess(case, catalogue)
    turn.state = turn.state.but(offer=case.to_dict(), risk_level=result.risk_level)
    turn.events.append(Assessed(result.risk_level, tuple(result.indicator_ids)))
    if result.empty:
        turn.say("ask_offer")
        turn.state = turn.state.but(mode=Mode.AWAITING_OFFER)
        return
    lang = turn.lang
    head = catalogue.text("headings", "risk_level", lang)
    lines = [f"{head}: {catalogue.text('levels', result.risk_level, lang)}"]
    if updated:
        lines.insert(0, turn.content.text("offer_updated", lang))
    for finding in result.findings[:MAX_SIGNS_SHOWN]:
        quotes = "; ".join(f"«{_clip(e.text)}»" for e in finding.evidence[:2])
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
    _next_question(turn, result)


def _next_question(turn: Turn, result: Assessment) -> None:
    waiting = [q for q in result.questions if q.id not in turn.state.skipped]
    if not waiting:
        turn.state = turn.state.but(mode=Mode.IDLE, question=None)
        turn.say("offer_done", turn.menu())
        return
    question = waiting[0]
    turn.state = turn.state.but(mode=Mode.OFFER_QUESTION, question=question.id)
    turn.replies.append(Reply(question.text, turn.menu("offer_answer")))


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
