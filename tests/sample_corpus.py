"""The sample corpus's own texts, for tests that check a faster path gives the old answer on real inputs."""

from __future__ import annotations

from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"


def sample_texts(kinds: tuple[str, ...] = ("提案", "答复", "调研报告")) -> list[str]:
    """Every .md of those kinds in corpus/sample (the proposals, replies and reports a split of the sample meets)."""
    out = []
    for kind in kinds:
        out += [p.read_text(encoding="utf-8") for p in sorted((SAMPLE / kind).rglob("*.md"))]
    return out
