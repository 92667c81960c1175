"""Every progress bar the office sees is labelled in Chinese, from the one table in topicmine/progress.py."""

from __future__ import annotations

import re
from pathlib import Path

from topicmine.progress import STAGE_NAMES, UNIT_NAMES, stage_label

PKG = Path(__file__).resolve().parents[1] / "topicmine"
DESC_RE = re.compile(r"""desc=(?:stage_label\()?["']([^"']+)["']""")
UNIT_RE = re.compile(r"""\bunit=["']([^"']+)["']""")


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _literals(pattern: re.Pattern) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(PKG.rglob("*.py")):
        if path.name == "progress.py":
            continue
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(m.group(1), []).append(str(path.relative_to(PKG)))
    return found


def test_the_scan_sees_the_bars():
    """Guard: the scan below finds the known bars (a changed call style would check nothing)."""
    assert {"ingest", "embed", "主题聚类"} <= set(_literals(DESC_RE))


def test_every_progress_bar_has_a_chinese_label():
    bad = {d: where for d, where in _literals(DESC_RE).items() if not _chinese(stage_label(d))}
    assert not bad, f"progress bars without a Chinese label (add them to STAGE_NAMES): {bad}"


def test_every_progress_unit_reads_in_chinese():
    bad = {u: where for u, where in _literals(UNIT_RE).items() if not _chinese(UNIT_NAMES.get(u, u))}
    assert not bad, f"progress units without a Chinese counting word (add them to UNIT_NAMES): {bad}"


def test_the_table_has_no_stale_entries():
    """A stage renamed in the code leaves no orphan label behind."""
    used = set(_literals(DESC_RE))
    assert set(STAGE_NAMES) <= used, f"labels for bars that no longer exist: {set(STAGE_NAMES) - used}"
