"""The service stays thin: no NLP, model, index, SQL or document-format library is imported by topicmine/service/.

docs/ARCHITECTURE.md ("Rules of direction"): `topicmine/service/` imports none of jieba, faiss, sqlite3, docx or
sentence_transformers, and this test fails if it does. The scan is ast-based, so imports inside functions and
`from x import y` forms are caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICE = ROOT / "topicmine" / "service"
FORBIDDEN = {"jieba", "faiss", "sqlite3", "docx", "sentence_transformers", "torch", "spacy", "sklearn", "transformers"}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in {"import_module", "__import__"}:
            # importlib.import_module("faiss") / __import__("jieba") with a literal name
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def _service_files() -> list[Path]:
    return sorted(SERVICE.rglob("*.py"))


def test_service_has_python_files() -> None:
    assert _service_files(), f"no Python files under {SERVICE}"


@pytest.mark.parametrize("path", _service_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_service_imports_no_heavy_library(path: Path) -> None:
    bad = [(line, mod) for line, mod in _imports(path) if mod.split(".")[0] in FORBIDDEN]
    assert not bad, (
        f"{path.relative_to(ROOT)} imports {', '.join(f'{m} (line {n})' for n, m in bad)}: "
        "service/ only calls topicmine.pipeline — move that code into the library"
    )


def test_scanner_catches_nested_and_dynamic_imports(tmp_path: Path) -> None:
    # the scanner itself must see imports hidden in functions and importlib calls
    f = tmp_path / "x.py"
    f.write_text("def f():\n    import faiss\n    from docx.shared import Pt\n    importlib.import_module('jieba')\n",
                 encoding="utf-8")
    assert {m for _, m in _imports(f)} == {"faiss", "docx.shared", "jieba"}
