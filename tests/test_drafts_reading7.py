"""Cases from the drafts6 blind reading (docs/figures/drafts6-blind.md), each rebuilt in its SHAPE from
jszx2019_dev rows 0–143 (tuning rows; the reader's rows 144–286 are not used here)."""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import pytest

from _report_shape import build_report, proposal_parts

from realdata_paths import DATA  # noqa: E402
JSZX = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"


def _rows() -> list[dict[str, str]]:
    if not JSZX.exists():
        pytest.skip(f"{JSZX} not found (set TOPICMINE_DATA_DIR)")
    return list(csv.DictReader(JSZX.open(encoding="utf-8")))


def _burden_report() -> str:
    """The 减负 shape: one matter "给中小学生减负、家长减压" whose problem item holds two numbered aspects (学生负担 ·
    家长焦虑) and whose measures are one about the school, one about the family — row 113's own text; three other
    matters (rows 63, 66, 89) beside it."""
    rows = _rows()
    p = {i: proposal_parts(rows[i]["content"]) for i in (113, 63, 66, 89)}
    pr, sg = p[113]["问题分析"], p[113]["具体建议"]
    fam = sg[sg.index("3．实施新家庭教育"):]
    fam = "2．引导家长树立科学的教育观念：" + fam[fam.index("一是"):].replace("一是", "（1）").replace(
        "二是", "（2）").replace("三是", "（3）")
    matters = [dict(h1="中小学生课业负担", sit=p[113]["调研情况"], h2="学生负担过重、家长压力大",
                    prob=pr[:pr.index("3、校外培训机构")], h3="给中小学生减负、家长减压",
                    sugg=sg[sg.index("1、学校教育"):sg.index("（2）改革课堂")] + fam),
               dict(h1="乡村基础教育", sit=p[63]["调研情况"], h2="乡村基础教育薄弱", prob=p[63]["问题分析"],
                    h3="振兴我省乡村基础教育", sugg=p[63]["具体建议"]),
               dict(h1="民办高校教师社会保障", sit=p[66]["调研情况"], h2="民办高校教师社会保障待遇不同等",
                    prob=p[66]["问题分析"], h3="落实民办高校教师同等社会保障待遇", sugg=p[66]["具体建议"]),
               dict(h1="教师职称评聘", sit=p[89]["调研情况"], h2="教师职称评聘机制不完善", prob=p[89]["问题分析"],
                    h3="完善教师职称评聘机制", sugg=p[89]["具体建议"])]
    return build_report("关于我省基础教育和教师队伍情况的调研报告", matters)


