"""Habits of the code base that a reader relies on, checked mechanically.

- No ``except …: pass`` swallows an error silently: each says why on the ``except`` line, the ``pass`` line
  or between them (or logs instead).
- No module of the library is named like a stage package (``pipeline/dedup.py`` beside ``topicmine/dedup/``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "topicmine"


def silent_excepts(path: Path, base: Path = ROOT) -> list[str]:
    src = path.read_text(encoding="utf-8")
    lines = src.splitlines()
    out = []
    for node in ast.walk(ast.parse(src, filename=str(path))):
        if isinstance(node, ast.ExceptHandler) and len(node.body) == 1 and isinstance(node.body[0], ast.Pass):
            span = lines[node.lineno - 1 : node.body[0].lineno]
            if not any("#" in ln for ln in span):
                out.append(f"{path.relative_to(base)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return out


def test_no_silent_except_pass() -> None:
    found = [hit for p in sorted(PKG.rglob("*.py")) for hit in silent_excepts(p)]
    assert not found, "say why the error is ignored (a comment) or log it: " + "; ".join(found)


def test_checker_sees_a_silent_pass(tmp_path: Path) -> None:
    f = tmp_path / "x.py"
    f.write_text("try:\n    x = 1\nexcept OSError:\n    pass\ntry:\n    y = 1\nexcept OSError:  # why\n    pass\n",
                 encoding="utf-8")
    assert silent_excepts(f, tmp_path) == ["x.py:3: except OSError:"]


def test_pipeline_modules_do_not_shadow_stage_packages() -> None:
    stages = {p.name for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    stages |= {p.stem for p in PKG.glob("*.py")}
    clash = sorted(p.stem for p in (PKG / "pipeline").glob("*.py") if p.stem in stages - {"__init__"})
    assert not clash, f"topicmine/pipeline/{clash[0]}.py reads like the stage topicmine/{clash[0]}: name it {clash[0]}_job"
