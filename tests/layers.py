"""DESIGN's arrows as data, and an AST checker that lists every import breaking one.

Run on a source tree (the repository's `bot/`, or a temporary one in the checker's own
test). Imports under `if TYPE_CHECKING:` are left out: they never run, and annotations may
name a type from anywhere.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

EVERYTHING = frozenset({"*"})
# Which rooms of `bot` each room may import (itself included). Composition roots see all.
ALLOWED: Mapping[str, frozenset[str]] = {
    "types": frozenset({"types"}),
    "clock": frozenset({"clock"}),
    "settings": frozenset({"settings"}),
    "engine": frozenset({"engine", "types"}),
    "storage": frozenset({"storage", "types", "clock"}),
    "services": frozenset({"services", "engine", "storage", "types", "clock", "settings"}),
    "channels": frozenset({"channels", "services", "types", "clock", "settings"}),
    "console": frozenset({"console", "services", "web", "types", "clock", "settings"}),
    "admin": frozenset({"admin", "services", "web", "types", "clock", "settings"}),
    "insights": frozenset({"insights", "services", "web", "types", "clock", "settings"}),
    "web": frozenset(
        {
            "web",
            "console",
            "admin",
            "insights",
            "channels",
            "services",
            "types",
            "clock",
            "settings",
        }
    ),
    "app": EVERYTHING,
    "cli": EVERYTHING,
    "__main__": EVERYTHING,
    "__init__": frozenset(),
}
# The engine is pure: no I/O, no event loop, no web or database library, no files.
ENGINE_FORBIDDEN = frozenset(
    {
        "aiogram", "aiohttp", "aiosqlite", "alembic", "asyncio", "asyncpg", "fastapi", "http",
        "httpx", "io", "jinja2", "os", "pathlib", "requests", "shutil", "socket", "sqlalchemy",
        "sqlite3", "starlette", "subprocess", "tempfile", "urllib", "yaml",
    }
)  # fmt: skip
# Beyond the standard library the engine may use its numeric dependencies only.
# pymorphy3: Russian word forms; its dictionaries ship in a wheel and load once (no I/O per call).
# phonenumbers: numbering plans as Python modules in the wheel, imported once (no I/O per call).
ENGINE_THIRD_PARTY = frozenset(
    {"numpy", "scipy", "sklearn", "rapidfuzz", "pymorphy3", "phonenumbers"}
)


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    module: str  # bot.engine.x
    line: int
    imported: str  # what it imports (a module, or `open()`)
    rule: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}: {self.rule}"


def check(package_dir: Path, known: Mapping[tuple[str, str], str] | None = None) -> list[str]:
    """Every violation under `package_dir` (a `bot/` folder), minus the known exceptions.

    A known exception that no longer occurs is reported too, so the list cannot rot.
    """
    known = dict(known or {})
    found = sorted(
        v for path in sorted(package_dir.rglob("*.py")) for v in _check_file(path, package_dir)
    )
    problems = [str(v) for v in found if (v.module, v.imported) not in known]
    seen = {(v.module, v.imported) for v in found}
    problems += [
        f"stale known exception {m} -> {i}: remove it" for m, i in known if (m, i) not in seen
    ]
    return problems


def _check_file(path: Path, package_dir: Path) -> Iterator[Violation]:
    parts = path.relative_to(package_dir).with_suffix("").parts
    module = ".".join((package_dir.name, *parts)).removesuffix(".__init__")
    room = parts[0]
    allowed = ALLOWED.get(room)
    if allowed is None:
        yield Violation(
            module, 1, "-", f"room {room!r} is not in DESIGN's arrows (tests/layers.py)"
        )
        return
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for line, name in _imports(tree, module):
        top, _, rest = name.partition(".")
        if top == "bot":
            target = rest.partition(".")[0] or "__init__"
            if allowed is not EVERYTHING and target not in allowed:
                yield Violation(module, line, name, f"{room} may import only {sorted(allowed)}")
        elif room == "engine":
            yield from _engine_library(module, line, name, top)
    if room == "engine":
        for node in ast.walk(tree):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if called and node.func.id == "open":  # type: ignore[attr-defined]  # narrowed above
                yield Violation(module, node.lineno, "open()", "the engine reads no files")


def _engine_library(module: str, line: int, name: str, top: str) -> Iterator[Violation]:
    if top in ENGINE_FORBIDDEN:
        yield Violation(module, line, name, "the engine does no I/O")
    elif top not in sys.stdlib_module_names and top not in ENGINE_THIRD_PARTY:
        yield Violation(
            module, line, name, f"the engine's libraries are {sorted(ENGINE_THIRD_PARTY)}"
        )


def _imports(tree: ast.Module, module: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import that runs, relative ones resolved."""
    skipped = {id(n) for node in ast.walk(tree) if _is_type_checking(node) for n in ast.walk(node)}
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            if base == "bot":  # `from bot import engine` names the rooms themselves
                for alias in node.names:
                    yield node.lineno, f"bot.{alias.name}"
            else:
                yield node.lineno, base


def _is_type_checking(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )
