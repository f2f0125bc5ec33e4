"""Optional NLU backend: a running Rasa server's `POST /model/parse`, with the built-in fallback."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import httpx

from bot.engine.nlu.classifier import (
    DEFAULT_THRESHOLD,
    RANKING_SIZE,
    IntentScore,
    NluModel,
    ParseResult,
    entities_of,
)
from bot.engine.nlu.data import OUT_OF_SCOPE
from bot.engine.text.language import detect

log = logging.getLogger(__name__)

RASA_FALLBACK_INTENT = "nlu_fallback"  # what Rasa's FallbackClassifier predicts


class RasaResponseError(ValueError):
    """The server answered, but not with a Rasa parse result."""


def _score(item: Any) -> IntentScore:
    if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
        raise RasaResponseError(f"intent without a name: {item!r}")
    return IntentScore(item["name"], round(float(item.get("confidence") or 0.0), 4))


def _entities(text: str, raw: Any) -> tuple[dict[str, Any], ...]:
    """Our own entities, plus those Rasa found where ours found nothing."""
    ours = list(entities_of(text))
    taken = [(e["start"], e["end"]) for e in ours]
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, Mapping) or "entity" not in item:
            continue
        start, end = int(item.get("start", 0)), int(item.get("end", 0))
        if any(s < end and start < e for s, e in taken):
            continue
        confidence = item.get("confidence_entity", item.get("confidence", 1.0))
        ours.append(
            {
                "entity": str(item["entity"]),
                "value": item.get("value"),
                "start": start,
                "end": end,
                "confidence": float(confidence if confidence is not None else 1.0),
            }
        )
    return tuple(sorted(ours, key=lambda e: (e["start"], e["entity"])))


def from_rasa(text: str, payload: Any, threshold: float = DEFAULT_THRESHOLD) -> ParseResult:
    """Map Rasa's ParseResult JSON to ours; raise RasaResponseError if it is not one."""
    if not isinstance(payload, Mapping) or not isinstance(payload.get("intent"), Mapping | None):
        raise RasaResponseError("not a parse result")
    ranking = [_score(i) for i in payload.get("intent_ranking") or []]
    top = _score(payload["intent"]) if payload.get("intent") else IntentScore(OUT_OF_SCOPE, 0.0)
    ranking = [r for r in ranking if r.name != RASA_FALLBACK_INTENT]
    fallback = top.name == RASA_FALLBACK_INTENT or top.confidence < threshold
    intent = IntentScore(OUT_OF_SCOPE, top.confidence) if fallback else top
    return ParseResult(
        text,
        detect(text).language,
        intent,
        tuple(ranking[:RANKING_SIZE] or [top]),
        _entities(text, payload.get("entities")),
        fallback,
    )


class RasaNlu:
    """Asks a Rasa server; on any failure answers with the built-in model and logs why."""

    def __init__(
        self,
        url: str,
        fallback: NluModel,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        timeout: float = 3.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.endpoint = url.rstrip("/") + "/model/parse"
        self.fallback = fallback
        self.threshold = threshold
        self.timeout = timeout
        self._client = client

    def _fallback(self, text: str, error: Exception) -> ParseResult:
        log.warning("rasa: %s failed (%s); using the built-in classifier", self.endpoint, error)
        return self.fallback.parse(text, threshold=self.threshold)

    async def parse(self, text: str) -> ParseResult:
        """Parse `text` on the Rasa server (the built-in model if that fails)."""
        try:
            if self._client is not None:
                response = await self._client.post(
                    self.endpoint, json={"text": text}, timeout=self.timeout
                )
            else:
                async with httpx.AsyncClient(timeout=self.timeout) as client:
                    response = await client.post(self.endpoint, json={"text": text})
            response.raise_for_status()
            return from_rasa(text, response.json(), self.threshold)
        except (httpx.HTTPError, ValueError, TypeError) as error:  # bad JSON, odd shapes
            return self._fallback(text, error)

    def parse_sync(self, text: str) -> ParseResult:
        """The same for command lines, without an event loop."""
        try:
            with httpx.Client(timeout=self.timeout) as client:
                response = client.post(self.endpoint, json={"text": text})
            response.raise_for_status()
            return from_rasa(text, response.json(), self.threshold)
        except (httpx.HTTPError, ValueError, TypeError) as error:
            return self._fallback(text, error)
