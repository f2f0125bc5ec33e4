"""The Rasa backend against a fake Rasa server on 127.0.0.1, and its fallback."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest

from bot.engine.nlu.classifier import NluModel
from bot.engine.nlu.data import parse_nlu
from bot.services.nlu.rasa import RasaNlu, RasaResponseError, from_rasa

DOC = {
    "nlu": [
        {"intent": "greet", "examples": "- салам\n- привет\n- здравствуйте\n- salam\n"},
        {"intent": "thanks", "examples": "- рахмат\n- спасибо\n- благодарю\n- rahmat\n"},
        {
            "intent": "unpaid_wages",
            "examples": "- не платят\n- айлык бербей\n- зп нет\n- ne platyat\n",
        },
    ]
}


def rasa_answer(text: str) -> dict[str, Any]:
    """A parse result in the shape Rasa's HTTP API documents for POST /model/parse."""
    return {
        "text": text,
        "intent": {"name": "greet", "confidence": 0.91},
        "intent_ranking": [
            {"name": "greet", "confidence": 0.91},
            {"name": "thanks", "confidence": 0.06},
            {"name": "goodbye", "confidence": 0.03},
        ],
        "entities": [
            {"entity": "city", "start": 0, "end": 6, "value": "Бишкек", "confidence_entity": 0.8,
             "extractor": "DIETClassifier"},
        ],
    }  # fmt: skip


class FakeRasa(BaseHTTPRequestHandler):
    mode: ClassVar[str] = "ok"  # what the next request gets; set by each test
    seen: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeRasa.seen.append({"path": self.path, "body": body})
        if self.path != "/model/parse" or FakeRasa.mode == "error":
            self._send(500, b'{"error": "boom"}')
        elif FakeRasa.mode == "garbage":
            self._send(200, b"<html>not json</html>")
        elif FakeRasa.mode == "odd":
            odd = {"intent": {"name": "greet", "confidence": {"x": 1}}, "entities": []}
            self._send(200, json.dumps(odd).encode())
        elif FakeRasa.mode == "fallback":
            answer = rasa_answer(body["text"])
            answer["intent"] = {"name": "nlu_fallback", "confidence": 0.3}
            self._send(200, json.dumps(answer).encode())
        else:
            self._send(200, json.dumps(rasa_answer(body["text"])).encode())

    def _send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean


@pytest.fixture
def rasa_url() -> Iterator[str]:
    FakeRasa.mode = "ok"
    FakeRasa.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRasa)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def builtin() -> NluModel:
    return NluModel.train(parse_nlu(DOC, "ru"))


async def test_parse_maps_rasas_answer(rasa_url: str, builtin: NluModel) -> None:
    text = "Бишкек салам, звоните +996 555 000 000"
    result = await RasaNlu(rasa_url, builtin).parse(text)
    assert FakeRasa.seen == [{"path": "/model/parse", "body": {"text": text}}]
    out = result.to_dict()
    assert out["intent"] == {"name": "greet", "confidence": 0.91}
    assert [r["name"] for r in out["intent_ranking"]] == ["greet", "thanks", "goodbye"]
    assert out["language"] in ("ky", "ru")
    entities = {e["entity"]: e for e in out["entities"]}
    assert entities["phone"]["confidence"] == 1.0  # ours, always
    assert text[entities["phone"]["start"] : entities["phone"]["end"]].startswith("+996")
    assert any(e["value"] == "Бишкек" for e in out["entities"])


async def test_rasa_fallback_intent_becomes_out_of_scope(rasa_url: str, builtin: NluModel) -> None:
    FakeRasa.mode = "fallback"
    result = await RasaNlu(rasa_url, builtin).parse("ммм")
    assert result.fallback
    assert result.intent.name == "out_of_scope"
    assert "nlu_fallback" not in [r.name for r in result.ranking]


async def test_low_confidence_from_rasa_is_a_fallback_too(rasa_url: str, builtin: NluModel) -> None:
    result = await RasaNlu(rasa_url, builtin, threshold=0.95).parse("салам")
    assert (result.intent.name, result.fallback) == ("out_of_scope", True)


@pytest.mark.parametrize("mode", ["error", "garbage", "odd"])
async def test_server_errors_fall_back_to_the_builtin_model(
    rasa_url: str, builtin: NluModel, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    FakeRasa.mode = mode
    with caplog.at_level(logging.WARNING, logger="bot.services.nlu.rasa"):
        result = await RasaNlu(rasa_url, builtin).parse("спасибо")
    assert result == builtin.parse("спасибо")
    assert "using the built-in classifier" in caplog.text


async def test_unreachable_server_falls_back(
    builtin: NluModel, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.services.nlu.rasa"):
        result = await RasaNlu("http://127.0.0.1:9", builtin, timeout=1.0).parse("рахмат")
    assert result.intent.name == "thanks"
    assert "failed" in caplog.text


async def test_a_shared_async_client_is_used(rasa_url: str, builtin: NluModel) -> None:
    async with httpx.AsyncClient() as client:
        result = await RasaNlu(rasa_url, builtin, client=client).parse("салам")
    assert result.intent.name == "greet"


def test_sync_path_for_the_command_line(rasa_url: str, builtin: NluModel) -> None:
    assert RasaNlu(rasa_url, builtin).parse_sync("салам").intent.confidence == 0.91
    FakeRasa.mode = "error"
    assert RasaNlu(rasa_url, builtin).parse_sync("спасибо") == builtin.parse("спасибо")


@pytest.mark.parametrize("payload", [None, [], {"intent": "greet"}, {"intent": {"confidence": 1}}])
def test_from_rasa_rejects_what_is_not_a_parse_result(payload: Any) -> None:
    with pytest.raises(RasaResponseError):
        from_rasa("x", payload)


def test_from_rasa_without_intent_is_out_of_scope() -> None:
    result = from_rasa("", {"text": "", "intent": None, "intent_ranking": [], "entities": []})
    assert (result.intent.name, result.fallback, result.language) == ("out_of_scope", True, "other")
