"""Faithful support and one matter per draft, on the sample reports a drafter reads (no model: lexical linking).

Built from the failing cases of the 低空经济 report (LA): draft 05 quoted 深圳/合肥 experience as 苏州 facts and
other matters' problems, the 建议案's 主要问题 held "（一）产业基础较为扎实", numbering was broken, and
"关于强化人才和金融支撑的提案" passed one-matter; a file split wrote could fail one-matter when checked alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from topicmine.drafts import check_draft, read_report, split_report, verify_quotes
from topicmine.drafts.assemble import _NUMBERINGS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "corpus" / "sample" / "调研报告").rglob("*") if p.suffix in (".md", ".docx"))
LA = ROOT / "corpus" / "sample" / "调研报告" / "2025" / "关于苏州市低空经济发展情况的调研报告.md"


@pytest.fixture(scope="module")
def la():
    text, heads = read_report(LA)
    return split_report(text, headings=heads, layout=True)


def _support(d) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for s in d.sections[:-1] for p in s.paragraphs if p.kind != "generated"]


def test_support_comes_from_the_matters_own_items(la) -> None:
    talent = next(d for d in la.drafts if "人才" in d.title)
    sup = "".join(_support(talent))
    # not Shenzhen's 立法先行 or Hefei's 基金引导 as facts, not 规划/违规飞行 of other matters
    for other in ("立法先行", "规划缺乏统筹", "违规飞行无人机案件", "部门协同不够"):
        assert other not in sup, other
    safety = next(d for d in la.drafts if "安全" in d.title)
    assert any("违规飞行无人机案件300余起" in p for p in _support(safety))
    chain = next(d for d in la.drafts if "产业链" in d.title)
    assert any("整机企业规模偏小" in p for p in _support(chain))
    assert not any("低空通信导航" in p for p in _support(chain))


def test_other_places_experience_is_attributed_or_left_out(la) -> None:
    for d in la.drafts:
        for p in [p for s in d.sections for p in s.paragraphs]:
            if p in d.sections[-1].paragraphs:
                continue  # the report's own suggestions may name other places
            if re.search(r"深圳|合肥|立法先行|设施“成网”|平台统一。|场景开放。|基金引导。", p.text):
                assert p.lead.startswith("外地经验（") and ("深圳" in p.lead or "合肥" in p.lead), p.text
        assert not any("两地经验的共同点" in t for t in _support(d))  # the report's comment names no place


def test_motion_keeps_situation_out_of_main_problems(la) -> None:
    motion = next(d for d in la.drafts if d.genre == "motion")
    problems = next(s for s in motion.sections if s.heading == "主要问题")
    assert not any("产业基础" in p.text or "产业基础雄厚" in p.text for p in problems.paragraphs)
    assert all(verify_quotes(d, la.analysis.text) == [] for d in la.drafts)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem[:10] for p in SAMPLES])
def test_numbering_runs_in_order_and_no_orphan_headings(path: Path) -> None:
    text, heads = read_report(path)
    res = split_report(text, headings=heads, layout=True)
    for d in res.drafts:
        for s in d.sections:
            seen: dict[int, list[str]] = {}
            for p in s.paragraphs:
                if p.kind == "generated":
                    continue
                # a heading line quoted alone is never support
                assert p.kind == "heading2" or len(p.text) > 20 or re.search(r"[。；！？]", p.text), p.text
                for depth, rx in _NUMBERINGS:
                    m = rx.match(p.text)
                    if m:
                        for deeper in [k for k in seen if k > depth]:
                            del seen[deeper]
                        seen.setdefault(depth, []).append(m.group(0))
                        break
            for toks in seen.values():
                vals = [re.sub(r"\D", "", t) or "一二三四五六七八九十".index(re.sub(r"[^一二三四五六七八九十]", "", t)[:1]) + 1
                        for t in toks]
                assert [int(v) for v in vals] == list(range(1, len(vals) + 1)), (d.title, s.heading, toks)


TALENT_AND_FINANCE = """关于强化人才和金融支撑的提案
一、案由
关于强化人才和金融支撑的提案
二、调研情况
三、问题分析
低空经济领域的飞控算法、适航管理、空管服务等专业人才紧缺，企业反映高端研发人才和持证飞手“招不到、留不住”，本地高校和职业院校尚未开设相关专业。低空经济企业多为初创企业，轻资产、研发投入大，银行贷款难以获得，社会资本对低空基础设施项目的投资回报心存疑虑。
四、具体建议
1.加强人才培养引进。支持在苏高校、职业院校开设无人机应用技术、低空交通管理等专业，建设无人机驾驶员培训考试基地；将低空经济领域高端人才纳入全市重点人才计划。
2.创新金融服务。引导银行开发“低空贷”等信用贷款产品，鼓励保险机构开发无人机第三者责任险、机身险；发挥低空产业专项基金作用，对早期项目给予股权投资支持。"""


def test_talent_and_finance_fails_one_matter_when_checked_alone() -> None:
    r = check_draft(TALENT_AND_FINANCE, "proposal")
    om = next(c for c in r.checks if c.name == "one_matter")
    assert not om.passed and "人才" in om.message and "金融" in om.message


def test_one_proposal_with_a_joined_title_still_passes() -> None:
    # two measures for one object, one department: 垃圾分类 (a real proposal's shape)
    t = ("关于加大对生活垃圾分类工作的精准指导和资金投入的提案\n问题分析：我市生活垃圾分类投放准确率不高，部分小区分类设施不足。\n"
         "具体建议：1.加强精准指导。组织生活垃圾分类指导员入户宣传，指导居民正确分类投放生活垃圾。\n"
         "2.加大资金投入。安排生活垃圾分类专项资金，用于小区生活垃圾分类设施改造。")
    om = next(c for c in check_draft(t, "proposal").checks if c.name == "one_matter")
    assert om.passed, om.message


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem[:10] for p in SAMPLES])
def test_every_written_draft_passes_its_own_standalone_one_matter_check(path: Path, tmp_path: Path) -> None:
    """What `topicmine check-draft FILE` says on each file split wrote (the report's field words unknown)."""
    text, heads = read_report(path)
    res = split_report(text, tmp_path / "out", headings=heads, layout=True)
    assert res.drafts
    for f in sorted((tmp_path / "out").glob("*.md")):
        if f.name.startswith("summary"):
            continue
        body, _ = read_report(f)
        r = check_draft(body)
        om = next(c for c in r.checks if c.name == "one_matter")
        assert om.passed or om.severity != "error", (f.name, om.message)
