"""The values of an offer check: the case being checked and the assessment it gets.

`OfferCase` is the dialogue's state for one offer: JSON-serialisable, immutable; `add_text`
and `answer` return a new case. `assess(case, catalogue)` (bot.engine.offer.risk) turns it into an
`Assessment` whose `to_dict()` is the public JSON shape of `python -m bot offer check --json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.engine.extract.facts import Facts

SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class OfferCase:
    """Offer texts added so far (the offer, then facts the user added) and yes/no answers."""

    texts: tuple[str, ...] = ()
    answers: Mapping[str, bool] = field(default_factory=dict)
    words: Mapping[str, str] = field(default_factory=dict)  # the user's own words per answer
    language: str | None = None  # a language code to force; None: detected from the texts

    @property
    def full_text(self) -> str:
        """All texts joined; evidence offsets point into this string."""
        return SEPARATOR.join(self.texts)

    def add_text(self, text: str) -> OfferCase:
        """A new case with one more text (the offer, or a sentence that adds a fact)."""
        return replace(self, texts=(*self.texts, text))

    def answer(self, question_id: str, yes: bool, words: str = "") -> OfferCase:
        """A new case with the user's yes/no answer (and the words they gave it in)."""
        said = {**self.words, question_id: words} if words else dict(self.words)
        return replace(self, answers={**self.answers, question_id: bool(yes)}, words=said)

    def to_dict(self) -> dict[str, Any]:
        return {
            "texts": list(self.texts),
            "answers": dict(self.answers),
            "words": dict(self.words),
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OfferCase:
        return cls(
            texts=tuple(str(t) for t in data.get("texts", ())),
            answers={str(k): bool(v) for k, v in dict(data.get("answers") or {}).items()},
            words={str(k): str(v) for k, v in dict(data.get("words") or {}).items()},
            language=data.get("language"),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words that triggered a sign: a span of `case.full_text`, or an answer (no span).

    An answer's text is the user's own words when the case has them, else the question
    with the answer («Просят ли… — Ответ: да»).
    """

    text: str
    start: int | None
    end: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Finding:
    """One indicator found, with its evidence and texts in the assessment's language."""

    id: str
    severity: str
    name: str
    explanation: str
    advice: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "evidence": [e.to_dict() for e in self.evidence],
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A follow-up question: answer it with `case.answer(id, yes)`."""

    id: str
    text: str
    indicators: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "indicators": list(self.indicators)}


@dataclass(frozen=True, slots=True)
class Assessment:
    """The result of an offer check; `empty` with a `message` when there was nothing to check."""

    language: str
    risk_level: str
    score: int
    findings: tuple[Finding, ...]
    facts: Facts
    questions: tuple[AskedQuestion, ...]
    advice: tuple[str, ...]
    empty: bool = False
    message: str | None = None

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "language": self.language,
            "risk_level": self.risk_level,
            "score": self.score,
            "indicators": [f.to_dict() for f in self.findings],
            "facts": self.facts.to_dict(),
            "questions": [q.to_dict() for q in self.questions],
            "advice": list(self.advice),
        }
        if self.message:
            out["message"] = self.message
        return out
