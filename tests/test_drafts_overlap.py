"""Two drafts of one report on overlapping matters get a hint (a blind read: 经济 02 "推动常州泰州一体化发展，打造长三角中部
轴线" and 04 "推动常-泰-淮-宿全省发展中轴崛起" — both about 常泰 — came out as two drafts with no word), and no false hint
appears on the four sample reports.

The report is built from the four jszx2019_dev rows the blind reader used (204 217 244 246, all 经济发展), each filed
proposal's 调研情况 / 问题分析 / 具体建议 under one （k） of 一、基本情况 / 二、存在的主要问题 / 三、对策建议.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from realdata_paths import DATA, filed_matter, needs
from topicmine.drafts import read_report, split_report
from topicmine.export import summary_markdown

CSV = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"
SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "调研报告"
CN = "一二三四五六"


def _rows(ids: tuple[int, ...]) -> list[dict[str, str]]:
    with CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [rows[i] for i in ids]


_matter = filed_matter


def report_of(ids: tuple[int, ...], title: str) -> tuple[str, list[str]]:
    """A 调研报告 of the filed proposals ``ids``, one （k） each under every part; and the matters' headings."""
    ms = [_matter(r) for r in _rows(ids)]
    lines = [title, "省政协经济委员会调研组"]
    for part, k in (("一、基本情况", 1), ("二、存在的主要问题", 2), ("三、对策建议", 3)):
        lines.append(part)
        for i, m in enumerate(ms):
            lines += [f"（{CN[i]}）{m[0]}", m[k]]
    return "\n".join(lines), [m[0] for m in ms]


def _row_of(r, d, heads: list[str]) -> int:  # type: ignore[no-untyped-def]
    """Which matter (index into ``heads``) a draft's items come from: the last （k） heading before them."""
    text = r.analysis.text
    start = min(r.analysis.unit(u).start for u in d.unit_ids)
    return max(range(len(heads)), key=lambda i: text.rfind(heads[i], 0, start))


def _real(f):  # type: ignore[no-untyped-def]
    """The shared real-data marks (tests/realdata_paths.needs): marked realdata, skipped with the reason when absent."""
    for mark in needs(CSV.parent):
        f = mark(f)
    return f


@_real
def test_the_changtai_pair_is_hinted_and_no_other_pair(tmp_path: Path) -> None:
    text, heads = report_of((204, 217, 244, 246), "关于我省区域协调发展若干问题的调研报告")
    r = split_report(text, tmp_path, layout=True)
    rows = [_row_of(r, d, heads) for d in r.drafts]
    assert sorted(set(rows)) == [0, 1, 2, 3], rows  # one draft (or more) per filed proposal
    pairs = {tuple(sorted((rows[o["drafts"][0] - 1], rows[o["drafts"][1] - 1]))) for o in r.overlaps}
    assert pairs == {(1, 3)}, r.overlaps  # 217 常泰一体化 and 246 常泰融合·中轴崛起; not 204 沪苏, not 244 沿江
    o = r.overlaps[0]
    assert o["message"].startswith(f"第{o['drafts'][0]}份与第{o['drafts'][1]}份事项相近（共同：")
    assert o["message"].endswith("），可考虑合并或分工")
    assert any(w in "".join(o["shared"]) for w in ("泰州", "常泰", "中轴", "轴线"))
    # the summary says it, in both files
    md = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "## 事项相近的稿件" in md and o["message"] in md
    assert '"overlaps"' in (tmp_path / "summary.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(p for p in SAMPLE.glob("*/*") if p.suffix in (".md", ".docx")),
                         ids=lambda p: p.stem[:12])
def test_no_hint_on_the_sample_reports(path: Path) -> None:
    """The four sample reports' drafts are distinct matters of one field (一老一小, 低空经济 …): no hint."""
    text, heads = read_report(path)
    r = split_report(text, headings=heads, layout=True)
    assert r.overlaps == [], [o["message"] for o in r.overlaps]
    assert "事项相近的稿件" not in summary_markdown(r.to_dict())
