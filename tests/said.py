"""What a staff page's Python says to its reader: the string constants outside docstrings.

The admin's and the console's word tests both walk their modules with it, so that no user
visible text hides in code (text lives in dialogues/).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path


def said_in(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every string constant in the module that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value
