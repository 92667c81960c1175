"""One matter by meaning (topicmine/drafts/coherence.py): two same-field proposals merged part by part.

Built from the blind reader's joined pair of the last two reads: rows 197 (关于推进江苏高校内涵发展的几点建议) + 149
(在“一带一路”建设中促进华文文化推广的建议), both 教育, merged under one set of parts (调研情况: 197's situation then 149's;
问题分析: both problems; 具体建议: both measure lists). The lexical one-matter check said "全文围绕同一事项": 高校, 教育 and
发展 run through both. With the draft's sentence vectors (multilingual-e5-small, as check-draft has them) it fails.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest

from realdata_paths import DATA, needs
from topicmine.drafts.checks import check_draft, one_matter_check
from topicmine.drafts.coherence import meaning_sides

CSV = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"
_MARKERS = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(CSV.open(encoding="utf-8")))


def _parts(content: str) -> list[str]:
    ms = list(_MARKERS.finditer(content))
    assert [m.group(1) for m in ms] == ["调研情况", "问题分析", "具体建议"]
    return [content[ms[0].end():ms[1].start()].strip(), content[ms[1].end():ms[2].start()].strip(),
            content[ms[2].end():].strip()]


def _merged(x: int, y: int) -> tuple[str, str]:
    rows = _rows()
    a, b = _parts(rows[x]["content"]), _parts(rows[y]["content"])
    title = rows[x]["reason"].strip()
    return title, f"{title}\n调研情况：{a[0]}\n{b[0]}\n问题分析：{a[1]}\n{b[1]}\n具体建议：{a[2]}\n{b[2]}"


@pytest.fixture(scope="module")
def embed(tmp_path_factory: pytest.TempPathFactory, model_dir: Path):  # type: ignore[no-untyped-def]
    """The sentence vectors check-draft reads: the draft's SentenceVectors in a workspace with the real model."""
    from topicmine import pipeline
    from topicmine.config import load_settings
    from topicmine.pipeline.sentence_vectors import SentenceVectors

    ws = pipeline.Workspace(load_settings(workdir=tmp_path_factory.mktemp("coherence") / "wd"))
    return lambda text: SentenceVectors(ws, text)


@pytest.mark.realdata
@pytest.mark.skipif(not CSV.is_file(), reason=f"real data not found at {CSV} (set TOPICMINE_DATA_DIR)")
class TestBlindPair:
    pytestmark = needs(DATA / "jszx_proposals_2019")

    def test_the_lexical_check_alone_finds_one_matter(self) -> None:
        # the failing case as the drafter met it: without vectors the words tie the two
        title, text = _merged(197, 149)
        assert one_matter_check(text, "proposal", title=title).passed

    def test_with_sentence_vectors_the_merged_pair_is_two_matters(self, embed) -> None:  # type: ignore[no-untyped-def]
        title, text = _merged(197, 149)
        c = one_matter_check(text, "proposal", title=title, embed=embed(text))
        assert not c.passed, c.message
        assert "按句意" in c.message and "逐段拼在一起" in c.message
        # the check points at the second stretch of each part: 149's text, not 197's
        rows = _rows()
        second = "".join(text[a:b] for a, b in c.spans)
        b_parts = _parts(rows[149]["content"])
        assert sum(s[:12] in second for s in b_parts) >= 2
        assert _parts(rows[197]["content"])[2][:12] not in second

    def test_the_title_check_names_the_same_second_matter(self, embed) -> None:  # type: ignore[no-untyped-def]
        # one verdict, two lines: "✗ 一事一案" beside "题文相符" naming the second stretch, never "✓" beside it
        title, text = _merged(197, 149)
        r = check_draft(text, "proposal", title=title, embed=embed(text))
        c = {k.name: k for k in r.checks}
        assert not c["one_matter"].passed
        assert "正文另有一事" in c["title_body"].message

    # 197 and 149 alone; 46, 10 and 128: the single proposals of rows 0–143 nearest both meaning bounds; 56
    # (物联网防电气火灾) and 101 (预包装产品激光打印): singles a first version failed by meaning alone — their words tie
    # them (cross/within ratio 0.685 · 0.863), so meaning is not asked
    @pytest.mark.parametrize("row", [197, 149, 46, 10, 128, 56, 101])
    def test_each_proposal_alone_is_one_matter(self, embed, row: int) -> None:  # type: ignore[no-untyped-def]
        r = _rows()[row]
        title = r["reason"].strip()
        text = title + "\n" + r["content"]
        assert one_matter_check(text, "proposal", title=title, embed=embed(text)).passed


def _fake_embed(axis_of: dict[str, int]):  # type: ignore[no-untyped-def]
    """Unit vectors by which keyword a text holds (one axis per matter), near each other like real e5 vectors."""
    def embed(texts: list[str]) -> np.ndarray:
        out = []
        for t in texts:
            v = np.full(4, 0.5)
            for w, k in axis_of.items():
                if w in t:
                    v[k] += 1.0
            out.append(v / np.linalg.norm(v))
        return np.array(out)
    return embed


def test_one_topic_throughout_is_one_matter() -> None:
    body = "调研情况：护理员流失。护理员待遇低。\n具体建议：" + "".join(f"{i}是提高护理员待遇。" for i in "一二三四五六七")
    parts = [(5, body.index("\n")), (body.index("具体建议：") + 5, len(body))]
    assert meaning_sides(body, parts, "关于稳定护理员队伍的提案", _fake_embed({"护理员": 0})) is None
