"""A same-field, labelled pair numbered straight through passed one-matter (the last blind reader's j1): row 161
(筹建“苏港高新科技合作园区”) + row 278 (“一带一路”科创孵化器), both 科学技术, under 161's title, each part 161's text then
278's, the measures 1．–10． in one list. "✓ 全文围绕同一事项（一事一案）": the two halves share few words (cross/within
0.19), but the title's "江苏省" ran through both and tied them. A province's name is where every proposal of the
province is, not what one is about: it ties nothing now, and the pair fails with the title check naming 一带一路.
Each of the two rows alone still passes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import test_drafts_reading8 as r8
from _report_shape import proposal_parts
from realdata_paths import DATA, needs

pytestmark = needs(DATA / "jszx_proposals_2019")

_LABELS = ("调研情况", "问题分析", "具体建议")


def _straight(a: dict[str, str], b: dict[str, str]) -> str:
    """The reader's j1 shape: a's title; each part a's text then b's; b's measures numbered on from a's."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from drafts_one_matter import straight

    pa, pb = ([proposal_parts(r["content"])[lab] for lab in _LABELS] for r in (a, b))
    pb[2] = straight(pa[2], pb[2])
    return a["reason"].strip() + "\n" + "\n".join(f"{lab}：{x}\n{y}" for lab, x, y in zip(_LABELS, pa, pb))


def test_the_readers_same_field_pair_numbered_straight_through_fails_one_matter() -> None:
    rows = r8._rows()
    assert "苏港" in rows[161]["reason"] and "孵化器" in rows[278]["reason"]
    assert rows[161]["type"] == rows[278]["type"]
    text = _straight(rows[161], rows[278])
    c = r8._by_name(text)
    assert not c["one_matter"].passed, c["one_matter"].message
    assert "一带一路" in c["one_matter"].message
    assert not c["title_body"].passed and "一带一路" in c["title_body"].message
    # labelled part by part too (each list numbered from 1)
    assert not r8._by_name(r8._joined(rows[161], rows[278]))["one_matter"].passed


def test_each_half_alone_is_one_matter() -> None:
    rows = r8._rows()
    for k in (161, 278):
        c = r8._by_name(r8._single(rows[k]))
        assert c["one_matter"].passed, (k, c["one_matter"].message)
