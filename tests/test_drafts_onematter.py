"""One matter (一事一案) decided once: the one-matter verdict and the title check (题文相符) agree.

Built from the failing cases: a blind reader's pair pasted without the part labels (row 176 黄海湿地国家公园 + row 213
淮安融入长三角) failed check-draft only through the title check while the one-matter line said ✓ — a drafter reads that
✓ as "one matter"; a same-field pair merged part by part (rows 102 + 87) likewise. The other way round, single proposals
pasted without their labels (rows 3, 41, 103, 106, 135 of the tuning rows) failed the title check ("正文另有一事") where
the one-matter check, which weighs the words the two stretches share, rightly found one matter.
"""

from __future__ import annotations

import re

import pytest

from _report_shape import proposal_parts
import test_drafts_reading8 as r8
from realdata_paths import DATA, needs

pytestmark = needs(DATA / "jszx_proposals_2019")

_LABELS = ("调研情况", "问题分析", "具体建议")
_LABEL_RE = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def _checks(text: str, genre: str = "proposal") -> dict[str, object]:
    from topicmine.drafts.checks import check_draft

    return {c.name: c for c in check_draft(text, genre).checks}


def _interleaved(a: dict[str, str], b: dict[str, str]) -> str:
    """The blind reader's j3 shape: the first's title, both situations, both problems, "为此建议：", both measure lists."""
    pa, pb = ([proposal_parts(r["content"])[lab] for lab in _LABELS] for r in (a, b))
    return "\n".join([a["reason"].strip(), pa[0], pb[0], pa[1], pb[1], "为此建议：", pa[2], pb[2]])


def _merged(a: dict[str, str], b: dict[str, str]) -> str:
    pa, pb = (proposal_parts(r["content"]) for r in (a, b))
    return a["reason"].strip() + "\n" + "\n".join(f"{k}：{pa[k]}\n{pb[k]}" for k in _LABELS)


def test_the_blind_readers_unlabelled_pair_fails_the_one_matter_verdict_itself() -> None:
    """176 + 213: "高质量发展" (a slogan of the first title, said throughout the second proposal) and "生态" (in a third
    of the 淮安 pieces) tied the two halves; the title's object (湿地 in 22 of 27 pieces, 黄海) is never said in the
    second. Without part labels a weak tie does not hold against that."""
    rows = r8._rows()
    c = _checks(_interleaved(rows[176], rows[213]))
    assert not c["one_matter"].passed, c["one_matter"].message
    assert "淮安" in c["one_matter"].message
    assert not c["title_body"].passed, c["title_body"].message


def test_slogan_words_of_a_title_name_no_matter() -> None:
    from topicmine.drafts.halves import title_words

    words = title_words("建立黄海湿地国家公园  推进生态环境高质量发展再上新台阶")
    assert {"湿地", "公园"} <= words
    assert not {w for w in words if "高质" in w or "台阶" in w}


@pytest.mark.parametrize("x,y", [(102, 87), (249, 275), (36, 52)])
def test_a_merged_pair_whose_title_names_one_fails_one_matter_and_the_title_check(x: int, y: int) -> None:
    """眼科黄斑针剂 + 职业技能等级认定; 物联网 + 光伏; "启动智慧健康养老“时间银行”" + 农村养老 (the quoted phrase stops in
    every part while 养老 runs on)."""
    rows = r8._rows()
    c = _checks(_merged(rows[x], rows[y]))
    assert not c["one_matter"].passed, c["one_matter"].message
    assert not c["title_body"].passed and "正文另有一事" in c["title_body"].message


@pytest.mark.parametrize("i", [3, 41, 103, 106, 135])
def test_single_proposals_without_labels_pass_the_title_check_too(i: int) -> None:
    """Their later text uses other words for the title's object (row 106 课外辅导班: 学校、教师、补课 in its measures);
    the title check said "标题只概括了正文的一部分" beside "✓ 一事一案"."""
    r = r8._rows()[i]
    c = _checks(r["reason"].strip() + "\n" + _LABEL_RE.sub("", r["content"]))
    assert c["one_matter"].passed, c["one_matter"].message
    assert c["title_body"].passed, c["title_body"].message


def test_never_one_matter_beside_a_title_check_that_found_a_second() -> None:
    """Tuning pairs of both shapes: whenever the title check says "正文另有一事", the one-matter line fails too."""
    rows = r8._rows()
    texts = [_merged(rows[x], rows[y]) for x, y in ((102, 87), (102, 116), (139, 113), (36, 52))]
    texts += [_interleaved(rows[x], rows[y]) for x, y in ((176, 213), (186, 167), (168, 144))]
    for r in (rows[x] for x in (6, 22)):
        texts.append(r["reason"].strip() + "\n" + _LABEL_RE.sub("", r["content"]))
    for text in texts:
        c = _checks(text)
        if "正文另有一事" in c["title_body"].message:
            assert not c["one_matter"].passed, (text[:30], c["one_matter"].message)


def test_the_structure_line_says_which_parts_had_a_heading() -> None:
    """The blind reader's unlabelled pair read "✓ 情况、分析、建议齐全（有明确的小标题）" though only "为此建议：" heads
    anything; a filed proposal with all three labels keeps the plain line."""
    rows = r8._rows()
    c = _checks(_interleaved(rows[176], rows[213]))
    assert "建议部分有小标题，情况、分析按内容识别" in c["structure"].message, c["structure"].message
    assert "有明确的小标题" in _checks(r8._single(rows[212]))["structure"].message
