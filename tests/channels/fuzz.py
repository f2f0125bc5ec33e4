"""A seeded generator of hostile webhook bodies: real payloads mutated, and random JSON.

Every body is what a platform could relay or a browser could post: valid JSON of any
shape (odd types where ids and texts belong, NUL and lone surrogates, huge numbers, long
ids, deep nesting), with now and then bytes that are not JSON at all. The seed makes a
failure reproducible: SAPAR_FUZZ_SEED and SAPAR_FUZZ_CASES choose the run.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

ODD_TEXTS = [
    "",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfff\ud800y",
    "\ud83d\ude00",
    "\u202eдос\u202c",
    "\x07\x1b[31m\x7f",
    "Салам\r\nдос\x0b\x0c",
    "x" * 129,
    "9" * 150,
    "y" * 5000,
    "wamid." + "A" * 300,
    "1e400",
    "-1",
    "text",
    "interactive",
    "button_reply",
    "edit",
    "private",
    "group",
]
ODD_NUMBERS = [
    0,
    -1,
    1,
    2**31,
    2**63 - 1,
    2**63,
    -(2**63) - 1,
    10**20,
    10**150,
    1.5,
    1e20,
    1e308,
    -1e308,
    float("inf"),
    float("nan"),
]
ODD_VALUES: list[Any] = [None, True, False, [], {}, [None], {"": None}, [[[]]], {"a": {"b": {}}}]


def deep(depth: int) -> Any:
    """Lists nested `depth` levels (built without recursion)."""
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


class Fuzzer:
    """Hostile variations of a set of real payloads, reproducible from one seed."""

    def __init__(self, seed: int, bases: list[Any]) -> None:
        self.rng = random.Random(seed)
        self.bases = bases

    def value(self, room: int = 3) -> Any:
        """A random JSON value: mostly odd scalars, sometimes a small structure."""
        rng, roll = self.rng, self.rng.random()
        if roll < 0.35:
            return rng.choice(ODD_TEXTS)
        if roll < 0.6:
            return rng.choice(ODD_NUMBERS)
        if roll < 0.75 or room <= 0:
            return copy.deepcopy(rng.choice(ODD_VALUES))
        if roll < 0.8:
            return deep(rng.choice([10, 63, 65, 200]))
        if roll < 0.9:
            return [self.value(room - 1) for _ in range(rng.randint(0, 4))]
        keys = [*ODD_TEXTS[:12], "id", "type", "text", "from", "chat", "message", "update_id"]
        return {rng.choice(keys): self.value(room - 1) for _ in range(rng.randint(0, 4))}

    def same_kind(self, value: Any) -> Any:
        """A hostile value of the same JSON type, so that validation lets it through."""
        if isinstance(value, bool):
            return not value
        if isinstance(value, int):
            return self.rng.choice([n for n in ODD_NUMBERS if isinstance(n, int)])
        if isinstance(value, str):
            return self.rng.choice(ODD_TEXTS)
        return self.value()

    def mutate(self, payload: Any) -> Any:
        """A real payload with one to four of its nodes changed, removed or added.

        Most changes keep a value's JSON type (a string stays a string, an id a number)
        and so reach the parser behind the validation; the rest put anything anywhere.
        """
        payload = copy.deepcopy(payload)
        for _ in range(self.rng.randint(1, 4)):
            nodes = _containers(payload)
            if not nodes:
                return self.value()
            parent = self.rng.choice(nodes)
            slots = list(parent) if isinstance(parent, dict) else list(range(len(parent)))
            roll = self.rng.random()
            if slots and roll < 0.6:
                slot = self.rng.choice(slots)
                parent[slot] = self.same_kind(parent[slot])
            elif slots and roll < 0.8:
                parent[self.rng.choice(slots)] = self.value()
            elif isinstance(parent, dict) and slots and roll < 0.9:
                del parent[self.rng.choice(slots)]
            elif isinstance(parent, dict):
                parent[self.rng.choice(ODD_TEXTS[:12])] = self.value()
            else:
                parent.append(self.value())
        return payload

    def body(self) -> bytes:
        """One request body: mostly a mutated real payload, sometimes anything at all."""
        roll = self.rng.random()
        if roll < 0.75:
            value = self.mutate(self.rng.choice(self.bases))
        elif roll < 0.9:
            value = self.value()
        elif roll < 0.95:  # deeper than json.dumps would write: spliced in as text
            inner = b"[" * 1000 + b"]" * 1000
            return json.dumps(self.rng.choice(self.bases)).encode()[:-1] + b', "x": ' + inner + b"}"
        else:
            raw = json.dumps(self.rng.choice(self.bases)).encode()
            cut = self.rng.randrange(len(raw))
            return raw[:cut] + self.rng.choice([b"", b"\xff", b"\x00", b"}}}", b'"'])
        # ensure_ascii writes a lone surrogate as \\ud800, valid JSON that decodes to it.
        return json.dumps(value, ensure_ascii=True, allow_nan=True).encode()


def _containers(value: Any) -> list[Any]:
    """Every dict and list inside `value`, itself included (iteratively)."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            found.append(item)
            stack.extend(item.values() if isinstance(item, dict) else item)
    return found