def test_a_matters_own_items_are_not_dropped_when_its_measures_alone_fail_too() -> None:
    """drafts6-blind 教育 01: the one-matter check read 学生/课业负担 and 家长/家庭作业 as two sides; the drop loop
    then removed the matter's own （一） items of 基本情况 and 存在问题 one by one until none was left, and the draft
    said "调研情况：【请填写】（报告的基本情况部分没有写到这一事项…）". The words both halves share stand in for the
    report's field words that made the check fail there."""
    import topicmine.drafts as drafts
    from topicmine.drafts.analyze import DEFAULT_LEXICON as lex
    from topicmine.drafts.analyze import analyze_report
    from topicmine.text.layout import normalize_layout

    a = analyze_report(normalize_layout(_burden_report()))
    g = a.groups[0]
    assert g.heading == "给中小学生减负、家长减压"
    own = [p.text for p in g.support]
    assert any(t.startswith("1．学生校外学业负担过重") for t in own) and any("家长普遍呈现情绪焦虑" in t for t in own)
    us = a.group_units(g)
    half_a = set(lex.terms(" ".join(u.text for u in us[: len(us) // 2]) + " ".join(own[:2])))
    half_b = set(lex.terms(" ".join(u.text for u in us[len(us) // 2:]) + " ".join(own[2:])))
    ctx = frozenset(half_a & half_b)
    g2 = copy.deepcopy(g)
    a.groups[0] = g2
    d = drafts._drop_foreign_support(a, g2, "proposal", ctx, 2500, lex, trusted=False, keep_own=True)
    assert [p.text for p in g2.support] == own  # every own item kept
    text = d.text()
    assert "【请填写】（报告的基本情况部分没有写到这一事项" not in text
    assert "学生校外学业负担过重" in text and "家长普遍呈现情绪焦虑" in text


def test_every_situation_and_problem_item_lands_in_a_draft_or_is_reported_unplaced() -> None:
    """Each （k） item of 基本情况/存在问题 and each of its numbered entries is quoted by some draft; an item no
    draft quotes is named in summary.md (here: the drafts without the 减负 matter's draft leave its items unplaced)."""
    from topicmine.drafts import split_report
    from topicmine.drafts.placement import item_placement
    from topicmine.export import summary_markdown

    r = split_report(_burden_report(), layout=True)
    data = r.to_dict()
    assert data["unplaced"] == []
    assert "未写入任何稿件" not in summary_markdown(data)
    placed = item_placement(r.analysis, r.drafts)
    heads = {x["heading"] for x in placed}
    assert {"中小学生课业负担", "学生负担过重、家长压力大", "乡村基础教育薄弱"} <= heads
    first = next(d for d in r.drafts if "减负" in d.title)
    rest = [d for d in r.drafts if d is not first]
    left = [x for x in item_placement(r.analysis, rest) if not x["drafts"]]
    assert {"中小学生课业负担", "学生负担过重、家长压力大"} <= {x["heading"] for x in left}
    md = summary_markdown(dict(data, unplaced=left))
    assert "## 未写入任何稿件的情况/问题条目" in md and "- 基本情况：中小学生课业负担" in md


def test_an_earlier_report_is_not_told_to_have_a_reply() -> None:
    """drafts6-blind: "相近……调研报告《…》……请参阅其办理答复" — a 调研报告 has no 办理答复; a 提案 has."""
    from topicmine.drafts.grounds import duplicate_check

    report = {"level": "相近", "regime": "document", "doc_type": "report", "title": "关于我省一老一小服务体系建设情况的调研报告",
              "year": 2024, "shared_asks": []}
    c = duplicate_check([report], "proposal")
    assert "调研报告《关于我省一老一小服务体系建设情况的调研报告》" in c.message
    assert "办理答复" not in c.message and "请参阅其内容" in c.message
    proposal = dict(report, doc_type="proposal", title="关于扩大老年助餐服务覆盖面的提案", number="0123")
    assert "请参阅其办理答复" in duplicate_check([proposal], "proposal").message
    both = duplicate_check([proposal, report], "proposal").message
    assert "提案的办理答复和其他材料的内容" in both


def test_related_history_items_must_share_the_drafts_object() -> None:
    """drafts6-blind: "与往年…相关" named 《“一老一小”服务体系建设》 and 产教融合 for a 基层中医药 draft. A 相关 item
    (same field, another matter) is named only when its title shares a specific word with the draft."""
    from topicmine.drafts import check_draft

    rows = _rows()
    r = rows[0]
    title = r["reason"].strip()
    unrelated = {"level": "相关", "regime": "document", "doc_type": "report", "shared_asks": [],
                 "title": "关于我省“一老一小”服务体系建设情况的调研报告", "year": 2024}
    own = {"level": "相关", "regime": "document", "doc_type": "proposal", "shared_asks": [],
           "title": title, "year": 2018}
    rep = check_draft(title + "\n" + r["content"], "proposal", title=title,
                      similar=lambda t: [unrelated, own])
    msg = next(c.message for c in rep.checks if c.name == "duplicates")
    assert "一老一小" not in msg and title in msg, msg


def test_two_pasted_proposals_numbered_straight_through_fail_one_matter() -> None:
    """drafts6-blind probe j1c: two proposals of one field under one set of parts, the second's measures numbered on
    from the first's (1–5 then 6–…, one list, no restart) passed "全文围绕同一事项". Rows 136 (老年人护理教育培训)
    + 84 here; each alone still passes."""
    import importlib.util

    from topicmine.drafts.checks import one_matter_check

    spec = importlib.util.spec_from_file_location(
        "bench_one_matter", Path(__file__).resolve().parents[1] / "benchmarks" / "drafts_one_matter.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = _rows()
    a, b = bench._parts(rows[136]["content"]), bench._parts(rows[84]["content"])
    title = rows[136]["reason"].strip()
    merged = bench.straight(a[2], b[2])
    assert "建议如下；6.\xa0为了更好的加强融合教育建设" in merged  # 84's "1." is now "6."
    text = f"{title}\n调研情况：{a[0]}\n{b[0]}\n问题分析：{a[1]}\n{b[1]}\n具体建议：{a[2]}\n{merged}"
    c = one_matter_check(text, "proposal", title=title)
    assert not c.passed and "连续编号" in c.message, c.message
    for i in (136, 84, 100):  # 100: one proposal whose last measures turn to a new means (互联网平台)
        r = rows[i]
        assert one_matter_check(r["reason"].strip() + "\n" + r["content"], "proposal", title=r["reason"].strip()).passed
