"""Replies to the offer check's follow-up question: its buttons, typed answers, other text.

A button carries the id of the question it answers («offer_yes:fees»); one that does not
match the waiting question — an older question's, or one sent before buttons carried ids —
answers nothing: the user is told and the waiting question is asked again.
"""

from __future__ import annotations

from bot.engine.dialogue import offer_flow
from bot.engine.dialogue.state import Mode
from bot.engine.dialogue.turn import Turn
from bot.engine.extract.facts import extract_facts
from bot.engine.nlu.intent import Intent
from bot.engine.offer.case import Assessment, OfferCase
from bot.engine.offer.risk import assess
from bot.engine.text.yesno import dont_know, yes_no
from bot.types import Button, Reply

ANSWERS = {"offer_yes": True, "offer_no": False}
KINDS = frozenset({*ANSWERS, "offer_skip", "offer_resume"})
MAX_BARE_ANSWER_WORDS = 2  # «да», «нет нет», «ооба туура»: longer answers say more
# Intents answered as they are while a question waits; the check goes on after them.
OWN_INTENTS = frozenset({"greet", "thanks", "help", "goodbye", "set_language"})


def on_button(turn: Turn, payload: str) -> bool:
    """Yes / no / don't know / back to the question; False if not an offer check button."""
    kind, _, question_id = payload.partition(":")
    if kind not in KINDS or (turn.state.handoff and not turn.state.waiting):
        return False  # with an operator the bot stays out (queued, it still answers)
    pending = turn.state.question if turn.state.mode == Mode.OFFER_QUESTION else None
    if pending is None or question_id != pending:
        if pending is None:
            turn.say("offer_stale_done", turn.menu())
        else:
            turn.say("offer_stale")
            offer_flow.ask(turn, pending)
    elif kind == "offer_resume":
        offer_flow.ask(turn, pending)
    elif kind == "offer_skip":
        _skip(turn)
    else:
        _answer(turn, ANSWERS[kind], turn.content.buttons[kind][turn.lang])
    return True


def on_text(turn: Turn, text: str, intent: Intent) -> bool:
    """A typed reply while a question waits; False when it is a question of its own.

    Yes or no (also opening a sentence: «нет, паспорт будет у меня»), "don't know", or a
    fact about the offer are taken as the answer. A question («нужен ли патент?») or a
    greeting is for the caller to answer, after which `resume` offers the way back.
    Anything else (emoji, a slip of the keyboard) asks the question again.
    """
    words = turn.content.yes_no_words
    if dont_know(text, words):  # before yes/no: the classifier may read «не знаю» as a no
        _skip(turn)
        return True
    said = yes_no(text, words)
    if said is None and intent.name in ("affirm", "deny"):
        said = intent.name == "affirm"
    if said is not None:
        # «нет, но за визу просят 800$»: the rest of the sentence is a fact of the offer too.
        _answer(turn, said, text, add_text=len(text.split()) > MAX_BARE_ANSWER_WORDS)
        return True
    case = _case(turn)
    catalogue = offer_flow.catalogue_of(turn)
    added = case.add_text(text)
    if _tells_more(turn, assess(case, catalogue), assess(added, catalogue)):
        offer_flow.report(turn, added, updated=True)
        return True
    if intent.name in OWN_INTENTS or (
        intent.name in turn.content.answers and intent.name != "check_offer"
    ):
        return False
    facts = extract_facts(text)
    if facts.pay or facts.contacts or facts.sector or facts.country or facts.city:
        offer_flow.report(turn, added, updated=True)
        return True
    turn.say("offer_not_an_answer")
    offer_flow.ask(turn, str(turn.state.question))
    return True


def resume(turn: Turn) -> None:
    """After another answer, a button back to the question that still waits (if one does)."""
    question = turn.state.question
    with_operator = turn.state.handoff and not turn.state.waiting
    if turn.state.mode != Mode.OFFER_QUESTION or question is None or with_operator:
        return
    button = Button(turn.content.buttons["offer_resume"][turn.lang], f"offer_resume:{question}")
    turn.replies.append(Reply(turn.content.text("offer_resume", turn.lang), (button,)))


def _tells_more(turn: Turn, before: Assessment, after: Assessment) -> bool:
    """Does the added text change the signs found, or settle the waiting question?"""
    if set(after.indicator_ids) != set(before.indicator_ids):
        return True
    waiting = turn.state.question
    return any(q.id == waiting for q in before.questions) and all(
        q.id != waiting for q in after.questions
    )


def _case(turn: Turn) -> OfferCase:
    return OfferCase.from_dict(turn.state.offer or {})


def _answer(turn: Turn, yes: bool, words: str, *, add_text: bool = False) -> None:
    case = _case(turn).answer(str(turn.state.question), yes, words)
    offer_flow.report(turn, case.add_text(words) if add_text else case, updated=True)


def _skip(turn: Turn) -> None:
    turn.state = turn.state.but(skipped=(*turn.state.skipped, str(turn.state.question)))
    turn.say("offer_skipped")
    offer_flow.next_question(turn, assess(_case(turn), offer_flow.catalogue_of(turn)))
